// Evaluation in the calling thread: synchronous objectives stay synchronous (no promise per
// candidate), asynchronous ones are awaited one after another.
import { errorMessage } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import {
  errorStack,
  isPromiseLike,
  type BatchOutcome,
  type EvaluateOptions,
  type Evaluator,
} from './evaluator.js';
import { callObjective, settleObjective } from './objective-call.js';

/** Options of {@link inThreadEvaluator}. */
export interface InThreadOptions {
  /**
   * Let a batch running longer than 50 ms go on asynchronously, yielding to the event loop now
   * and then, so that Ctrl-C and timers get through. @defaultValue true
   */
  yielding?: boolean;
}

/** An evaluator that calls `problem.evaluate` (and `gradient`) in this thread. */
export function inThreadEvaluator<X>(
  problem: Problem<X>,
  options: InThreadOptions = {},
): Evaluator<X> {
  const yieldAfterMs = options.yielding === false ? Infinity : YIELD_AFTER_MS;
  return {
    evaluate(
      candidates: readonly X[],
      options: EvaluateOptions,
    ): BatchOutcome | Promise<BatchOutcome> {
      const batch = new BatchState(candidates.length, options);
      const timed = batch.timed;
      // Only a batch long enough to reach the first check reads the clock (a reading costs as
      // much as a cheap objective, and trajectory solvers ask one candidate at a time).
      const batchStart = candidates.length > 63 ? performance.now() : 0;
      for (let i = 0; i < candidates.length; i++) {
        // A long batch goes on asynchronously, so that signals (Ctrl-C) and timers get through.
        if ((i & 63) === 63 && performance.now() - batchStart > yieldAfterMs) {
          return finishAsync(problem, candidates, batch, i, undefined, 0);
        }
        const start = timed ? performance.now() : 0;
        let value: unknown;
        try {
          value = callObjective(problem, candidates[i] as X);
        } catch (error) {
          batch.fail(i, errorMessage(error), start, errorStack(error));
          continue;
        }
        // The first asynchronous value switches to awaiting, one candidate after another.
        if (isPromiseLike(value)) return finishAsync(problem, candidates, batch, i, value, start);
        batch.take(i, problem, value, start);
      }
      return batch.outcome(problem, candidates);
    },
    close: () => Promise.resolve(),
  };
}

// Synchronous work in one stretch before the evaluator yields to the event loop.
const YIELD_AFTER_MS = 50;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function finishAsync<X>(
  problem: Problem<X>,
  candidates: readonly X[],
  batch: BatchState,
  first: number,
  pending: PromiseLike<unknown> | undefined,
  firstStart: number,
): Promise<BatchOutcome> {
  // Coming from the synchronous loop (nothing pending), the batch has run long already.
  let lastYield = pending === undefined ? -Infinity : performance.now();
  for (let i = first; i < candidates.length; i++) {
    if (performance.now() - lastYield > YIELD_AFTER_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    const given = i === first ? pending : undefined;
    const start = given !== undefined ? firstStart : batch.timed ? performance.now() : 0;
    try {
      const evaluated: unknown = given ?? callObjective(problem, candidates[i] as X);
      const value: unknown = isPromiseLike(evaluated) ? await evaluated : evaluated;
      batch.take(i, problem, value, start);
    } catch (error) {
      batch.fail(i, errorMessage(error), start, errorStack(error));
    }
  }
  return batch.outcome(problem, candidates);
}

// The values, errors and timings of one batch as they are filled in.
class BatchState {
  readonly values: number[];
  readonly timed: boolean;
  private errors: (string | undefined)[] | undefined;
  private evaluations: (ObjectiveEvaluation | undefined)[] | undefined;
  private readonly durations: number[] | undefined;

  constructor(
    size: number,
    private readonly options: EvaluateOptions,
  ) {
    this.values = new Array<number>(size);
    this.timed = options.onResult !== undefined;
    this.durations = this.timed ? new Array<number>(size).fill(0) : undefined;
  }

  /** Settles candidate i with what its objective returned (checked here). */
  take<X>(i: number, problem: Problem<X>, returned: unknown, start: number): void {
    const outcome = settleObjective(problem, returned);
    if (typeof outcome === 'string') {
      this.fail(i, outcome, start);
      return;
    }
    this.values[i] = outcome.value;
    if (outcome.evaluation !== undefined) {
      this.evaluations ??= new Array<ObjectiveEvaluation | undefined>(this.values.length);
      this.evaluations[i] = outcome.evaluation;
    }
    if (this.timed) this.report(i, undefined, start);
  }

  fail(i: number, message: string, start: number, stack?: string): void {
    this.errors ??= new Array<string | undefined>(this.values.length);
    this.errors[i] = message;
    this.values[i] = NaN;
    if (this.timed) this.report(i, message, start, stack);
  }

  private report(i: number, error: string | undefined, start: number, stack?: string): void {
    const duration = performance.now() - start;
    (this.durations as number[])[i] = duration;
    this.options.onResult?.(
      i,
      this.values[i] as number,
      error,
      duration,
      stack,
      this.evaluations?.[i],
    );
  }

  outcome<X>(problem: Problem<X>, candidates: readonly X[]): BatchOutcome {
    const outcome: BatchOutcome = { values: this.values };
    if (this.evaluations !== undefined) outcome.evaluations = this.evaluations;
    if (this.options.gradients === true) {
      outcome.gradients = candidates.map((x, i) => {
        if (problem.gradient === undefined || !Number.isFinite(this.values[i])) return [];
        try {
          return problem.gradient(x);
        } catch (error) {
          this.errors ??= new Array<string | undefined>(this.values.length);
          this.errors[i] = errorMessage(error);
          this.values[i] = NaN;
          return [];
        }
      });
    }
    if (this.errors !== undefined) outcome.errors = this.errors;
    if (this.durations !== undefined) outcome.durationsMs = this.durations;
    return outcome;
  }
}
