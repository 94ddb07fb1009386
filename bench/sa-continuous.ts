// Simulated annealing (default: generalized annealing on real spaces) on the continuous suite
// against SciPy's dual_annealing without local search (peers.md column scipy_da_nols): d = 10
// (5 seeds) and d = 30 (2 seeds), 10,000 x d evaluations, plain and shifted. Evaluation-bounded,
// so machine load does not change the values. Options: --seeds10 N --seeds30 N --functions a,b
// --params JSON --name RESULT
import { simulatedAnnealing } from '../src/algorithms/simulated-annealing.js';
import { printSuiteTable, runContinuousSuite, writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';

const peer = 'scipy_da_nols';
const seeds: Record<number, number> = {};
const seeds10 = Number(option('seeds10') ?? 5);
const seeds30 = Number(option('seeds30') ?? 2);
if (seeds10 > 0) seeds[10] = seeds10;
if (seeds30 > 0) seeds[30] = seeds30;
const functions = option('functions')?.split(',');
const paramsText = option('params');
const params = paramsText === undefined ? {} : (JSON.parse(paramsText) as object);

const rows = await runContinuousSuite({
  solver: simulatedAnnealing,
  params,
  peer,
  seeds,
  ...(functions === undefined ? {} : { functions }),
  onRun: (run) =>
    process.stderr.write(
      `d=${run.dimension} ${run.label} seed ${run.seed}: ${run.value.toExponential(3)}\n`,
    ),
});
printSuiteTable(rows, peer);
const path = writeBenchResult(option('name') ?? 'sa-continuous', { peer, params, seeds, rows });
console.log(`wrote ${path}`);
