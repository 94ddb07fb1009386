// Per-evaluation time limits for whole runs on worker threads: the worker counts evaluation
// starts and ends in shared memory, the main thread polls the count and ends a run whose
// current evaluation has lasted too long (its worker is terminated).
import type { Problem } from '../../core/problem.js';
import { isPromiseLike } from '../evaluator.js';

/** A counter shared with a worker: odd while an evaluation runs. */
export type EvaluationCounter = Int32Array;

/** A new counter in shared memory, to send with a run task. */
export function createEvaluationCounter(): EvaluationCounter {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** `problem` with each evaluation counted in `counter` as it starts and ends (worker side). */
export function countedProblem<X>(problem: Problem<X>, counter: EvaluationCounter): Problem<X> {
  const counted = Object.create(problem) as Problem<X>;
  const ended = (): void => {
    Atomics.add(counter, 0, 1);
  };
  counted.evaluate = (x: X) => {
    Atomics.add(counter, 0, 1);
    let value: number | Promise<number>;
    try {
      value = problem.evaluate(x);
    } catch (error) {
      ended();
      throw error;
    }
    if (isPromiseLike(value)) return Promise.resolve(value).finally(ended);
    ended();
    return value;
  };
  return counted;
}

/** A running watch; `stop` ends it. */
export interface EvaluationWatch {
  stop(): void;
}

/**
 * Calls `onTimeout` once when one evaluation counted in `counter` has run longer than
 * `timeoutSeconds` (checked a few times per limit, at least once a second).
 */
export function watchEvaluations(
  counter: EvaluationCounter,
  timeoutSeconds: number,
  onTimeout: () => void,
): EvaluationWatch {
  const limitMs = timeoutSeconds * 1000;
  let seen = Atomics.load(counter, 0);
  let since = performance.now();
  const timer = setInterval(
    () => {
      const now = performance.now();
      const count = Atomics.load(counter, 0);
      if (count !== seen) {
        seen = count;
        since = now;
        return;
      }
      if (count % 2 === 1 && now - since > limitMs) {
        clearInterval(timer);
        onTimeout();
      }
    },
    Math.max(10, Math.min(1000, limitMs / 10)),
  );
  return { stop: () => clearInterval(timer) };
}
