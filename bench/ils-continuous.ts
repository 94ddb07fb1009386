// Iterated local search on the continuous suite, d = 10 (5 seeds) and d = 30 (2 seeds), all 8
// functions plain and shifted, 10,000 x d evaluations: median against SciPy basinhopping
// (column scipy_bh of ../shared/refs/peers.md), below 1e-8 counting as solved. Evaluation-
// bounded, so machine load does not change the values.
// Options: --seeds10 N --seeds30 N --functions a,b --params JSON --name NAME
import { iteratedLocalSearch } from '../src/algorithms/iterated-local-search/iterated-local-search.js';
import {
  logSuiteRun,
  printSuiteTable,
  runContinuousSuite,
  suiteOptions,
  writeBenchResult,
} from './continuous-suite.js';
import { option } from './results.js';

const peer = 'scipy_bh';
const { seeds, params, ...only } = suiteOptions({ seeds10: 5, seeds30: 2 });
const started = performance.now();
const rows = await runContinuousSuite({
  solver: iteratedLocalSearch,
  params,
  peer,
  seeds,
  ...only,
  onRun: logSuiteRun,
});
console.log(
  `\niterated-local-search (defaults${Object.keys(params).length === 0 ? '' : ` + ${JSON.stringify(params)}`}) on the continuous suite, 10,000 x d evaluations\n`,
);
printSuiteTable(rows, peer);
const seconds = (performance.now() - started) / 1000;
console.log(`\n${seconds.toFixed(0)} s in all`);
const path = writeBenchResult(option('name') ?? 'ils-continuous', {
  solver: 'iterated-local-search',
  params,
  peer,
  seeds,
  node: process.version,
  date: new Date().toISOString(),
  rows,
});
console.log(`wrote ${path}`);
