// TSP at scale: seeded uniform random instances (1,000 and 10,000 cities by default) and the
// largest shipped TSPLIB instances. Per instance: time to read/build the problem, to build the
// neighbour lists, the alpha-nearness candidates (subgradient ascent included) and the greedy
// tour, heap growth for them (O(n x neighbours), no matrix above
// 1,000 cities), the greedy tour's length, and a short iterated local search (defaults) with its
// iterations per CPU-second and its gap to the optimum (TSPLIB) or to the best of its seeds
// (random instances, where the greedy tour counts as a seed; with --reference-seconds R, also
// to one long run of R seconds, seed 1000). --seeds 0 measures the build only. --clock cpu
// counts the seconds in this process's CPU time (bench/cpu-clock.ts).
// Options: --sizes 1000,10000 --instances pr2392,fnl4461 --seconds S --seeds N
// --reference-seconds R --clock wall|cpu --name NAME
import { iteratedLocalSearch } from '../src/algorithms/iterated-local-search/iterated-local-search.js';
import { createRng } from '../src/core/rng.js';
import type { Problem } from '../src/core/problem.js';
import { tspProblem, tspProblemFromInstance } from '../src/problems/tsp/problem.js';
import { parseTsplib } from '../src/problems/tsp/tsplib.js';
import { minimize } from '../src/runners/minimize.js';
import { benchClock } from './cpu-clock.js';
import { writeBenchResult } from './continuous-suite.js';
import { median, option } from './results.js';

const sizes = (option('sizes') ?? '1000,10000')
  .split(',')
  .filter((s) => s !== '')
  .map(Number);
const instances = (option('instances') ?? 'pr2392,fnl4461').split(',').filter((s) => s !== '');
const seconds = Number(option('seconds') ?? 10);
const seeds = Number(option('seeds') ?? 3);
const referenceSeconds = Number(option('reference-seconds') ?? 0);
const REFERENCE_SEED = 1000;

/** A uniform random EUC_2D instance in a 1,000,000 square, from a seeded Rng. */
function randomInstanceText(n: number, seed: number): string {
  const rng = createRng(`uniform-${n}-${seed}`);
  const lines = Array.from(
    { length: n },
    (_, k) => `${k + 1} ${Math.round(rng.uniform(0, 1e6))} ${Math.round(rng.uniform(0, 1e6))}`,
  );
  return [
    `NAME : uniform${n}`,
    `DIMENSION : ${n}`,
    'EDGE_WEIGHT_TYPE : EUC_2D',
    'NODE_COORD_SECTION',
    ...lines,
  ].join('\n');
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1e6;
}

/** Wall and CPU milliseconds of `work` (CPU time is what a loaded machine does not distort). */
function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const rows = [];
const targets = [
  ...sizes.map((n) => ({ name: `uniform${n}`, n })),
  ...instances.map((name) => ({ name, n: 0 })),
];
for (const target of targets) {
  globalThis.gc?.();
  const heapBefore = heapMb();
  const text = target.n > 0 ? randomInstanceText(target.n, 1) : '';
  const load = timed((): Problem<number[]> =>
    target.n > 0
      ? tspProblemFromInstance(parseTsplib(text, `${target.name}.tsp`))
      : tspProblem({ instance: target.name }),
  );
  const problem = load.value;
  const moves = problem.moves as NonNullable<Problem<number[]>['moves']>;
  const lists = timed(() => moves.neighbors as readonly (readonly number[])[]);
  const neighbors = lists.value;
  const candidateLists = timed(() => moves.candidates as readonly (readonly number[])[]);
  const construction = timed(() => moves.construct?.() as number[]);
  const greedy = construction.value;
  const greedyLength = problem.evaluate(greedy) as number;
  globalThis.gc?.();
  const heapGrowthMb = heapMb() - heapBefore;
  const runs = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const cpu = process.cpuUsage();
    const result = await minimize(problem, iteratedLocalSearch, {
      budget: { seconds },
      seed,
      clock: benchClock(),
    });
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    runs.push({
      seed,
      value: result.bestValue,
      iterations: result.evaluations,
      cpuSeconds,
      iterationsPerCpuSecond: result.evaluations / cpuSeconds,
    });
    process.stderr.write(
      `${target.name} seed ${seed}: ${result.bestValue} after ${result.evaluations} iterations, ${cpuSeconds.toFixed(1)} CPU s\n`,
    );
  }
  let longRun: number | undefined;
  if (problem.optimum === undefined && referenceSeconds > 0) {
    const result = await minimize(problem, iteratedLocalSearch, {
      budget: { seconds: referenceSeconds },
      seed: REFERENCE_SEED,
      clock: benchClock(),
    });
    longRun = result.bestValue;
    process.stderr.write(`${target.name} reference run (${referenceSeconds} s): ${longRun}\n`);
  }
  const reference =
    problem.optimum ?? Math.min(greedyLength, longRun ?? Infinity, ...runs.map((r) => r.value));
  const gaps = runs.map((r) => (100 * (r.value - reference)) / reference);
  rows.push({
    instance: target.name,
    n: problem.space.dimension,
    loadMs: load.ms,
    loadCpuMs: load.cpuMs,
    neighborMs: lists.ms,
    neighborCpuMs: lists.cpuMs,
    neighborsPerCity: neighbors[0]?.length ?? 0,
    candidateMs: candidateLists.ms,
    candidateCpuMs: candidateLists.cpuMs,
    candidatesPerCity: candidateLists.value[0]?.length ?? 0,
    preparationCpuMs: load.cpuMs + lists.cpuMs + candidateLists.cpuMs + construction.cpuMs,
    greedyMs: construction.ms,
    greedyCpuMs: construction.cpuMs,
    heapGrowthMb,
    greedyGapPercent: (100 * (greedyLength - reference)) / reference,
    reference:
      problem.optimum !== undefined
        ? 'optimum'
        : longRun === undefined
          ? 'best of the seeds'
          : `best of the seeds and a ${referenceSeconds} s run`,
    longRun,
    meanGapPercent: runs.length > 0 ? gaps.reduce((s, g) => s + g, 0) / gaps.length : NaN,
    medianIterationsPerCpuSecond:
      runs.length > 0 ? median(runs.map((r) => r.iterationsPerCpuSecond)) : NaN,
    medianCpuSeconds: runs.length > 0 ? median(runs.map((r) => r.cpuSeconds)) : NaN,
    runs,
  });
}

console.log(`\nTSP at scale: ILS defaults, ${seeds} seeds, ${seconds} s per run\n`);
console.log(
  '| instance | n | read + build ms (CPU ms) | neighbour lists ms (CPU ms) | alpha candidates ms (CPU ms) | greedy ms (CPU ms) | total CPU ms | heap growth MB | greedy gap % | ILS mean gap % (reference) | ILS iterations per CPU-s | CPU s per run |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
const both = (ms: number, cpuMs: number): string => `${ms.toFixed(0)} (${cpuMs.toFixed(0)})`;
for (const r of rows) {
  console.log(
    `| ${r.instance} | ${r.n} | ${both(r.loadMs, r.loadCpuMs)} | ${both(r.neighborMs, r.neighborCpuMs)} | ${both(r.candidateMs, r.candidateCpuMs)} | ${both(r.greedyMs, r.greedyCpuMs)} | ${r.preparationCpuMs.toFixed(0)} | ${r.heapGrowthMb.toFixed(1)} | ${r.greedyGapPercent.toFixed(1)} | ${r.meanGapPercent.toFixed(2)} (${r.reference}) | ${r.medianIterationsPerCpuSecond.toFixed(0)} | ${r.medianCpuSeconds.toFixed(1)} |`,
  );
}
const path = writeBenchResult(option('name') ?? 'tsp-scale', {
  seconds,
  seeds,
  referenceSeconds,
  clock: option('clock') ?? 'wall',
  rows,
});
console.log(`wrote ${path}`);
