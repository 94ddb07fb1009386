// Runs the solver contract over every registered solver.
import { solvers } from '../../src/algorithms/registry.js';
import { describeSolverContract } from '../helpers/solver-contract.js';

for (const solver of solvers.entries()) describeSolverContract(solver);
