// Genetic algorithm (defaults) on the continuous suite against DEAP's GA (peers.md column
// deap_ga: eaSimple, SBX + polynomial mutation, population 100): d = 10 and d = 30, 10,000 x d
// evaluations, all eight functions plain and shifted, 5 seeds each (the peers ran 5 and 2).
// Evaluation-bounded, so machine load does not change the values.
//
//   npx tsx bench/ga-continuous.ts [--seeds10 5] [--seeds30 5] [--functions a,b]
//                                  [--params '{"elitism":2}'] [--name ga-continuous]
import { geneticAlgorithm } from '../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import {
  logSuiteRun,
  printSuiteTable,
  runContinuousSuite,
  suiteOptions,
  writeBenchResult,
} from './continuous-suite.js';
import { option } from './results.js';

const peer = 'deap_ga';
const { seeds, params, ...only } = suiteOptions({ seeds10: 5, seeds30: 5 });
const started = performance.now();
const rows = await runContinuousSuite({
  solver: geneticAlgorithm,
  params,
  peer,
  seeds,
  ...only,
  onRun: logSuiteRun,
});
printSuiteTable(rows, peer);
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
const path = writeBenchResult(option('name') ?? 'ga-continuous', { peer, params, seeds, rows });
console.log(`wrote ${path}`);
