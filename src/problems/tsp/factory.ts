// The `tsp` registry entry: a TSPLIB instance by shipped name or by path.
import { MAX_DIMENSION } from '../../core/limits.js';
import { defineProblem, type ProblemFactory } from '../factory.js';
import { TSP_INSTANCES } from '../instances.js';
import { tspProblem, type TspParams } from './problem.js';

/** Builds TSP problems from config parameters (`{"type": "tsp", "instance": "kroA100"}`). */
export const tspFactory: ProblemFactory<TspParams> = defineProblem<TspParams>({
  type: 'tsp',
  family: 'tsp',
  description:
    'Symmetric TSP from TSPLIB (EUC_2D, CEIL_2D, ATT, GEO, MAN, MAX, EUC_3D, EXPLICIT): minimize the closed tour length over permutations; 2-opt, Or-opt and swap deltas in O(1), nearest-neighbour lists. Give instance or path.',
  defaultParams: { neighborListSize: 16 },
  paramsSchema: {
    type: 'object',
    properties: {
      instance: {
        enum: [...TSP_INSTANCES],
        description: 'A shipped TSPLIB instance, with its known optimum (give instance or path).',
      },
      path: {
        type: 'string',
        minLength: 1,
        description:
          'A TSPLIB .tsp file, relative to the config file (give instance or path). Its optimum is known when TSPLIB lists its NAME.',
      },
      neighborListSize: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_DIMENSION,
        description: 'How many nearest cities each city lists for candidate-list local search.',
      },
    },
    additionalProperties: false,
  },
  create: (params, context) => tspProblem(params, context),
});
