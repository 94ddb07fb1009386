// The solver registry: every solver kiln ships, by name.
import { createRegistry, type Registry } from '../core/registry.js';
import type { AnySolver } from '../core/solver.js';
import { cmaEs } from './cma-es/cma-es.js';
import { differentialEvolution } from './differential-evolution/differential-evolution.js';
import { firstOrderSolvers } from './first-order/first-order.js';
import { gaussianProcess } from './gaussian-process/gaussian-process.js';
import { geneticAlgorithm } from './genetic-algorithm/genetic-algorithm.js';
import { iteratedLocalSearch } from './iterated-local-search/iterated-local-search.js';
import { nsga2 } from './nsga2/nsga2.js';
import { nsga3 } from './nsga3/nsga3.js';
import { motpe } from './motpe/motpe.js';
import { particleSwarm } from './particle-swarm/particle-swarm.js';
import { randomSearch } from './random-search/random-search.js';
import { simulatedAnnealing } from './simulated-annealing/simulated-annealing.js';
import { tabuSearch } from './tabu-search/tabu-search.js';
import { tpe } from './tpe/tpe.js';

/** All shipped solvers. */
export const solvers: Registry<AnySolver> = createRegistry<AnySolver>(
  'solver',
  [
    randomSearch,
    simulatedAnnealing,
    differentialEvolution,
    tabuSearch,
    iteratedLocalSearch,
    geneticAlgorithm,
    tpe,
    motpe,
    gaussianProcess,
    cmaEs,
    particleSwarm,
    nsga2,
    nsga3,
    ...firstOrderSolvers,
  ],
  (s) => s.name,
);
