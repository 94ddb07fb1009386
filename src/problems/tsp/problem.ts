// The symmetric travelling salesman problem over a TSPLIB instance: minimize the closed tour
// length over permutations of the cities, with the 2-opt / Or-opt / swap move model.
import { ProblemError, describeValue } from '../../core/errors.js';
import type { Problem, ProblemSpec } from '../../core/problem.js';
import { permutationSpace } from '../../core/spaces/permutation.js';
import type { ProblemContext } from '../factory.js';
import { resolveSource } from '../instances.js';
import { tsplibOptimum } from './best-solutions.js';
import { tourLength, tspMoves } from './moves.js';
import type { TspInstance } from './tsp-instance.js';
import { readTsplib } from './tsplib.js';

/** Parameters of a TSP problem: exactly one of `instance` and `path`. */
export interface TspParams {
  /** A shipped TSPLIB instance, e.g. `kroA100`. */
  instance?: string;
  /** A TSPLIB .tsp file; a relative path resolves against the config file's folder. */
  path?: string;
  /**
   * How many nearest cities each city's candidate list holds (`moves.neighbors`).
   * @defaultValue 16
   */
  neighborListSize: number;
}

/** Options of {@link tspProblemFromInstance}. */
export interface TspProblemOptions {
  /** @defaultValue 16 */
  neighborListSize?: number;
  /** The known optimal (or best known) tour length. */
  optimum?: number;
  optimumStatus?: 'optimal' | 'best-known';
  /** How a worker thread rebuilds the problem. */
  spec?: ProblemSpec;
}

/**
 * The TSP over a parsed instance. Candidates are permutations of the cities 0..n-1 in visiting
 * order (the space's small move is a reversal, i.e. a random 2-opt move); the value is the closed
 * tour length with TSPLIB's integer distances.
 */
export function tspProblemFromInstance(
  instance: TspInstance,
  options: TspProblemOptions = {},
): Problem<number[]> {
  const neighborListSize = options.neighborListSize ?? 16;
  if (!Number.isInteger(neighborListSize) || neighborListSize < 1) {
    throw new ProblemError(
      `tsp: neighborListSize must be an integer >= 1 (got ${describeValue(neighborListSize)})`,
    );
  }
  const n = instance.dimension;
  return {
    name: instance.name,
    space: permutationSpace({ size: n, neighborhood: 'reversal' }),
    evaluate: (tour) => {
      if (tour.length !== n) {
        throw new ProblemError(
          `${instance.name}: a tour must visit ${n} cities (got ${tour.length})`,
        );
      }
      return tourLength(instance, tour);
    },
    moves: tspMoves(instance, neighborListSize),
    describe: (tour) => tour.map((city) => city + 1),
    ...(options.optimum === undefined ? {} : { optimum: options.optimum }),
    ...(options.optimumStatus === undefined ? {} : { optimumStatus: options.optimumStatus }),
    ...(options.spec === undefined ? {} : { spec: options.spec }),
  };
}

/**
 * The TSP of a shipped instance (`{ instance: 'kroA100' }`) or of a TSPLIB file (`{ path }`,
 * relative to `context.baseDir`). Shipped instances carry their optimum; a file gets the
 * optimum TSPLIB lists for its NAME, if any.
 */
export function tspProblem(
  params: Partial<TspParams>,
  context: ProblemContext = { baseDir: process.cwd() },
): Problem<number[]> {
  const source = resolveSource('tsp', params, context.baseDir, 'a TSPLIB .tsp file');
  const neighborListSize = params.neighborListSize ?? 16;
  const options = { neighborListSize };
  if (source.kind === 'instance') {
    const shipped = source.instance;
    return tspProblemFromInstance(readTsplib(shipped.file), {
      ...options,
      optimum: shipped.optimum,
      optimumStatus: shipped.optimumStatus,
      spec: { type: 'tsp', instance: shipped.name, neighborListSize },
    });
  }
  const instance = readTsplib(source.file);
  const optimum = tsplibOptimum(instance.name, instance.dimension);
  return tspProblemFromInstance(instance, {
    ...options,
    ...(optimum === undefined ? {} : { optimum, optimumStatus: 'optimal' as const }),
    spec: { type: 'tsp', path: source.file, neighborListSize },
  });
}
