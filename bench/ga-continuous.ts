// Genetic algorithm (defaults) on the continuous suite against DEAP's GA (peers.md column
// deap_ga: eaSimple, SBX + polynomial mutation, population 100): d = 10 and d = 30, 10,000 x d
// evaluations, all eight functions plain and shifted, 5 seeds each (the peers ran 5 and 2).
// Evaluation-bounded, so machine load does not change the values.
//
//   npx tsx bench/ga-continuous.ts [--seeds10 5] [--seeds30 5] [--functions a,b]
//                                  [--params '{"elitism":2}'] [--name ga-continuous]
import { geneticAlgorithm } from '../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { runSuiteBench } from './continuous-suite.js';

await runSuiteBench({
  solver: geneticAlgorithm,
  peer: 'deap_ga',
  name: 'ga-continuous',
  defaultSeeds: { seeds10: 5, seeds30: 5 },
  printSeconds: true,
});
