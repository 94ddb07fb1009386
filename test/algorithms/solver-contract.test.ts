// Runs the solver contract over every registered solver.
import { cmaEs } from '../../src/algorithms/cma-es/cma-es.js';
import { solvers } from '../../src/algorithms/registry.js';
import { describeSolverContract, type ContractOptions } from '../helpers/solver-contract.js';

// A Gaussian-process proposal costs O(n^3) in the finished trials and scores thousands of points:
// a shorter run and a lighter search of the expected improvement keep its contract fast.
const OPTIONS: Readonly<Record<string, ContractOptions>> = {
  'gaussian-process': { evaluations: 50, params: { randomPoints: 100, localPoints: 20 } },
};

for (const solver of solvers.entries()) describeSolverContract(solver, OPTIONS[solver.name]);

// CMA-ES with lq-CMA-ES's surrogate asks each generation in several batches.
describeSolverContract(cmaEs, { params: { surrogate: 'lq' }, label: 'surrogate lq' });
