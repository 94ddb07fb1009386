// The `qap` registry entry: a QAPLIB instance by shipped name or by path.
import { defineProblem, type ProblemFactory } from '../factory.js';
import { QAP_INSTANCES } from '../instances.js';
import { qapProblem, type QapParams } from './problem.js';

/** Builds QAP problems from config parameters (`{"type": "qap", "instance": "nug12"}`). */
export const qapFactory: ProblemFactory<QapParams> = defineProblem<QapParams>({
  type: 'qap',
  family: 'qap',
  description:
    'Quadratic assignment from QAPLIB: minimize sum A[i][j] B[p(i)][p(j)] over permutations (facility i to location p[i]); O(n) swap deltas and an O(n^2)-update swap table, asymmetric matrices included. Give instance or path.',
  defaultParams: {},
  paramsSchema: {
    type: 'object',
    properties: {
      instance: {
        enum: [...QAP_INSTANCES],
        description:
          'A shipped QAPLIB instance, with its optimal or best known value (give instance or path).',
      },
      path: {
        type: 'string',
        minLength: 1,
        description: 'A QAPLIB .dat file, relative to the config file (give instance or path).',
      },
      solution: {
        type: 'string',
        minLength: 1,
        description:
          'With path: a QAPLIB .sln file, relative to the config file; its value becomes the best known value.',
      },
    },
    additionalProperties: false,
  },
  create: (params, context) => qapProblem(params, context),
});
