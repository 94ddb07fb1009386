// Particle swarm (SPSO-2011 defaults) on the continuous suite against DEAP's GA (peers.md column
// deap_ga): d = 10 (5 seeds) and d = 30 (2 seeds), 10,000 x d evaluations, plain and shifted.
// Evaluation-bounded, so machine load does not change the values. Options: --seeds10 N
// --seeds30 N --functions a,b --params JSON --name RESULT
import { particleSwarm } from '../src/algorithms/particle-swarm/particle-swarm.js';
import {
  logSuiteRun,
  printSuiteTable,
  runContinuousSuite,
  suiteOptions,
  writeBenchResult,
} from './continuous-suite.js';
import { option } from './results.js';

const peer = 'deap_ga';
const { seeds, params, ...only } = suiteOptions({ seeds10: 5, seeds30: 2 });
const rows = await runContinuousSuite({
  solver: particleSwarm,
  params,
  peer,
  seeds,
  ...only,
  onRun: logSuiteRun,
});
printSuiteTable(rows, peer);
const path = writeBenchResult(option('name') ?? 'pso-continuous', { peer, params, seeds, rows });
console.log(`wrote ${path}`);
