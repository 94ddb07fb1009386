// One batch run on a pool of worker threads, with the config's per-evaluation time limit: the
// same code for a batch on this machine's threads and for a run a queue worker took, so that a
// hung objective fails its run, and only that run, wherever it runs.
import type { Piscina } from 'piscina';
import { describeCrash, TaskFailure } from '../pool-task.js';
import { createEvaluationCounter, watchEvaluations } from './evaluation-watch.js';
import type { RunReply, RunTask } from './run-task.js';

/** Options of {@link runOnPool}. */
export interface PoolRunOptions {
  /** The heap limit of each worker thread in MB, for messages. */
  memoryLimitMb: number;
  /** Abandons the run: the promise rejects with an aborted TaskFailure. */
  signal?: AbortSignal;
}

/**
 * Runs `task` on `pool`. A crashed worker thread, or an evaluation running longer than
 * `task.timeoutSeconds` (its thread is terminated), fails the run; rejects only on abort.
 */
export async function runOnPool(
  pool: Piscina,
  task: RunTask,
  options: PoolRunOptions,
): Promise<RunReply> {
  const { signal, memoryLimitMb } = options;
  const timeoutSeconds = task.timeoutSeconds;
  const counter = timeoutSeconds === undefined ? undefined : createEvaluationCounter();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted === true) controller.abort();
  let timedOut = false;
  const watch =
    counter === undefined || timeoutSeconds === undefined
      ? undefined
      : watchEvaluations(counter, timeoutSeconds, () => {
          timedOut = true;
          controller.abort();
        });
  try {
    const sent: RunTask = counter === undefined ? task : { ...task, evaluationCounter: counter };
    return (await pool.run(sent, { signal: controller.signal })) as RunReply;
  } catch (error) {
    if (timedOut) {
      return {
        status: 'failed',
        error: `an evaluation timed out after ${timeoutSeconds} s (timeoutSeconds), which ended the run (its worker was terminated and replaced)`,
      };
    }
    if (signal?.aborted === true) throw new TaskFailure('aborted', true);
    return { status: 'failed', error: describeCrash(error, memoryLimitMb) };
  } finally {
    watch?.stop();
    signal?.removeEventListener('abort', onAbort);
  }
}
