// Evaluations per CPU-second of differential evolution (default L-SHADE) on sphere d = 10 with
// 100,000 evaluations, in this thread, next to SciPy differential_evolution's 15,128/s (peers.md,
// also per CPU-second, polish on). Also the bare cost of the objective, to show the solver's
// overhead. CPU time (process.cpuUsage) is steadier than wall time on a shared machine, but
// still run it on a quiet one for figures to quote (or say that it was loaded).
import { differentialEvolution } from '../src/algorithms/differential-evolution/differential-evolution.js';
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

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

// The objective alone on the same number of points (what any solver must pay).
function bareRate(): number {
  const points = Array.from({ length: 1000 }, (_, i) =>
    Array.from({ length: dimension }, (_, j) => Math.sin(i * 7 + j) * 5),
  );
  let sink = 0;
  const since = process.cpuUsage();
  for (let k = 0; k < evaluations; k++)
    sink += problem.evaluate(points[k % 1000] as number[]) as number;
  const seconds = cpuSeconds(since);
  if (sink === -1) console.log(sink);
  return evaluations / seconds;
}

const variants = [
  { label: 'lshade (default)', params: {} },
  { label: 'shade', params: { variant: 'shade' } },
  { label: 'classic rand/1/bin', params: { variant: 'classic', strategy: 'rand/1' } },
];
interface Row {
  solver: string;
  evaluationsPerSecond: number;
  ratioToScipy: number;
  evaluationsPerWallSecond: number;
}
const rows: Row[] = [];
for (const { label, params } of variants) {
  const rates: number[] = [];
  const wallRates: number[] = [];
  for (let seed = 1; seed <= rounds; seed++) {
    const since = process.cpuUsage();
    const result = await minimize(problem, differentialEvolution, {
      budget: { evaluations },
      params,
      seed,
    });
    rates.push(result.evaluations / cpuSeconds(since));
    wallRates.push(result.evaluations / (result.elapsedMs / 1000));
  }
  const rate = median(rates);
  rows.push({
    solver: label,
    evaluationsPerSecond: rate,
    ratioToScipy: rate / SCIPY_DE_PER_SECOND,
    evaluationsPerWallSecond: median(wallRates),
  });
}
const bare = median(Array.from({ length: rounds }, bareRate));

console.log(
  `sphere d=${dimension}, ${evaluations} evaluations, median of ${rounds} runs, one thread, per CPU-second`,
);
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log('| solver | evaluations per CPU-second | x SciPy DE (15,128/s) | per wall second |');
console.log('|---|---:|---:|---:|');
for (const row of rows)
  console.log(
    `| ${row.solver} | ${count(row.evaluationsPerSecond)} | ${row.ratioToScipy.toFixed(1)} | ${count(row.evaluationsPerWallSecond)} |`,
  );
console.log(
  `| objective alone | ${count(bare)} | ${(bare / SCIPY_DE_PER_SECOND).toFixed(1)} | - |`,
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
