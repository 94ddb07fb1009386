// CMA-ES at a small budget: 1,000 evaluations on the eight shifted functions at d = 10, medians over
// 5 seeds, against Optuna 3.1's CmaEsSampler at the same budget (5 seeds, the figures of
// ../shared/TUNING.md section 4; Optuna starts from the centre of the box with sigma0 = range / 6
// and no restarts). With --optuna, Optuna's CmaEsSampler runs side by side on the same functions
// and seeds (bench/peers/optuna_small_budget.py, Debian's python3-optuna) and its medians replace
// those figures. Evaluation-bounded, so machine load does not change the values.
// Options: --seeds N --params JSON --optuna --optuna-result FILE (a recorded side-by-side
// run of the peer script) --functions a,b (suite names, e.g. levy,schwefel) --name RESULT
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cmaEs } from '../src/algorithms/cma-es/cma-es.js';
import { printSuiteTable, runContinuousSuite, writeBenchResult } from './continuous-suite.js';
import { median, option } from './results.js';

const OPTUNA_CMA_1000: Record<string, number> = {
  sphere_shifted: 6.6e-6,
  rosenbrock_shifted: 9.0,
  ackley_shifted: 0.032,
  griewank_shifted: 0.31,
  rastrigin_shifted: 18.6,
  levy_shifted: 0.46,
  schwefel_shifted: 948,
  styblinski_tang_shifted: 14.1,
};

const seeds = Number(option('seeds') ?? 5);
const recorded = option('optuna-result');
const side =
  recorded !== undefined
    ? mediansOf(JSON.parse(readFileSync(recorded, 'utf8')) as OptunaOutput)
    : process.argv.includes('--optuna')
      ? optunaMedians(seeds)
      : undefined;
const reference = side?.medians ?? OPTUNA_CMA_1000;
const functions = option('functions');
const paramsText = option('params');
const params = paramsText === undefined ? {} : (JSON.parse(paramsText) as object);
const rows = await runContinuousSuite({
  solver: cmaEs,
  params,
  peer: 'none',
  seeds: { 10: seeds },
  evaluationsPerDimension: 100,
  shifted: true,
  ...(functions === undefined ? {} : { functions: functions.split(',') }),
});
for (const row of rows) {
  const peer = reference[row.label];
  row.peerMedian = peer;
  row.pass = peer === undefined ? undefined : row.median <= peer;
}
printSuiteTable(
  rows,
  side === undefined ? 'optuna_cma_1000 (TUNING.md)' : 'optuna_cma_1000 (this run)',
);
const path = writeBenchResult(option('name') ?? 'cma-es-small-budget', {
  params,
  seeds,
  rows,
  optuna: side?.raw ?? null,
});
console.log(`wrote ${path}`);

/** Runs Optuna's CmaEsSampler through the peer script and returns its medians by label. */
function optunaMedians(count: number): { medians: Record<string, number>; raw: unknown } {
  const seedList = Array.from({ length: count }, (_, i) => i + 1).join(',');
  const script = new URL('./peers/optuna_small_budget.py', import.meta.url).pathname;
  const output = execFileSync(
    '/usr/bin/python3',
    [script, '--sampler', 'cmaes', '--trials', '1000', '--seeds', seedList],
    {
      encoding: 'utf8',
    },
  );
  return mediansOf(JSON.parse(output) as OptunaOutput);
}

/** What bench/peers/optuna_small_budget.py prints. */
interface OptunaOutput {
  values: Record<string, number[]>;
  cpuSeconds: number;
}

function mediansOf(raw: OptunaOutput): { medians: Record<string, number>; raw: unknown } {
  const medians: Record<string, number> = {};
  for (const [label, values] of Object.entries(raw.values)) medians[label] = median(values);
  return { medians, raw };
}
