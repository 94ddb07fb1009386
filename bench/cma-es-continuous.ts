// CMA-ES (default: BIPOP restarts) on the continuous suite against DEAP's CMA-ES (peers.md column
// deap_cmaes): d = 10 (5 seeds) and d = 30 (2 seeds), 10,000 x d evaluations, plain and shifted.
// Evaluation-bounded, so machine load does not change the values. Options: --seeds10 N
// --seeds30 N --functions a,b --params JSON --name RESULT
import { cmaEs } from '../src/algorithms/cma-es/cma-es.js';
import { runSuiteBench } from './continuous-suite.js';

await runSuiteBench({
  solver: cmaEs,
  peer: 'deap_cmaes',
  name: 'cma-es-continuous',
  defaultSeeds: { seeds10: 5, seeds30: 2 },
});
