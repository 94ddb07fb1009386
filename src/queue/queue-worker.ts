// `kiln worker` as a library: a BullMQ worker that takes evaluation jobs (trials, batches of
// candidates, batch runs) and runs them on its own pool of worker threads. Objectives never run
// on this thread: a busy main thread would lose the job's lock and have the job delivered again.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Job, Worker } from 'bullmq';
import { ParameterError, describeValue, errorMessage } from '../core/errors.js';
import { checkWorkers, createWorkerPool } from '../runners/worker-pool.js';
import { defaultMemoryLimitMb } from '../runners/worker-limits.js';
import { QueueError, connectionOptions, type QueueAddress } from './queue-address.js';
import { checkReachable, loadBull } from './queue-connection.js';
import { checkIdentity, queueName } from './queue-identity.js';
import { PruningAsker } from './pruning-questions.js';
import { Prefetch, type PrefetchSetting } from './prefetch.js';
import { decodeTask, encodeReply, type JobData } from './queue-task.js';
import { runRemoteTask } from './remote-task.js';

// How long a trial waits for the coordinator's answer to a pruning question before going on.
const ANSWER_SECONDS = 30;

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  address: QueueAddress;
  /** Worker threads, one job each at a time. */
  threads: number;
  /** Folder that jobs' paths are relative to; nothing outside it may be named. */
  root: string;
  /**
   * Lock duration and stalled-check interval: a job whose worker died runs again elsewhere
   * after about one to three times this. @defaultValue 30
   */
  lockSeconds?: number;
  /** Heap limit of each worker thread in MB. @defaultValue Node's default */
  memoryLimitMb?: number;
  /**
   * Jobs held beyond one per thread, waiting for a free thread: a number, or `auto` (a few
   * while recent jobs are short, none while they are long). @defaultValue 'auto'
   */
  prefetch?: PrefetchSetting;
  /** Called with each event (ready, a job's start and end). */
  onEvent?: (event: QueueWorkerEvent) => void;
}

/** What a queue worker reports. */
export type QueueWorkerEvent =
  | { event: 'ready'; queue: string; threads: number; root: string; host: string; pid: number }
  | { event: 'start'; job: string; attempt: number }
  | { event: 'done'; job: string; ms: number; refused?: string }
  | { event: 'stopped'; jobs: number };

/** A running queue worker. */
export interface QueueWorker {
  /** Stops taking jobs and finishes those in flight (`force`: hands them back at once). */
  stop(force?: boolean): Promise<void>;
  /** Jobs finished so far. */
  readonly jobs: number;
}

/** Starts a worker on the queue at `options.address`; resolves once it is connected. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const threads = checkWorkers(options.threads, 'options.threads');
  const lockSeconds = options.lockSeconds ?? 30;
  if (!(typeof lockSeconds === 'number' && lockSeconds > 0)) {
    throw new ParameterError(
      `options.lockSeconds must be a number > 0 (got ${describeValue(lockSeconds)})`,
    );
  }
  const memoryLimitMb = options.memoryLimitMb;
  if (memoryLimitMb !== undefined && !(Number.isInteger(memoryLimitMb) && memoryLimitMb >= 16)) {
    throw new ParameterError(
      `options.memoryLimitMb must be an integer >= 16 (got ${describeValue(memoryLimitMb)})`,
    );
  }
  const prefetchSetting = options.prefetch ?? 'auto';
  if (!(
    prefetchSetting === 'auto' ||
    (Number.isInteger(prefetchSetting) && prefetchSetting >= 0)
  )) {
    throw new ParameterError(
      `options.prefetch must be 'auto' or an integer >= 0 (got ${describeValue(prefetchSetting)})`,
    );
  }
  const root = resolve(options.root);
  const host = hostname();
  await checkReachable(options.address);
  const { Worker } = await loadBull();
  const heapLimitMb = memoryLimitMb ?? defaultMemoryLimitMb(threads);
  const pool = createWorkerPool({ workers: threads, memoryLimitMb: heapLimitMb });
  const emit = options.onEvent ?? (() => undefined);
  const asker = new PruningAsker(options.address, `${host}:${process.pid}`);
  const prefetch = new Prefetch(threads, prefetchSetting);
  let jobs = 0;
  let held = 0;
  const handle = async (job: Job<JobData>): Promise<string> => {
    const id = String(job.id);
    const began = performance.now();
    const ahead = held++;
    emit({ event: 'start', job: id, attempt: job.attemptsStarted });
    let refused: string | undefined;
    let reply;
    try {
      checkIdentity(job.data, host);
      reply = await runRemoteTask(pool, decodeTask(job.data), {
        root,
        host,
        memoryLimitMb: heapLimitMb,
        job: id,
        ask: (key, question) => asker.ask(key, question, ANSWER_SECONDS),
      });
    } catch (error) {
      if (!(error instanceof QueueError)) throw error;
      refused = errorMessage(error);
      reply = refusal(job.data, refused);
    } finally {
      held--;
    }
    jobs++;
    const ms = performance.now() - began;
    prefetch.record(ms, ahead);
    worker.concurrency = prefetch.concurrency();
    emit({
      event: 'done',
      job: id,
      ms: Math.round(ms),
      ...(refused === undefined ? {} : { refused }),
    });
    return encodeReply({ ...reply, host, pid: process.pid });
  };
  const worker: Worker<JobData, string> = new Worker(queueName(), handle, {
    connection: connectionOptions(options.address),
    concurrency: prefetch.concurrency(),
    lockDuration: lockSeconds * 1000,
    stalledInterval: lockSeconds * 1000,
    maxStalledCount: 2,
    name: `${host}:${process.pid}`,
  });
  // Connection drops are retried by ioredis; a worker goes on once Redis is back.
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  emit({ event: 'ready', queue: queueName(), threads, root, host, pid: process.pid });
  let stopping: Promise<void> | undefined;
  const closeAll = async (): Promise<void> => {
    asker.close();
    await pool.destroy();
  };
  return {
    get jobs() {
      return jobs;
    },
    stop(force = false): Promise<void> {
      if (force) return worker.close(true).then(() => closeAll());
      stopping ??= worker
        .close()
        .then(() => closeAll())
        .then(() => emit({ event: 'stopped', jobs }));
      return stopping;
    },
  };
}

// The reply to a job this worker will not run: every position failed with the reason.
function refusal(data: JobData, reason: string) {
  let kind = 'evaluate';
  let size = 1;
  try {
    const task = decodeTask(data);
    kind = task.kind;
    if (task.kind === 'evaluate') size = task.candidates.length;
  } catch {
    // An unreadable task is refused as one evaluation.
  }
  if (kind === 'run') return { status: 'failed' as const, error: reason };
  return {
    values: new Array<number>(size).fill(NaN),
    errors: new Array<string>(size).fill(reason),
    durationsMs: new Array<number>(size).fill(0),
  };
}
