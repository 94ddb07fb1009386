// The `knapsack` registry entry: an OR-Library multidimensional knapsack problem by shipped
// name or by path and index.
import { defineProblem, type ProblemFactory } from '../factory.js';
import { KNAPSACK_INSTANCES } from '../instances.js';
import { knapsackProblem, type KnapsackParams } from './problem.js';

/** Builds knapsack problems from config parameters (`{"type": "knapsack", "instance": "mknap1-4"}`). */
export const knapsackFactory: ProblemFactory<KnapsackParams> = defineProblem<KnapsackParams>({
  type: 'knapsack',
  family: 'knapsack',
  description:
    'Multidimensional 0/1 knapsack from OR-Library (mknap1): maximize the profit of a bit string of items under every capacity; reports profits. constraintHandling "repair" (default) scores the greedy repair of any bit string (drop then add by profit per relative weight, Chu & Beasley 1998); "penalty" scores infeasible selections below every feasible one and gives exact flip deltas. Give instance or path (+ problem).',
  defaultParams: { constraintHandling: 'repair' },
  paramsSchema: {
    type: 'object',
    properties: {
      instance: {
        enum: [...KNAPSACK_INSTANCES],
        description:
          'A shipped OR-Library problem with its proven optimum (give instance or path).',
      },
      path: {
        type: 'string',
        minLength: 1,
        description:
          'An OR-Library mknap file, relative to the config file (give instance or path).',
      },
      problem: {
        type: 'integer',
        minimum: 1,
        description:
          'With path: which problem of the file, from 1 (required when the file holds several).',
      },
      constraintHandling: {
        enum: ['repair', 'penalty'],
        description:
          'repair: a selection scores the profit of its greedy repair (always feasible). penalty: infeasible selections score minus their relative overload, below every feasible one; exact flip deltas.',
      },
    },
    additionalProperties: false,
  },
  create: (params, context) => knapsackProblem(params, context),
});
