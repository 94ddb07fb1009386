// Genetic algorithm (defaults) on the continuous suite against DEAP's GA (peers.md column
// deap_ga: eaSimple, SBX + polynomial mutation, population 100): d = 10 and d = 30, 10,000 x d
// evaluations, all eight functions plain and shifted, 5 seeds each (the peers ran 5 and 2).
// Evaluation-bounded, so machine load does not change the values.
//
//   npx tsx bench/ga-continuous.ts [--seeds10 5] [--seeds30 5] [--functions a,b]
//                                  [--params '{"elitism":2}'] [--name ga-continuous]
import { geneticAlgorithm } from '../src/algorithms/genetic-algorithm.js';
import { printSuiteTable, runContinuousSuite, writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';

const peer = 'deap_ga';
const seeds: Record<number, number> = {};
const seeds10 = Number(option('seeds10') ?? 5);
const seeds30 = Number(option('seeds30') ?? 5);
if (seeds10 > 0) seeds[10] = seeds10;
if (seeds30 > 0) seeds[30] = seeds30;
const functions = option('functions')?.split(',');
const params = JSON.parse(option('params') ?? '{}') as object;

const started = performance.now();
const rows = await runContinuousSuite({
  solver: geneticAlgorithm,
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
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
const path = writeBenchResult(option('name') ?? 'ga-continuous', { peer, params, seeds, rows });
console.log(`wrote ${path}`);
