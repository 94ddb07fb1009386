// One task on the worker pool: packs the candidates, applies the time limit, and turns crashes
// and timeouts into messages that say what happened to the worker.
import { MessageChannel, type Transferable } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { errorMessage } from '../core/errors.js';
import type { SpaceKind } from '../core/space.js';
import type { ProblemConfig } from '../config/run-config.js';
import type { ModuleProblemConfig } from '../problems/user-module.js';
import { packCandidates } from './candidate-packing.js';
import { setLongTimeout, type LongTimeout } from './long-timeout.js';
import type { TrialTask } from './trial-channel.js';
import type { EvaluateReply, EvaluateTask } from './worker.js';

/** A task that did not return: the worker crashed, timed out, or the run was aborted. */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly aborted = false,
    /** Wall time from the start of the evaluation (or of the task) to the failure. */
    readonly durationMs = 0,
  ) {
    super(message);
  }
}

/** What every task of one evaluator shares. */
export interface TaskSettings {
  pool: Piscina;
  problem: ProblemConfig | ModuleProblemConfig;
  baseDir: string;
  kind: SpaceKind;
  timeoutSeconds: number | undefined;
  /** The heap limit of each worker in MB, for messages. */
  memoryLimitMb: number;
}

/** Evaluates `items` on the pool; rejects with a TaskFailure when no reply comes back. */
export async function runEvaluateTask(
  settings: TaskSettings,
  items: readonly unknown[],
  gradients: boolean,
  signal: AbortSignal | undefined,
  trial?: TrialTask,
): Promise<EvaluateReply> {
  const candidates = packCandidates(settings.kind, items);
  const task: EvaluateTask = {
    kind: 'evaluate',
    problem: settings.problem,
    baseDir: settings.baseDir,
    candidates,
    gradients,
    ...(trial === undefined ? {} : { trial }),
  };
  const limit = settings.timeoutSeconds;
  // Only a time limit or the caller's signal can end a task early: without either, the task
  // goes to the pool with no signal (no listeners to add and remove, a cheaper round trip).
  const controller =
    limit === undefined && signal === undefined ? undefined : new AbortController();
  const onAbort = (): void => controller?.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const transferList: Transferable[] = candidates.packed
    ? [candidates.data.buffer as ArrayBuffer]
    : [];
  if (trial !== undefined) transferList.push(trial.port);
  let timedOut = false;
  let timer: LongTimeout | undefined;
  let startedAt = performance.now();
  // The clock starts when the worker starts evaluating, not while the task waits in the queue
  // or a replacement worker boots.
  const channel = limit === undefined ? undefined : new MessageChannel();
  if (channel !== undefined && limit !== undefined) {
    task.started = channel.port2;
    transferList.push(channel.port2);
    channel.port1.once('message', () => {
      startedAt = performance.now();
      timer = setLongTimeout(
        () => {
          timedOut = true;
          controller?.abort();
        },
        limit * 1000 * items.length,
      );
    });
  }
  try {
    return (await settings.pool.run(task, {
      ...(controller === undefined ? {} : { signal: controller.signal }),
      transferList,
    })) as EvaluateReply;
  } catch (error) {
    const durationMs = performance.now() - startedAt;
    if (timedOut)
      throw new TaskFailure(
        `timed out after ${limit} s (its worker was terminated and replaced)`,
        false,
        durationMs,
      );
    if (signal?.aborted === true) throw new TaskFailure('aborted', true, durationMs);
    throw new TaskFailure(describeCrash(error, settings.memoryLimitMb), false, durationMs);
  } finally {
    timer?.clear();
    channel?.port1.close();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** What a worker's crash means for the user (also used for whole batch runs). */
export function describeCrash(error: unknown, memoryLimitMb: number): string {
  const message = errorMessage(error);
  if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `its worker ran out of memory: the JavaScript heap passed memoryLimitMb (${memoryLimitMb} MB); raise memoryLimitMb or --memory-limit-mb if it needs more (the worker was replaced)`;
  const exit = /worker exited with code:? ?(-?\d+)/i.exec(message);
  if (exit !== null)
    return `its worker thread exited with code ${exit[1]} (the worker was replaced)`;
  return `its worker thread crashed: ${message} (the worker was replaced)`;
}
