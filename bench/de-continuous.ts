// Differential evolution (default: L-SHADE) on the continuous suite against SciPy's
// differential_evolution with polish (peers.md column scipy_de_polish): d = 10 (5 seeds) and
// d = 30 (2 seeds), 10,000 x d evaluations, plain and shifted. Evaluation-bounded, so machine
// load does not change the values. Options: --seeds10 N --seeds30 N --functions a,b
// --params JSON --preset scipy --name RESULT
import { differentialEvolution } from '../src/algorithms/differential-evolution/differential-evolution.js';
import { runSuiteBench } from './continuous-suite.js';
import { option } from './results.js';

// `--preset scipy`: classic DE with SciPy's defaults (best1bin, popsize 15, mutation (0.5, 1)
// dithered per generation, recombination 0.7, Latin hypercube, out-of-box coordinates redrawn,
// tol 0.01, polish), a check that the classic variant reproduces SciPy's own figures.
const SCIPY_PRESET = {
  variant: 'classic',
  strategy: 'best/1',
  crossover: 'binomial',
  differentialWeight: [0.5, 1],
  crossoverRate: 0.7,
  populationSizePerDimension: 15,
  initialization: 'latin-hypercube',
  boundHandling: 'reinitialize',
  tolerance: 0.01,
  polish: true,
};
const preset = option('preset') === 'scipy' ? SCIPY_PRESET : {};
await runSuiteBench({
  solver: differentialEvolution,
  peer: 'scipy_de_polish',
  name: 'de-continuous',
  defaultSeeds: { seeds10: 5, seeds30: 2 },
  preset,
});
