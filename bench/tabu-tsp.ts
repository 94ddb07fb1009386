// Tabu search on TSPLIB with 2-opt moves on neighbour lists: kroA100, ch150 and a280 (mean
// gap <= 3%), one core, 10 seeds, 10 s per run. `--iterations N` bounds runs by tabu
// iterations instead of seconds, so that figures do not depend on machine load; `--clock cpu`
// counts the seconds budget in this process's CPU time (bench/cpu-clock.ts).
// Options: --seeds N --seconds S --clock wall|cpu --iterations N --instances a,b --params JSON
// --name NAME
import { tabuSearch } from '../src/algorithms/tabu-search/tabu-search.js';
import { minimize } from '../src/runners/minimize.js';
import { writeBenchResult } from './continuous-suite.js';
import { registryProblem } from './tabu-problems.js';
import { option } from './results.js';
import { benchClock } from './cpu-clock.js';

const instances = (option('instances') ?? 'kroA100,ch150,a280').split(',');
const seeds = Number(option('seeds') ?? 10);
const seconds = Number(option('seconds') ?? 10);
const iterations = option('iterations') === undefined ? undefined : Number(option('iterations'));
const extra = JSON.parse(option('params') ?? '{}') as object;
const params = iterations === undefined ? extra : { ...extra, maxIterations: iterations };

const rows = [];
for (const name of instances) {
  const problem = await registryProblem('tsp', name);
  const optimum = problem.optimum as number;
  const runs = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const cpu = process.cpuUsage();
    const result = await minimize(problem, tabuSearch, {
      budget:
        iterations === undefined
          ? { seconds, target: optimum }
          : { evaluations: 1e9, target: optimum },
      params,
      seed,
      clock: benchClock(),
    });
    const used = process.cpuUsage(cpu);
    const run = {
      seed,
      value: result.bestValue,
      gapPercent: result.gapPercent ?? 0,
      seconds: result.elapsedMs / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      moveEvaluations: result.moveEvaluations,
      evaluations: result.evaluations,
    };
    runs.push(run);
    process.stderr.write(
      `${name} seed ${seed}: ${run.value} (gap ${run.gapPercent.toFixed(2)}%), ${(run.moveEvaluations / 1e6).toFixed(1)}M move evaluations\n`,
    );
  }
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
    meanCpuSeconds: runs.reduce((s, r) => s + r.cpuSeconds, 0) / runs.length,
    runs,
  });
}

console.log(
  `\ntabu-search on TSPLIB (2-opt, neighbour lists), ${seeds} seeds, ${iterations === undefined ? `${seconds} s` : `${iterations} iterations`} per run\n`,
);
console.log(
  '| instance | n | optimum | mean gap % | best gap % | worst gap % | optimum hits | mean move evaluations | mean CPU s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.instance} | ${r.n} | ${r.optimum} | ${r.meanGapPercent.toFixed(2)} | ${r.bestGapPercent.toFixed(2)} | ${r.worstGapPercent.toFixed(2)} | ${r.optimumHits}/${r.seeds} | ${(r.meanMoveEvaluations / 1e6).toFixed(1)}M | ${r.meanCpuSeconds.toFixed(2)} |`,
  );
}
const path = writeBenchResult(option('name') ?? 'tabu-tsp', {
  seeds,
  seconds: iterations === undefined ? seconds : null,
  iterations: iterations ?? null,
  clock: option('clock') ?? 'wall',
  params,
  rows,
});
console.log(`wrote ${path}`);
