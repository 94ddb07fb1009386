// The Evaluator contract: evaluates a batch of candidates, in this thread or on a worker pool.

/** What an evaluator returns for a batch, position by position. */
export interface BatchOutcome {
  /** Raw objective values (a failed evaluation may hold anything; see `errors`). */
  values: number[];
  /** An error message per position that failed (thrown, timed out, worker crashed); sparse. */
  errors?: (string | undefined)[];
  /** Gradients, when asked for. */
  gradients?: number[][];
  /** Wall time of each evaluation in milliseconds, when measured. */
  durationsMs?: number[];
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
  onResult?: (index: number, value: number, error: string | undefined, durationMs: number) => void;
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
