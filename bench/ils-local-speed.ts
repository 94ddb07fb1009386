// Speed of the continuous local optimizers on sphere, d = 30: evaluations per second of the
// ask/tell loop (optimizer + objective) for quasi-Newton and pattern search, against a bare loop
// that only evaluates the same number of points, and of iterated local search inside
// minimize(). Median of 5 rounds of about 1 s each; time-bound, so machine load lowers it.
// Options: --dimension D --rounds N --name NAME
import { iteratedLocalSearch } from '../src/algorithms/iterated-local-search/iterated-local-search.js';
import {
  localAsk,
  localDone,
  localInit,
  localTell,
  type LocalMethod,
} from '../src/algorithms/operators/local-optimizer/local-optimizer.js';
import { createRng } from '../src/core/rng.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';

const dimension = Number(option('dimension') ?? 30);
const rounds = Number(option('rounds') ?? 5);
const sphere = TEST_FUNCTIONS.find((f) => f.name === 'sphere');
if (sphere === undefined) throw new Error('sphere is missing from the suite');
const problem = continuousProblem(sphere, { dimension, shifted: true });
const box = { lower: problem.space.vectorLower, upper: problem.space.vectorUpper };
const evaluate = (x: number[]): number => problem.evaluate(x) as number;

// Local optimizations from random starts until about a second has passed.
function localRound(method: LocalMethod, seed: number): { evaluations: number; seconds: number } {
  const rng = createRng(seed);
  let evaluations = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    const state = localInit(problem.space.sample(rng), undefined, box, { method });
    while (!localDone(state)) {
      const points = localAsk(state);
      localTell(state, points.map(evaluate));
    }
    evaluations += state.evaluations;
  }
  return { evaluations, seconds: (performance.now() - start) / 1000 };
}

// The same number of evaluations of random points, without an optimizer.
function bareRound(evaluations: number, seed: number): number {
  const rng = createRng(seed);
  const points = Array.from({ length: 1000 }, () => problem.space.sample(rng));
  let sink = 0;
  const start = performance.now();
  for (let k = 0; k < evaluations; k++) sink += evaluate(points[k % 1000] as number[]);
  if (sink < 0) console.log(sink);
  return evaluations / ((performance.now() - start) / 1000);
}

async function ilsRound(seed: number): Promise<number> {
  const result = await minimize(problem, iteratedLocalSearch, {
    budget: { seconds: 1 },
    seed,
  });
  return result.evaluations / (result.elapsedMs / 1000);
}

const rows = [];
for (const method of ['quasi-newton', 'pattern'] as const) {
  const rates: number[] = [];
  const bare: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const { evaluations, seconds } = localRound(method, round);
    rates.push(evaluations / seconds);
    bare.push(bareRound(evaluations, round));
  }
  rows.push({
    what: `local optimizer: ${method}`,
    evaluationsPerSecond: median(rates),
    bareEvaluationsPerSecond: median(bare),
  });
}
const ils: number[] = [];
for (let round = 1; round <= rounds; round++) ils.push(await ilsRound(round));
rows.push({ what: 'iterated-local-search in minimize()', evaluationsPerSecond: median(ils) });

console.log(`\nsphere (shifted), d = ${dimension}, median of ${rounds} rounds of about 1 s\n`);
console.log('| loop | evaluations/s | bare evaluations/s | optimizer time per evaluation |');
console.log('|---|---:|---:|---:|');
for (const row of rows) {
  const bare = 'bareEvaluationsPerSecond' in row ? row.bareEvaluationsPerSecond : undefined;
  const overhead =
    bare === undefined ? '-' : `${((1 / row.evaluationsPerSecond - 1 / bare) * 1e6).toFixed(2)} µs`;
  console.log(
    `| ${row.what} | ${Math.round(row.evaluationsPerSecond)} | ${bare === undefined ? '-' : Math.round(bare)} | ${overhead} |`,
  );
}
const path = writeBenchResult(option('name') ?? 'ils-local-speed', {
  dimension,
  rounds,
  node: process.version,
  date: new Date().toISOString(),
  rows,
});
console.log(`\nwrote ${path}`);
