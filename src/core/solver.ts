// The Solver contract: an ask/tell state machine over plain, JSON-serializable state.
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import type { ConfigIssue } from './errors.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import type { MoveModel } from './problem.js';
import type { Rng } from './rng.js';
import type { Space, SpaceKind } from './space.js';

/** A JSON Schema object (draft 2020-12 subset that ajv understands). */
export type JsonSchema = Record<string, unknown>;

/**
 * What a solver sees of the problem: the space and the optional extras, never the objective.
 * The runner builds it once per run.
 */
export interface SolverContext<X> {
  readonly space: Space<X>;
  /** Incremental move evaluation, when the problem has one; calls are counted by the runner. */
  readonly moves?: MoveModel;
  /** True when the runner will pass gradients to `tell`. */
  readonly gradients: boolean;
  /** The run's budget, for solvers whose schedules depend on the run length. */
  readonly budget: { readonly evaluations?: number; readonly seconds?: number };
  /**
   * Seconds since the run started, by the runner's clock: for schedules that must fit a
   * `seconds` budget (the only input a solver may read that is not reproducible, so it is read
   * only when seconds are the sole length bound).
   */
  readonly elapsedSeconds?: () => number;
  /**
   * Evaluations left in the budget (Infinity without an evaluation budget). Solvers asking
   * batches of independent candidates ask no more than this, so that a huge `batchSize` never
   * samples past the budget. Absent outside a runner.
   */
  readonly remainingEvaluations?: () => number;
  /** The objectives of a multi-objective problem (then values arrive through `tellObjectives`). */
  readonly objectives?: readonly ObjectiveDeclaration[];
}

/** How many candidates to ask: `wanted`, but no more than the budget has left (at least 1). */
export function cappedBatchSize<X>(wanted: number, context: SolverContext<X>): number {
  const left = context.remainingEvaluations?.() ?? Infinity;
  return Math.max(1, Math.min(wanted, left));
}

/**
 * The share of the run's budget used after `evaluations`, for schedules fitted to it: of its
 * evaluations when it has any, else of its seconds by `elapsedSeconds` (the only bound then, so
 * reading the clock costs no reproducibility that the budget has not already given up);
 * undefined without either. Progress reports read the same budget differently (budgetFraction in
 * runners/budget.ts: the larger of both shares), since a schedule must not depend on the clock
 * while a progress bar should.
 */
export function budgetSpent<X>(evaluations: number, context: SolverContext<X>): number | undefined {
  const { budget, elapsedSeconds } = context;
  if (budget.evaluations !== undefined) return evaluations / budget.evaluations;
  if (budget.seconds !== undefined && elapsedSeconds !== undefined) {
    return elapsedSeconds() / budget.seconds;
  }
  return undefined;
}

/**
 * A solver module. It never calls the objective: `ask` proposes candidates, the runner
 * evaluates them (in any order, on any thread) and hands the values back to `tell` in the
 * same order. Failed evaluations arrive as `Infinity`. The state is plain data: a run can be
 * checkpointed with JSON.stringify and resumed with JSON.parse.
 */
export interface SolverModule<P extends object = object, S = unknown> {
  /** Registry name, e.g. `random-search`. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** The space kinds it works on. */
  readonly supports: readonly SpaceKind[];
  /** The default of every parameter; the schema, docs and CLI help read them from here. */
  readonly defaultParams: Readonly<P>;
  /** JSON Schema of the parameters object (`type` excluded), with `additionalProperties: false`. */
  readonly paramsSchema: JsonSchema;
  /** Needs `problem.gradient`: the runner then evaluates gradients and passes them to `tell`. */
  readonly requiresGradient?: boolean;
  /**
   * What the schema cannot say: one parameter against another (`minPopulationSize` at most
   * `populationSize`...). `params` is complete and valid by the schema; each issue's path is its
   * field's (`/minPopulationSize`), which configs prefix with the solver block's path.
   */
  checkParams?(params: Readonly<P>): ConfigIssue[];
  /** Builds the initial state. `params` is complete (defaults filled in) and validated. */
  init<X>(context: SolverContext<X>, params: P, rng: Rng): S;
  /** The next batch of candidates (its natural parallelism); an empty batch means converged. */
  ask<X>(state: S, context: SolverContext<X>, rng: Rng): X[];
  /** The values of the last asked batch, in order; updates `state` in place. */
  tell<X>(
    state: S,
    context: SolverContext<X>,
    candidates: X[],
    values: number[],
    rng: Rng,
    gradients?: number[][],
  ): void;
  /**
   * Why these parameters cannot run with `objectives` objectives, at the parameter's JSON pointer
   * (`/survival`); undefined when they can. Commands check it against the config before any
   * work, and `init` refuses the same.
   */
  objectivesIssue?(
    params: P,
    objectives: number,
  ): { path: string; message: string; hint?: string } | undefined;
  /**
   * Multi-objective solvers only: the evaluations of the last asked batch, in order (minimized
   * vectors with their constraint violation; failures have violation Infinity). The runner calls
   * it instead of `tell` when the problem declares `objectives`.
   */
  tellObjectives?<X>(
    state: S,
    context: SolverContext<X>,
    candidates: X[],
    evaluations: readonly ObjectiveEvaluation[],
    rng: Rng,
  ): void;
  /** One trial at a time on a fixed lag schedule (used by studies instead of ask/tell). */
  readonly asynchronous?: AsynchronousAsk<P, S>;
}

/** A finished trial of a study, as told to an asynchronous solver. `value` is minimized. */
export interface FinishedTrial<X> {
  params: X;
  /** The objective's value; for a pruned trial its last intermediate value; NaN when failed. */
  value: number;
  status: 'complete' | 'pruned' | 'failed';
  /** The last step the trial reported (pruned trials). */
  step?: number;
  /**
   * Multi-objective studies: the trial's objective values (minimized) and constraint violation;
   * failed and pruned trials have violation Infinity. `value` is then NaN.
   */
  evaluation?: ObjectiveEvaluation;
}

/**
 * Asking one trial at a time without a batch barrier (studies): trial k is proposed from the
 * trials 0..k-lag-1, told in trial order, with the parameters of trials k-lag..k-1 passed as
 * pending. Since lag is fixed, trial k depends on (seed, k, earlier results) only, whatever the
 * number of workers.
 */
export interface AsynchronousAsk<P extends object, S> {
  /** The number of trials proposed before the results they wait for. */
  lag(params: P): number;
  /** Tells one finished trial (in trial order); updates `state` in place. */
  observe<X>(state: S, context: SolverContext<X>, trial: FinishedTrial<X>): void;
  /** Proposes the next trial while `pending` ones are still running. */
  propose<X>(state: S, context: SolverContext<X>, pending: readonly X[], rng: Rng): X;
}

/** Any solver module, whatever its parameter and state types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySolver = SolverModule<any, any>;

/** Defines a solver module with its types checked (identity at run time). */
export function defineSolver<P extends object, S>(module: SolverModule<P, S>): SolverModule<P, S> {
  return module;
}
