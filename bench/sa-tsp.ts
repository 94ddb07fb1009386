// Simulated annealing on TSPLIB through the move model (2-opt and Or-opt deltas on neighbour
// lists): kroA100, ch150 and a280, target mean gap <= 3%, one core, 10 seeds, 10 s per run.
// `--evaluations N` bounds runs by full evaluations (each one after a chunk of moves) instead
// of seconds, so that figures do not depend on machine load.
// `--first-seed K` runs seeds K..K+N-1 (to split the seeds of one instance over processes).
// Options: --seeds N --first-seed K --seconds S --evaluations N --instances a,b --params JSON --name NAME
import { simulatedAnnealing } from '../src/algorithms/simulated-annealing/simulated-annealing.js';
import { writeBenchResult } from './continuous-suite.js';
import { instanceRunOptions, runSeeds } from './instance-runs.js';
import { registryProblem } from './tabu-problems.js';
import { option } from './results.js';

const options = instanceRunOptions({ instances: 'kroA100,ch150,a280', seeds: 10 });
const { seeds, seconds, evaluations, params } = options;

const rows = [];
for (const name of options.instances) {
  const problem = await registryProblem('tsp', name);
  const optimum = problem.optimum as number;
  const seedRuns = await runSeeds(problem, simulatedAnnealing, options, ({ seed, result }) =>
    process.stderr.write(
      `${name} seed ${seed}: ${result.bestValue} (gap ${(result.gapPercent ?? 0).toFixed(2)}%), ${(result.moveEvaluations / 1e6).toFixed(1)}M moves in ${(result.elapsedMs / 1000).toFixed(1)} s\n`,
    ),
  );
  const runs = seedRuns.map(({ seed, result, cpuSeconds }) => ({
    seed,
    value: result.bestValue,
    gapPercent: result.gapPercent ?? 0,
    seconds: result.elapsedMs / 1000,
    cpuSeconds,
    moveEvaluations: result.moveEvaluations,
    evaluations: result.evaluations,
  }));
  const gaps = runs.map((r) => r.gapPercent);
  rows.push({
    instance: name,
    n: problem.space.dimension,
    optimum,
    seeds,
    meanGapPercent: gaps.reduce((s, g) => s + g, 0) / gaps.length,
    bestGapPercent: Math.min(...gaps),
    worstGapPercent: Math.max(...gaps),
    optimumHits: runs.filter((r) => r.value <= optimum).length,
    meanMoveEvaluations: runs.reduce((s, r) => s + r.moveEvaluations, 0) / runs.length,
    movesPerCpuSecond:
      runs.reduce((s, r) => s + r.moveEvaluations, 0) / runs.reduce((s, r) => s + r.cpuSeconds, 0),
    runs,
  });
}

const budget = evaluations === undefined ? `${seconds} s` : `${evaluations} evaluations`;
console.log(
  `\nsimulated-annealing on TSPLIB (2-opt + Or-opt deltas), ${seeds} seeds, ${budget} per run\n`,
);
console.log(
  '| instance | n | optimum | mean gap % | best gap % | worst gap % | target <= 3% | optimum hits | mean move evaluations | moves per CPU-second |',
);
console.log('|---|---:|---:|---:|---:|---:|---|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.instance} | ${r.n} | ${r.optimum} | ${r.meanGapPercent.toFixed(2)} | ${r.bestGapPercent.toFixed(2)} | ${r.worstGapPercent.toFixed(2)} | ${r.meanGapPercent <= 3 ? 'pass' : 'FAIL'} | ${r.optimumHits}/${r.seeds} | ${(r.meanMoveEvaluations / 1e6).toFixed(1)}M | ${(r.movesPerCpuSecond / 1e6).toFixed(2)}M |`,
  );
}
const path = writeBenchResult(option('name') ?? 'sa-tsp', {
  seeds,
  seconds: evaluations === undefined ? seconds : null,
  evaluations: evaluations ?? null,
  params,
  rows,
});
console.log(`wrote ${path}`);
