// The solver contract on the genetic algorithm's other modes: steady-state on every space kind,
// and the memetic mode on real spaces (its polishing phase spans several asks).
import { geneticAlgorithm } from '../../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { describeSolverContract } from '../helpers/solver-contract.js';

describeSolverContract(
  { ...geneticAlgorithm, name: 'genetic-algorithm-steady-state' },
  { params: { model: 'steady-state', populationSize: 20, selection: 'rank' } },
);

describeSolverContract(
  { ...geneticAlgorithm, name: 'genetic-algorithm-memetic', supports: ['real'] },
  { params: { populationSize: 12, localSearch: 'quasi-newton', localSearchRate: 0.5 } },
);
