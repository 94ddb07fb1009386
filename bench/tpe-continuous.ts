// The TPE on the shifted continuous suite at HPO budgets (d = 10, 1,000 evaluations), against
// random search with the same evaluations and Optuna 3.1's TPESampler: its medians over the
// same seeds when `--optuna FILE` names the saved output of
// `/usr/bin/python3 bench/peers/optuna_small_budget.py --sampler tpe --seeds 1,2,3,4,5`
// (Debian's python3-optuna), else the single-seed figures of the tuning reference.
//
//   npx tsx bench/tpe-continuous.ts [--seeds 5] [--batch 1] [--optuna FILE] [--name RESULT]
import { readFileSync } from 'node:fs';
import { median, option } from './results.js';
import { runContinuousSuite, writeBenchResult } from './continuous-suite.js';

const seeds = Number(option('seeds') ?? 5);
const batchSize = Number(option('batch') ?? 1);
// Optuna 3.1 TPESampler, 1,000 trials, d = 10, one seed (the tuning reference).
const optuna: Record<string, number> = {
  sphere: 3.07,
  rastrigin: 46.5,
  rosenbrock: 295,
  ackley: 13.4,
  griewank: 8.01,
  schwefel: 1589,
  levy: 1.49,
  styblinski_tang: 50.3,
};
const optunaFile = option('optuna');
const optunaRun =
  optunaFile === undefined
    ? undefined
    : (JSON.parse(readFileSync(optunaFile, 'utf8')) as {
        version: string;
        seeds: number[];
        values: Record<string, number[]>;
      });
if (optunaRun !== undefined) {
  for (const [label, values] of Object.entries(optunaRun.values)) {
    optuna[label.replace(/_shifted$/, '')] = Number(median(values).toPrecision(4));
  }
}
const optunaLabel =
  optunaRun === undefined
    ? 'Optuna 3.1 TPE (1 seed)'
    : `Optuna ${optunaRun.version} TPE (${optunaRun.seeds.length} seeds, median)`;
const common = { peer: 'none', seeds: { 10: seeds }, evaluationsPerDimension: 100, shifted: true };
const tpeRows = await runContinuousSuite({
  solver: 'tpe',
  params: { batchSize, ...(JSON.parse(option('params') ?? '{}') as object) },
  ...common,
});
const randomRows = await runContinuousSuite({ solver: 'random-search', ...common });
console.log(
  `| function (shifted, d 10) | kiln tpe median | random search median | ${optunaLabel} | beats random | no worse than Optuna |`,
);
console.log('|---|---:|---:|---:|---|---|');
const rows = tpeRows.map((row, i) => {
  const name = row.label.replace(/_shifted$/, '');
  const random = (randomRows[i] as (typeof randomRows)[number]).median;
  const reference = optuna[name] as number;
  const result = {
    function: name,
    tpe: row.values,
    tpeMedian: row.median,
    randomMedian: random,
    optuna: reference,
    beatsRandom: row.median < random,
    noWorseThanOptuna: row.median <= reference,
  };
  console.log(
    `| ${name} | ${row.median.toPrecision(3)} | ${random.toPrecision(3)} | ${reference} | ${result.beatsRandom ? 'yes' : 'no'} | ${result.noWorseThanOptuna ? 'yes' : 'no'} |`,
  );
  return result;
});
console.log(
  `beats random on ${rows.filter((r) => r.beatsRandom).length}/8, no worse than Optuna on ${rows.filter((r) => r.noWorseThanOptuna).length}/8 (median of medians ${median(rows.map((r) => r.tpeMedian)).toPrecision(3)})`,
);
writeBenchResult(option('name') ?? 'tpe-continuous', {
  seeds,
  batchSize,
  optuna: optunaRun ?? 'single-seed figures of the tuning reference',
  rows,
});
