// The Gaussian-process sampler at the budgets it is made for: the eight shifted functions of the
// continuous suite at d = 10 with 100 evaluations (10 per dimension), beside the TPE and random
// search run in the same process on the same seeds (each with its defaults, batches of 8 as
// minimize() asks them). Medians over the seeds, the runs, and the solver's own time per
// evaluation (the functions cost nothing, so that is the cost of a proposal). Evaluation-bounded,
// so load changes only the times.
//
//   npx tsx bench/gp-small-budget.ts [--seeds 5] [--evaluations-per-dimension 10]
//     [--params JSON] [--functions a,b] [--name RESULT]
import { runContinuousSuite, type SuiteRow } from './continuous-suite.js';
import { median, option, writeResult } from './results.js';

const seeds = Number(option('seeds') ?? 5);
const perDimension = Number(option('evaluations-per-dimension') ?? 10);
const paramsText = option('params');
const params = paramsText === undefined ? {} : (JSON.parse(paramsText) as object);
const functions = option('functions')?.split(',');
const solvers = ['gaussian-process', 'tpe', 'random-search'] as const;

const tables: Record<string, SuiteRow[]> = {};
for (const solver of solvers) {
  tables[solver] = await runContinuousSuite({
    solver,
    ...(solver === 'gaussian-process' ? { params } : {}),
    peer: 'none',
    seeds: { 10: seeds },
    evaluationsPerDimension: perDimension,
    shifted: true,
    ...(functions === undefined ? {} : { functions }),
  });
}

const show = (v: number): string =>
  v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toPrecision(3);
console.log(
  `\nd = 10, ${perDimension * 10} evaluations, seeds 1-${seeds}: median best value (lower is better)\n`,
);
console.log(
  '| function | gaussian-process | tpe | random-search | gaussian-process runs | ms per evaluation (gp / tpe) |',
);
console.log('|---|---:|---:|---:|---|---:|');
const gpRows = tables['gaussian-process'] as SuiteRow[];
let wins = 0;
gpRows.forEach((row, i) => {
  const tpeRow = (tables.tpe as SuiteRow[])[i] as SuiteRow;
  const randomRow = (tables['random-search'] as SuiteRow[])[i] as SuiteRow;
  if (row.median <= tpeRow.median) wins++;
  console.log(
    `| ${row.label} | ${show(row.median)} | ${show(tpeRow.median)} | ${show(randomRow.median)} | ${row.values.map(show).join(' ')} | ${(1000 / row.evaluationsPerSecond).toFixed(1)} / ${(1000 / tpeRow.evaluationsPerSecond).toFixed(2)} |`,
  );
});
console.log(`\ngaussian-process no worse than tpe on ${wins} of ${gpRows.length} functions`);
writeResult(option('name') ?? 'gp-small-budget', {
  seeds,
  evaluationsPerDimension: perDimension,
  params,
  medians: Object.fromEntries(
    solvers.map((s) => [
      s,
      Object.fromEntries((tables[s] as SuiteRow[]).map((r) => [r.label, r.median])),
    ]),
  ),
  runs: Object.fromEntries(
    solvers.map((s) => [
      s,
      Object.fromEntries((tables[s] as SuiteRow[]).map((r) => [r.label, r.values])),
    ]),
  ),
  medianOfMedians: Object.fromEntries(
    solvers.map((s) => [s, median((tables[s] as SuiteRow[]).map((r) => r.median))]),
  ),
});
