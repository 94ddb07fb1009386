// The coordinator's side of the queue: sends a task as a job with a stable id (a job that exists
// already is not added again, so a coordinator that restarts collects what finished meanwhile),
// waits for its reply, and removes the job once the caller has recorded the reply.
import { setMaxListeners } from 'node:events';
import type { Queue, QueueEvents } from 'bullmq';
import { parseQueueAddress, connectionOptions, type QueueAddress } from './queue-address.js';
import { checkReachable, loadBull } from './queue-connection.js';
import { jobIdPart, ownIdentity, queueName } from './queue-identity.js';
import { decodeReply, encodeTask, type RemoteTask } from './queue-task.js';
import type { RemoteEvaluateReply, RemoteOrigin } from './queue-task.js';
import type { RunReply } from '../runners/batch/run-task.js';

// Jobs left behind (a coordinator that never came back) expire after a week.
const WEEK_SECONDS = 7 * 24 * 3600;

/** Why a job did not return a reply: its worker process died too often, or the wait was aborted. */
export class JobLost extends Error {
  constructor(
    message: string,
    readonly aborted = false,
  ) {
    super(message);
  }
}

/** A connection to the queue for sending jobs. */
export class QueueClient {
  /** Distinct worker processes (host:pid) that have replied. */
  readonly workersSeen = new Set<string>();

  private constructor(
    readonly address: QueueAddress,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {}

  /** Connects to the queue at `url` (a QueueError when it cannot be reached). */
  static async open(url: string | QueueAddress): Promise<QueueClient> {
    const address = typeof url === 'string' ? parseQueueAddress(url) : url;
    await checkReachable(address);
    const { Queue, QueueEvents } = await loadBull();
    const connection = connectionOptions(address);
    const queue = new Queue(queueName(), { connection });
    const events = new QueueEvents(queueName(), { connection });
    queue.on('error', () => undefined);
    // Each job waited for listens for the queue closing: as many listeners as jobs in flight.
    queue.setMaxListeners(0);
    events.on('error', () => undefined);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueueClient(address, queue, events);
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
    const job = await this.queue.add(task.kind, encodeTask(ownIdentity(), task), {
      jobId: id,
      removeOnComplete: { age: WEEK_SECONDS },
      removeOnFail: { age: WEEK_SECONDS },
    });
    let returned: unknown;
    try {
      returned = await abortable(job.waitUntilFinished(this.events), signal);
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
    }
    const reply = decodeReply<R>(returned);
    this.workersSeen.add(`${reply.host}:${reply.pid}`);
    // After the caller's synchronous continuation (which journals the reply).
    setImmediate(() => this.forget(id));
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
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }

  private forget(id: string): void {
    void this.queue.remove(id).catch(() => undefined);
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
