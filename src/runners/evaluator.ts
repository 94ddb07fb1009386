// The Evaluator contract: evaluates a batch of candidates, in this thread or on a worker pool.
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';

/** What an evaluator returns for a batch, position by position. */
export interface BatchOutcome {
  /** Raw objective values (a failed evaluation may hold anything; see `errors`). */
  values: number[];
  /**
   * Multi-objective problems: each successful candidate's objective values (minimized) and
   * constraint violation; undefined where the evaluation failed. `values` then holds 0 or NaN.
   */
  evaluations?: (ObjectiveEvaluation | undefined)[];
  /** An error message per position that failed (thrown, timed out, worker crashed); sparse. */
  errors?: (string | undefined)[];
  /** Gradients, when asked for. */
  gradients?: number[][];
  /** Wall time of each evaluation in milliseconds, when measured. */
  durationsMs?: number[];
  /** With `EvaluateOptions.trial`: what the trial reported (evaluators that support trials). */
  trial?: TrialOutcome;
}

/** What a study's trial reported while it ran to its end. */
export interface TrialOutcome {
  /** Intermediate values as [step, value] pairs, in the order reported. */
  reports: [number, number][];
  /** The steps at which the objective asked `shouldPrune()` (it was answered false). */
  asked: number[];
  /** The objective threw TrialPruned. */
  pruned: boolean;
  /** The stack of the error the objective threw, when it threw one. */
  stack?: string;
}

/** Options of one batch evaluation. */
export interface EvaluateOptions {
  /** Also compute gradients (first-order solvers). */
  gradients?: boolean;
  /** Aborts evaluations still running (where the evaluator can). */
  signal?: AbortSignal;
  /**
   * Called as each candidate's result arrives, in completion order (journals record finished
   * evaluations before the whole batch is done). `index` is the position in the batch.
   */
  onResult?: ResultCallback;
  /**
   * Number of this batch in the run (0, 1, ...), so that an evaluator that names its work (a
   * queue's job ids) names it the same when a resumed run asks the batch again.
   */
  batch?: number;
  /** The candidates' positions in that batch when some were replayed. @defaultValue 0, 1, ... */
  indices?: readonly number[];
  /**
   * Evaluate the single candidate as trial `trial` (1-based) of a study: the objective receives
   * a `trial`, and the outcome's `trial` holds its reports. Queue evaluators support it.
   */
  trial?: number;
  /**
   * With `trial`, for evaluators that run it elsewhere: whether the trial stops at `step`, given
   * its reports so far, asked while it runs. Without it a trial runs to its end.
   */
  shouldPrune?: (reports: readonly [number, number][], step: number) => Promise<boolean>;
}

/**
 * Receives one finished evaluation: its position in the batch, the raw value, the error message
 * when it failed, its wall time, and the stack of the objective's own error when it threw one.
 */
export type ResultCallback = (
  index: number,
  value: number,
  error: string | undefined,
  durationMs: number,
  stack?: string,
  evaluation?: ObjectiveEvaluation,
) => void;

// kiln's own folder (dist/ or src/) and its dependencies: frames there are not the user's.
const KILN_ROOT = new URL('..', import.meta.url).href;
const OWN_FRAME = (line: string): boolean =>
  /^\s+at /.test(line) &&
  (line.includes(KILN_ROOT) ||
    line.includes(KILN_ROOT.replace(/^file:\/\//, '')) ||
    line.includes('/node_modules/piscina/'));

/** The stack of an error an objective threw, without kiln's own frames, for failure records. */
export function errorStack(error: unknown): string | undefined {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return undefined;
  return error.stack
    .split('\n')
    .filter((line) => !OWN_FRAME(line))
    .slice(0, 40)
    .join('\n');
}

/** Evaluates batches of candidates; returns synchronously when it can, to keep cheap loops fast. */
export interface Evaluator<X> {
  evaluate(
    candidates: readonly X[],
    options: EvaluateOptions,
  ): BatchOutcome | Promise<BatchOutcome>;
  /** Releases threads and other resources. */
  close(): Promise<void>;
}

/** True for promises and other thenables. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
