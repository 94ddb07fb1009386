// Particle swarm (SPSO-2011 defaults) on the continuous suite against DEAP's GA (peers.md column
// deap_ga): d = 10 (5 seeds) and d = 30 (2 seeds), 10,000 x d evaluations, plain and shifted.
// Evaluation-bounded, so machine load does not change the values. Options: --seeds10 N
// --seeds30 N --functions a,b --params JSON --name RESULT
import { particleSwarm } from '../src/algorithms/particle-swarm/particle-swarm.js';
import { runSuiteBench } from './continuous-suite.js';

await runSuiteBench({
  solver: particleSwarm,
  peer: 'deap_ga',
  name: 'pso-continuous',
  defaultSeeds: { seeds10: 5, seeds30: 2 },
});
