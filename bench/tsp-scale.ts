// TSP at scale: seeded uniform random instances (1,000 and 10,000 cities by default) and the
// largest shipped TSPLIB instances. Per instance: time to read/build the problem, to build the
// neighbour lists and the greedy tour, heap growth for them (O(n x neighbours), no matrix above
// 1,000 cities), the greedy tour's length, and a short iterated local search (defaults) with its
// iterations per CPU-second and its gap to the optimum (TSPLIB) or to the best of its seeds
// (random instances).
// Options: --sizes 1000,10000 --instances pr2392,fnl4461 --seconds S --seeds N --name NAME
import { iteratedLocalSearch } from '../src/algorithms/iterated-local-search/iterated-local-search.js';
import { createRng } from '../src/core/rng.js';
import type { Problem } from '../src/core/problem.js';
import { tspProblem, tspProblemFromInstance } from '../src/problems/tsp/problem.js';
import { parseTsplib } from '../src/problems/tsp/tsplib.js';
import { minimize } from '../src/runners/minimize.js';
import { writeBenchResult } from './continuous-suite.js';
import { median, option } from './results.js';

const sizes = (option('sizes') ?? '1000,10000').split(',').map(Number);
const instances = (option('instances') ?? 'pr2392,fnl4461').split(',').filter((s) => s !== '');
const seconds = Number(option('seconds') ?? 10);
const seeds = Number(option('seeds') ?? 3);

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

const rows = [];
const targets = [
  ...sizes.map((n) => ({ name: `uniform${n}`, n })),
  ...instances.map((name) => ({ name, n: 0 })),
];
for (const target of targets) {
  globalThis.gc?.();
  const heapBefore = heapMb();
  let time = performance.now();
  const problem: Problem<number[]> =
    target.n > 0
      ? tspProblemFromInstance(parseTsplib(randomInstanceText(target.n, 1), `${target.name}.tsp`))
      : tspProblem({ instance: target.name });
  const loadMs = performance.now() - time;
  time = performance.now();
  const moves = problem.moves as NonNullable<Problem<number[]>['moves']>;
  const neighbors = moves.neighbors as readonly (readonly number[])[];
  const neighborMs = performance.now() - time;
  time = performance.now();
  const greedy = moves.construct?.() as number[];
  const greedyMs = performance.now() - time;
  const greedyLength = problem.evaluate(greedy) as number;
  globalThis.gc?.();
  const heapGrowthMb = heapMb() - heapBefore;
  const runs = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const cpu = process.cpuUsage();
    const result = await minimize(problem, iteratedLocalSearch, { budget: { seconds }, seed });
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
  const reference = problem.optimum ?? Math.min(...runs.map((r) => r.value));
  const gaps = runs.map((r) => (100 * (r.value - reference)) / reference);
  rows.push({
    instance: target.name,
    n: problem.space.dimension,
    loadMs,
    neighborMs,
    neighborsPerCity: neighbors[0]?.length ?? 0,
    greedyMs,
    heapGrowthMb,
    greedyGapPercent: (100 * (greedyLength - reference)) / reference,
    reference: problem.optimum === undefined ? 'best of the seeds' : 'optimum',
    meanGapPercent: gaps.reduce((s, g) => s + g, 0) / gaps.length,
    medianIterationsPerCpuSecond: median(runs.map((r) => r.iterationsPerCpuSecond)),
    medianCpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    runs,
  });
}

console.log(`\nTSP at scale: ILS defaults, ${seeds} seeds, ${seconds} s per run\n`);
console.log(
  '| instance | n | read + build ms | neighbour lists ms | greedy ms | heap growth MB | greedy gap % | ILS mean gap % (reference) | ILS iterations per CPU-s | CPU s per run |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.instance} | ${r.n} | ${r.loadMs.toFixed(0)} | ${r.neighborMs.toFixed(0)} | ${r.greedyMs.toFixed(0)} | ${r.heapGrowthMb.toFixed(1)} | ${r.greedyGapPercent.toFixed(1)} | ${r.meanGapPercent.toFixed(2)} (${r.reference}) | ${r.medianIterationsPerCpuSecond.toFixed(0)} | ${r.medianCpuSeconds.toFixed(1)} |`,
  );
}
const path = writeBenchResult(option('name') ?? 'tsp-scale', { seconds, seeds, rows });
console.log(`wrote ${path}`);
