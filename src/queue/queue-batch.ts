// A batch's runs as queue jobs: each run is a job named after the batch's queue id and the
// run's key, so that a batch resumed after its coordinator died collects the runs finished
// meanwhile instead of running them again.
import type { RunReply, RunTask } from '../runners/batch/run-task.js';
import type { RemoteRuns } from '../runners/batch/runner.js';
import type { QueueAddress } from './queue-address.js';
import { JobLost, QueueClient } from './queue-client.js';
import { jobPath, portableProblem } from './worker-root.js';

/** Options of {@link queueRuns}. */
export interface QueueRunsOptions {
  address: QueueAddress;
  /** Names the batch's jobs (the output folder's `queue-id`). */
  batchId: string;
  /** Folder the runs' baseDir is named relative to (workers map it to their --root). */
  root: string;
  /** Runs in the queue at once. @defaultValue 64 */
  window?: number;
}

/** The runs of a batch on queue workers; close it when the batch is done. */
export async function queueRuns(
  options: QueueRunsOptions,
): Promise<RemoteRuns & { close(): Promise<void>; readonly workersSeen: number }> {
  const client = await QueueClient.open(options.address);
  return {
    window: options.window ?? 64,
    get workersSeen() {
      return client.workersSeen.size;
    },
    async run(key: string, task: RunTask, signal: AbortSignal): Promise<RunReply> {
      try {
        return await client.run<RunReply>(
          QueueClient.jobId(options.batchId, key),
          {
            kind: 'run',
            task: {
              ...task,
              problem: portableProblem(
                task.problem,
                task.baseDir,
                options.root,
              ) as RunTask['problem'],
              baseDir: jobPath(task.baseDir, options.root),
            },
          },
          signal,
        );
      } catch (error) {
        if (error instanceof JobLost && !error.aborted)
          return { status: 'failed', error: error.message };
        throw error;
      }
    },
    close: () => client.close(),
  };
}
