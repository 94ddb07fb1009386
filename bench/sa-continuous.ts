// Simulated annealing (default: generalized annealing on real spaces) on the continuous suite
// against SciPy's dual_annealing without local search (peers.md column scipy_da_nols): d = 10
// (5 seeds) and d = 30 (2 seeds), 10,000 x d evaluations, plain and shifted. Evaluation-bounded,
// so machine load does not change the values. Options: --seeds10 N --seeds30 N --functions a,b
// --params JSON --name RESULT
import { simulatedAnnealing } from '../src/algorithms/simulated-annealing/simulated-annealing.js';
import { runSuiteBench } from './continuous-suite.js';

await runSuiteBench({
  solver: simulatedAnnealing,
  peer: 'scipy_da_nols',
  name: 'sa-continuous',
  defaultSeeds: { seeds10: 5, seeds30: 2 },
});
