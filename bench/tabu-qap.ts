// Tabu search on QAPLIB: nug12, nug20, chr25a (optimum in >= 8 of 10 seeds), nug30 and tai30a
// (mean gap <= 1%), one core, 10 seeds, 10 s per run stopping at the optimum; prints hits,
// gaps and time and iterations to the optimum. `--iterations N` bounds runs by tabu iterations
// instead of seconds, so that figures do not depend on machine load.
// Options: --seeds N --seconds S --iterations N --instances a,b --params JSON --name NAME
import { tabuSearch } from '../src/algorithms/tabu-search/tabu-search.js';
import { minimize } from '../src/runners/minimize.js';
import { writeBenchResult } from './continuous-suite.js';
import { qapProblem } from './tabu-problems.js';
import { option } from './results.js';
import { benchClock } from './cpu-clock.js';

const instances = (option('instances') ?? 'nug12,nug20,chr25a,nug30,tai30a').split(',');
const seeds = Number(option('seeds') ?? 10);
const seconds = Number(option('seconds') ?? 10);
const iterations = option('iterations') === undefined ? undefined : Number(option('iterations'));
const extra = JSON.parse(option('params') ?? '{}') as object;
const params = iterations === undefined ? extra : { ...extra, maxIterations: iterations };

interface Run {
  seed: number;
  value: number;
  gapPercent: number;
  seconds: number;
  /** CPU time of the whole run (it stops at the optimum): machine load does not inflate it. */
  cpuSeconds: number;
  iterations: number;
  moveEvaluations: number;
  hit: boolean;
}

const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const rows = [];
for (const name of instances) {
  const problem = await qapProblem(name);
  const optimum = problem.optimum as number;
  const n = problem.space.dimension;
  const runs: Run[] = [];
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
    // The time the best value was first reached.
    const improvement = result.trace.find((p) => p.value === result.bestValue);
    const run: Run = {
      seed,
      value: result.bestValue,
      gapPercent: result.gapPercent ?? 0,
      seconds: (improvement?.elapsedMs ?? result.elapsedMs) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      iterations: Math.round(result.moveEvaluations / ((n * (n - 1)) / 2)),
      moveEvaluations: result.moveEvaluations,
      hit: result.bestValue <= optimum,
    };
    runs.push(run);
    process.stderr.write(
      `${name} seed ${seed}: ${run.value} (gap ${run.gapPercent.toFixed(3)}%) at ${run.seconds.toFixed(2)} s (${run.cpuSeconds.toFixed(2)} CPU s), ${run.iterations} iterations\n`,
    );
  }
  const hits = runs.filter((r) => r.hit);
  rows.push({
    instance: name,
    n,
    optimum,
    hits: hits.length,
    seeds,
    meanGapPercent: runs.reduce((s, r) => s + r.gapPercent, 0) / runs.length,
    worstGapPercent: Math.max(...runs.map((r) => r.gapPercent)),
    medianSecondsToOptimum: median(hits.map((r) => r.seconds)),
    medianCpuSecondsToOptimum: median(hits.map((r) => r.cpuSeconds)),
    medianIterationsToOptimum: median(hits.map((r) => r.iterations)),
    iterationsPerCpuSecond:
      runs.reduce((s, r) => s + r.iterations, 0) / runs.reduce((s, r) => s + r.cpuSeconds, 0),
    runs,
  });
}

console.log(
  `\ntabu-search on QAPLIB, ${seeds} seeds, ${iterations === undefined ? `${seconds} s` : `${iterations} iterations`} per run (${option('clock') ?? 'wall'} clock), stopping at the optimum\n`,
);
console.log(
  '| instance | n | optimum | hits | mean gap % | worst gap % | median s to opt | median CPU s to opt | median iterations to opt | iterations per CPU-s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.instance} | ${r.n} | ${r.optimum} | ${r.hits}/${r.seeds} | ${r.meanGapPercent.toFixed(3)} | ${r.worstGapPercent.toFixed(3)} | ${Number.isNaN(r.medianSecondsToOptimum) ? '-' : r.medianSecondsToOptimum.toFixed(2)} | ${Number.isNaN(r.medianCpuSecondsToOptimum) ? '-' : r.medianCpuSecondsToOptimum.toFixed(2)} | ${Number.isNaN(r.medianIterationsToOptimum) ? '-' : r.medianIterationsToOptimum} | ${Math.round(r.iterationsPerCpuSecond)} |`,
  );
}
const path = writeBenchResult(option('name') ?? 'tabu-qap', {
  seeds,
  seconds: iterations === undefined ? seconds : null,
  iterations: iterations ?? null,
  params,
  rows,
});
console.log(`wrote ${path}`);
