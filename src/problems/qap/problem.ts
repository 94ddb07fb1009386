// The quadratic assignment problem over a QAPLIB instance: minimize sum_ij A[i][j] B[p(i)][p(j)]
// over assignments p of facilities to locations, with the swap move model.
import { isAbsolute, resolve } from 'node:path';
import { ProblemError, describeValue } from '../../core/errors.js';
import type { Problem, ProblemSpec } from '../../core/problem.js';
import { permutationSpace } from '../../core/spaces/permutation.js';
import type { ProblemContext } from '../factory.js';
import { resolveSource, type ShippedInstance } from '../instances.js';
import { qapCost, qapMoves } from './moves.js';
import { readQapSolution, readQaplib, type QapInstance } from './qaplib.js';
import { matchSolution, type QapSolution } from './solution.js';

/** Parameters of a QAP problem: exactly one of `instance` and `path`. */
export interface QapParams {
  /** A shipped QAPLIB instance, e.g. `nug12` (its .sln gives the optimum). */
  instance?: string;
  /** A QAPLIB .dat file; a relative path resolves against the config file's folder. */
  path?: string;
  /** With `path`: a QAPLIB .sln file whose value becomes the known best value. */
  solution?: string;
}

/** Options of {@link qapProblemFromInstance}. */
export interface QapProblemOptions {
  /** The known optimal (or best known) cost. */
  optimum?: number;
  optimumStatus?: 'optimal' | 'best-known';
  /** How a worker thread rebuilds the problem. */
  spec?: ProblemSpec;
}

/**
 * The QAP over a parsed instance. Candidates are 0-based permutations: facility i goes to
 * location x[i]. The space's small move is a swap, whose delta the move model gives in O(n).
 */
export function qapProblemFromInstance(
  instance: QapInstance,
  options: QapProblemOptions = {},
): Problem<number[]> {
  const n = instance.size;
  return {
    name: instance.name,
    space: permutationSpace({ size: n, neighborhood: 'swap' }),
    evaluate: (p) => {
      if (p.length !== n) {
        throw new ProblemError(
          `${instance.name}: an assignment must place ${n} facilities (got ${p.length})`,
        );
      }
      return qapCost(instance, p);
    },
    moves: qapMoves(instance),
    describe: (p) => p.map((location) => location + 1),
    ...(options.optimum === undefined ? {} : { optimum: options.optimum }),
    ...(options.optimumStatus === undefined ? {} : { optimumStatus: options.optimumStatus }),
    ...(options.spec === undefined ? {} : { spec: options.spec }),
  };
}

/** A QAP instance with its known solution, when one is known. */
export interface LoadedQap {
  readonly instance: QapInstance;
  readonly solution?: QapSolution;
  /** The shipped instance's row of the optima table, for shipped instances. */
  readonly shipped?: ShippedInstance;
  /** Absolute path of the solution file read, if any. */
  readonly solutionFile?: string;
}

/**
 * Reads the instance (and solution) that QAP parameters name: a shipped instance with its .sln,
 * or a .dat file with an optional .sln, both relative to `baseDir`.
 */
export function loadQap(params: Partial<QapParams>, baseDir: string): LoadedQap {
  const source = resolveSource('qap', params, baseDir, 'a QAPLIB .dat file');
  let file: string;
  let solutionFile: string | undefined;
  if (source.kind === 'instance') {
    if (params.solution !== undefined) {
      throw new ProblemError(
        `qap: solution goes with path; instance ${source.instance.name} comes with its own (got solution ${describeValue(params.solution)})`,
      );
    }
    file = source.instance.file;
    solutionFile = source.instance.solutionFile;
  } else {
    file = source.file;
    if (params.solution !== undefined) {
      solutionFile = isAbsolute(params.solution)
        ? params.solution
        : resolve(baseDir, params.solution);
    }
  }
  const instance = readQaplib(file);
  return {
    instance,
    ...(source.kind === 'instance' ? { shipped: source.instance } : {}),
    ...(solutionFile === undefined
      ? {}
      : { solutionFile, solution: matchSolution(instance, readQapSolution(solutionFile)) }),
  };
}

/**
 * The QAP of a shipped instance (`{ instance: 'nug12' }`) or of a QAPLIB file (`{ path,
 * solution? }`, relative to `context.baseDir`). Shipped instances carry their optimum and its
 * status; a user's solution file gives a best-known value.
 */
export function qapProblem(
  params: Partial<QapParams>,
  context: ProblemContext = { baseDir: process.cwd() },
): Problem<number[]> {
  const { instance, solution, shipped, solutionFile } = loadQap(params, context.baseDir);
  if (shipped !== undefined) {
    return qapProblemFromInstance(instance, {
      optimum: shipped.optimum,
      optimumStatus: shipped.optimumStatus,
      spec: { type: 'qap', instance: shipped.name },
    });
  }
  return qapProblemFromInstance(instance, {
    ...(solution === undefined ? {} : { optimum: solution.value, optimumStatus: 'best-known' }),
    spec: {
      type: 'qap',
      path: instance.file,
      ...(solutionFile === undefined ? {} : { solution: solutionFile }),
    },
  });
}
