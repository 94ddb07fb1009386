// The ProblemFactory contract: how a registry entry builds a problem from config parameters.
import type { Problem } from '../core/problem.js';
import type { JsonSchema } from '../core/solver.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';

/** Where a problem being built may look for files. */
export interface ProblemContext {
  /** Directory that relative paths in the parameters resolve against (the config's folder). */
  readonly baseDir: string;
}

/** A registry entry: builds problems of one type from validated parameters. */
export interface ProblemFactory<P extends object = object> {
  /** The config `type`, e.g. `rastrigin` or `tsp`. */
  readonly type: string;
  /** The family, for listings and for configs/ examples: `continuous`, `tsp`, `qap`... */
  readonly family: string;
  /** One line for listings. */
  readonly description: string;
  readonly defaultParams: Readonly<P>;
  /** JSON Schema of the parameters (`type` excluded), with `additionalProperties: false`. */
  readonly paramsSchema: JsonSchema;
  /**
   * The objectives of the problems it builds from `params`, for types that always have several
   * (ZDT, DTLZ2): known without building one, so that configs are checked before any work.
   * Absent: one objective, unless `params` declare `objectives` themselves.
   */
  objectives?(params: Partial<P>): readonly ObjectiveDeclaration[];
  /** Builds the problem. Throws a ProblemError or DataFileError naming what is wrong. */
  create(params: P, context: ProblemContext): Problem<unknown> | Promise<Problem<unknown>>;
}

/** Any problem factory, whatever its parameter type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProblemFactory = ProblemFactory<any>;

/** Defines a problem factory with its types checked (identity at run time). */
export function defineProblem<P extends object>(factory: ProblemFactory<P>): ProblemFactory<P> {
  return factory;
}
