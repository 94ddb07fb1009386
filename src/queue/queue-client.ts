// The coordinator's side of the queue: sends a task as a job with a stable id (a job that exists
// already is not added again, so a coordinator that restarts collects what finished meanwhile),
// waits for its reply; Redis keeps finished jobs for a while (a restarted coordinator collects them).
import { setMaxListeners } from 'node:events';
import type { Queue } from 'bullmq';
import { parseQueueAddress, connectionOptions, type QueueAddress } from './queue-address.js';
import { checkReachable, loadBull } from './queue-connection.js';
import { JobEnds, type JobEnd } from './job-ends.js';
import { jobIdPart, ownIdentity, queueName } from './queue-identity.js';
import { decodeReply, encodeTask, type RemoteTask } from './queue-task.js';
import type { RemoteEvaluateReply, RemoteOrigin } from './queue-task.js';
import type { RunReply } from '../runners/batch/run-task.js';

// Finished jobs stay in Redis so that a coordinator that restarts collects them instead of running
// them again: a week at most, and the queue's last 10,000 (Redis trims them as jobs finish, in
// the worker's own round trip, instead of a removal per job from the coordinator). A job pushed
// out before a restarted coordinator collected it runs again, with the same result.
const KEPT_FINISHED = { age: 7 * 24 * 3600, count: 10_000 };

/** Why a job did not return a reply: its worker process died too often, or the wait was aborted. */
export class JobLost extends Error {
  constructor(
    message: string,
    readonly aborted = false,
  ) {
    super(message);
  }
}

// Waits for one job's end.
interface Waiter {
  resolve(returned: unknown): void;
  reject(reason: Error): void;
}

/** A connection to the queue for sending jobs. */
export class QueueClient {
  /** Distinct worker processes (host:pid) that have replied. */
  readonly workersSeen = new Set<string>();
  // Jobs waited for, by id: one reader of the queue's events serves them all.
  private readonly waiting = new Map<string, Waiter>();
  // Jobs journaled by the caller, removed together once per turn of the event loop.
  private readonly finished: string[] = [];
  private ends: JobEnds | undefined;

  private constructor(
    readonly address: QueueAddress,
    private readonly queue: Queue,
  ) {}

  private onEnd(end: JobEnd): void {
    if (end.event === 'completed') {
      // BullMQ stores the return value (the reply's text) as JSON.
      if (this.waiting.has(end.jobId)) this.settle(end.jobId, JSON.parse(end.returnvalue));
    } else if (end.event === 'failed') {
      this.waiting.get(end.jobId)?.reject(new Error(end.failedReason));
    } else {
      // A job sent before (a coordinator that restarted): it may have ended already.
      void this.collect(end.jobId);
    }
  }

  /** Connects to the queue at `url` (a QueueError when it cannot be reached). */
  static async open(url: string | QueueAddress): Promise<QueueClient> {
    const address = typeof url === 'string' ? parseQueueAddress(url) : url;
    await checkReachable(address);
    const { Queue } = await loadBull();
    const connection = connectionOptions(address);
    // Commands sent in the same turn of the event loop (jobs added or removed together) share
    // one write.
    const queue = new Queue(queueName(), {
      connection: { ...connection, enableAutoPipelining: true },
    });
    queue.on('error', () => undefined);
    await queue.waitUntilReady();
    const client = new QueueClient(address, queue);
    // Reading starts after the stream's last entry now: no end of a job sent later is missed.
    client.ends = await JobEnds.open(
      address,
      queue.keys.events!,
      (end) => client.onEnd(end),
      () => client.waiting.size,
    ).catch(async (error: unknown) => {
      await queue.close().catch(() => undefined);
      throw error;
    });
    return client;
  }

  /** The id of a job from its parts (BullMQ refuses some characters). */
  static jobId(...parts: (string | number)[]): string {
    return parts.map((part) => jobIdPart(String(part))).join('.');
  }

  /**
   * Sends `task` as job `id` (or joins the job of that id already queued, running or done) and
   * resolves with its reply; rejects with JobLost when its worker died 3 times or on abort.
   */
  async run<R extends RemoteEvaluateReply | RunReply>(
    id: string,
    task: RemoteTask,
    signal?: AbortSignal,
  ): Promise<R & RemoteOrigin> {
    const ended = new Promise<unknown>((resolve, reject) =>
      this.waiting.set(id, { resolve, reject }),
    );
    let returned: unknown;
    try {
      await this.queue.add(task.kind, encodeTask(ownIdentity(), task), {
        jobId: id,
        removeOnComplete: KEPT_FINISHED,
        removeOnFail: KEPT_FINISHED,
      });
      returned = await abortable(ended, signal);
    } catch (error) {
      if (error instanceof JobLost) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      // Recorded as failed: a rerun (or --retry-failed) sends it afresh.
      this.forget(id);
      if (/stalled/i.test(reason)) {
        throw new JobLost(
          'its worker process died 3 times while running it (the job was delivered 3 times)',
        );
      }
      throw new JobLost(`its queue worker failed: ${reason}`);
    } finally {
      this.waiting.delete(id);
    }
    const reply = decodeReply<R>(returned);
    this.workersSeen.add(`${reply.host}:${reply.pid}`);
    return reply;
  }

  /** Worker processes connected to the queue now. */
  async connectedWorkers(): Promise<number> {
    try {
      return await this.queue.getWorkersCount();
    } catch {
      return 0;
    }
  }

  /** Closes the connections (jobs in the queue stay there). */
  async close(): Promise<void> {
    await this.removeFinished();
    await Promise.allSettled([this.ends?.close(), this.queue.close()]);
  }

  private settle(id: string, returned: unknown): void {
    this.waiting.get(id)?.resolve(returned);
  }

  // The end of a job that was already in the queue, if it has ended.
  private async collect(id: string): Promise<void> {
    const job = await this.queue.getJob(id).catch(() => undefined);
    if (job === undefined || !this.waiting.has(id)) return;
    if (job.finishedOn === undefined) return;
    if (job.failedReason !== undefined && job.failedReason !== '' && job.returnvalue == null) {
      this.waiting.get(id)?.reject(new Error(job.failedReason));
    } else {
      this.settle(id, job.returnvalue);
    }
  }

  private forget(id: string): void {
    this.finished.push(id);
    if (this.finished.length === 1) setImmediate(() => void this.removeFinished());
  }

  private async removeFinished(): Promise<void> {
    const ids = this.finished.splice(0);
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => undefined)));
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new JobLost('aborted', true));
  // One listener per job in flight.
  setMaxListeners(0, signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new JobLost('aborted', true));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
