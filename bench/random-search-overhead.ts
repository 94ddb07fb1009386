// Overhead of the runner: evaluations per second of `minimize` with random search on sphere
// d = 10, against a bare loop that samples and evaluates the same points in the same process.
// Rounds alternate (bare, kiln, bare, kiln...) and the ratio is taken round by round, so that
// machine noise hits both sides alike.
//
//   npx tsx bench/random-search-overhead.ts [--evaluations N] [--rounds R]
import { parseArgs } from 'node:util';
import { randomSearch } from '../src/algorithms/random-search/random-search.js';
import { createRng } from '../src/core/rng.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeResult } from './results.js';

const { values } = parseArgs({
  options: {
    evaluations: { type: 'string', default: '2000000' },
    rounds: { type: 'string', default: '9' },
  },
});
const evaluations = Number(values.evaluations);
const rounds = Number(values.rounds);
const problem = continuousProblem(TEST_FUNCTIONS[0]!, { dimension: 10, shifted: false });

function bareLoop(): { perSecond: number; best: number } {
  const rng = createRng(1).fork('solver');
  const start = performance.now();
  let best = Infinity;
  for (let i = 0; i < evaluations; i++) {
    const value = problem.evaluate(problem.space.sample(rng)) as number;
    if (value < best) best = value;
  }
  return { perSecond: evaluations / ((performance.now() - start) / 1000), best };
}

async function kiln(): Promise<{ perSecond: number; best: number }> {
  const start = performance.now();
  const result = await minimize(problem, randomSearch, { budget: { evaluations }, seed: 1 });
  return { perSecond: evaluations / ((performance.now() - start) / 1000), best: result.bestValue };
}

const bare: number[] = [];
const runner: number[] = [];
const ratios: number[] = [];
for (let round = 0; round < rounds; round++) {
  const a = bareLoop();
  const b = await kiln();
  if (a.best !== b.best)
    throw new Error(`the two loops saw different points (${a.best} vs ${b.best})`);
  bare.push(a.perSecond);
  runner.push(b.perSecond);
  ratios.push(b.perSecond / a.perSecond);
  console.log(
    `round ${round + 1}: bare ${Math.round(a.perSecond).toLocaleString('en-US')}/s, minimize ${Math.round(b.perSecond).toLocaleString('en-US')}/s, ratio ${(b.perSecond / a.perSecond).toFixed(3)}`,
  );
}
const summary = {
  evaluations,
  rounds,
  bareMedianPerSecond: Math.round(median(bare)),
  minimizeMedianPerSecond: Math.round(median(runner)),
  medianRatio: Number(median(ratios).toFixed(3)),
  target: 0.7,
};
console.log(
  `\nmedian: bare ${summary.bareMedianPerSecond.toLocaleString('en-US')}/s, minimize ${summary.minimizeMedianPerSecond.toLocaleString('en-US')}/s, ratio ${summary.medianRatio} (target >= ${summary.target})`,
);
writeResult('random-search-overhead', summary);
