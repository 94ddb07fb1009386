// Evaluations per second of differential evolution (default L-SHADE) on sphere d = 10 with
// 100,000 evaluations, in this thread, next to SciPy differential_evolution's 15,128/s (peers.md,
// CPU seconds, polish on). Also the bare cost of the objective, to show the solver's overhead.
// Time-bounded figures: run on a quiet machine (or say that it was loaded).
import { differentialEvolution } from '../src/algorithms/differential-evolution.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeBenchResult } from './continuous-suite.js';

const SCIPY_DE_PER_SECOND = 15_128;
const dimension = 10;
const evaluations = 100_000;
const rounds = 5;
const fn = TEST_FUNCTIONS.find((f) => f.name === 'sphere');
if (fn === undefined) throw new Error('sphere is missing from the suite');
const problem = continuousProblem(fn, { dimension, shifted: false });

// The objective alone on the same number of points (what any solver must pay).
function bareRate(): number {
  const points = Array.from({ length: 1000 }, (_, i) =>
    Array.from({ length: dimension }, (_, j) => Math.sin(i * 7 + j) * 5),
  );
  let sink = 0;
  const start = performance.now();
  for (let k = 0; k < evaluations; k++)
    sink += problem.evaluate(points[k % 1000] as number[]) as number;
  const seconds = (performance.now() - start) / 1000;
  if (sink === -1) console.log(sink);
  return evaluations / seconds;
}

const variants = [
  { label: 'lshade (default)', params: {} },
  { label: 'shade', params: { variant: 'shade' } },
  { label: 'classic rand/1/bin', params: { variant: 'classic', strategy: 'rand/1' } },
];
const rows: { solver: string; evaluationsPerSecond: number; ratioToScipy: number }[] = [];
for (const { label, params } of variants) {
  const rates: number[] = [];
  for (let seed = 1; seed <= rounds; seed++) {
    const result = await minimize(problem, differentialEvolution, {
      budget: { evaluations },
      params,
      seed,
    });
    rates.push(result.evaluations / (result.elapsedMs / 1000));
  }
  const rate = median(rates);
  rows.push({
    solver: label,
    evaluationsPerSecond: rate,
    ratioToScipy: rate / SCIPY_DE_PER_SECOND,
  });
}
const bare = median(Array.from({ length: rounds }, bareRate));

console.log(
  `sphere d=${dimension}, ${evaluations} evaluations, median of ${rounds} runs, one thread`,
);
console.log('| solver | evaluations/s | x SciPy DE (15,128/s) |');
console.log('|---|---:|---:|');
for (const row of rows)
  console.log(
    `| ${row.solver} | ${Math.round(row.evaluationsPerSecond).toLocaleString('en-US')} | ${row.ratioToScipy.toFixed(1)} |`,
  );
console.log(
  `| objective alone | ${Math.round(bare).toLocaleString('en-US')} | ${(bare / SCIPY_DE_PER_SECOND).toFixed(1)} |`,
);
const path = writeBenchResult('de-speed', {
  dimension,
  evaluations,
  rounds,
  rows,
  objectiveAlone: bare,
  scipy: SCIPY_DE_PER_SECOND,
});
console.log(`wrote ${path}`);
