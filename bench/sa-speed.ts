// Evaluations per CPU-second of simulated annealing on sphere d = 10 with 100,000 evaluations, in
// this thread, next to SciPy dual_annealing without local search (27,533/s per CPU-second,
// peers.md): the default generalized path, the same without refinement, and the Metropolis path.
// CPU time (process.cpuUsage) is steadier than wall time on a shared machine, but still run it on
// a quiet one for figures to quote (or say that it was loaded). Options: --rounds N
import { simulatedAnnealing } from '../src/algorithms/simulated-annealing/simulated-annealing.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeBenchResult } from './continuous-suite.js';

const SCIPY_DA_PER_SECOND = 27_533;
const dimension = 10;
const evaluations = 100_000;
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt < 0 ? 5 : Number(process.argv[roundsAt + 1]);
const fn = TEST_FUNCTIONS.find((f) => f.name === 'sphere');
if (fn === undefined) throw new Error('sphere is missing from the suite');
const problem = continuousProblem(fn, { dimension, shifted: false });

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

const variants = [
  { label: 'generalized (default)', params: {} },
  { label: 'generalized, no refinement', params: { refinement: false } },
  { label: 'metropolis (Corana steps)', params: { variant: 'metropolis' } },
];
const rows = [];
for (const { label, params } of variants) {
  const rates: number[] = [];
  const wallRates: number[] = [];
  for (let seed = 1; seed <= rounds; seed++) {
    const since = process.cpuUsage();
    const result = await minimize(problem, simulatedAnnealing, {
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
    ratioToScipy: rate / SCIPY_DA_PER_SECOND,
    evaluationsPerWallSecond: median(wallRates),
  });
}

console.log(
  `\nsimulated-annealing on sphere d = ${dimension}, ${evaluations} evaluations, median of ${rounds}\n`,
);
console.log(
  '| path | evaluations per CPU-second | vs SciPy dual_annealing (27,533/s) | per wall second |',
);
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.solver} | ${Math.round(r.evaluationsPerSecond).toLocaleString('en')} | ${r.ratioToScipy.toFixed(1)}x | ${Math.round(r.evaluationsPerWallSecond).toLocaleString('en')} |`,
  );
}
const path = writeBenchResult('sa-speed', { dimension, evaluations, rounds, rows });
console.log(`wrote ${path}`);
