// Evaluation in the calling thread: synchronous objectives stay synchronous (no promise per
// candidate), asynchronous ones are awaited one after another.
import { errorMessage } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import {
  isPromiseLike,
  type BatchOutcome,
  type EvaluateOptions,
  type Evaluator,
} from './evaluator.js';

/** An evaluator that calls `problem.evaluate` (and `gradient`) in this thread. */
export function inThreadEvaluator<X>(problem: Problem<X>): Evaluator<X> {
  return {
    evaluate(
      candidates: readonly X[],
      options: EvaluateOptions,
    ): BatchOutcome | Promise<BatchOutcome> {
      const n = candidates.length;
      const values = new Array<number>(n);
      let errors: (string | undefined)[] | undefined;
      let gradients: number[][] | undefined;
      let pending: Promise<void> | undefined;
      for (let i = 0; i < n; i++) {
        const x = candidates[i] as X;
        if (pending !== undefined) {
          pending = pending.then(() => settle(i, x));
          continue;
        }
        try {
          const value = problem.evaluate(x);
          if (isPromiseLike(value)) {
            pending = Promise.resolve(value).then(
              (v) => {
                values[i] = v;
              },
              (error: unknown) => fail(i, error),
            );
          } else values[i] = value;
        } catch (error) {
          fail(i, error);
        }
      }
      function fail(i: number, error: unknown): void {
        errors ??= new Array<string | undefined>(n);
        errors[i] = errorMessage(error);
        values[i] = NaN;
      }
      async function settle(i: number, x: X): Promise<void> {
        try {
          values[i] = await problem.evaluate(x);
        } catch (error) {
          fail(i, error);
        }
      }
      const finish = (): BatchOutcome => {
        if (options.gradients === true)
          gradients = computeGradients(problem, candidates, values, (i, e) => fail(i, e));
        const outcome: BatchOutcome = { values };
        if (errors !== undefined) outcome.errors = errors;
        if (gradients !== undefined) outcome.gradients = gradients;
        return outcome;
      };
      return pending === undefined ? finish() : pending.then(finish);
    },
    close: () => Promise.resolve(),
  };
}

function computeGradients<X>(
  problem: Problem<X>,
  candidates: readonly X[],
  values: number[],
  fail: (i: number, error: unknown) => void,
): number[][] {
  return candidates.map((x, i) => {
    if (problem.gradient === undefined || !Number.isFinite(values[i])) return [];
    try {
      return problem.gradient(x);
    } catch (error) {
      fail(i, error);
      return [];
    }
  });
}
