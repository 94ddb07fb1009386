// What `kiln tune` and `kiln batch` do differently with --queue (or KILN_QUEUE): check the
// queue, name the run's jobs after an id kept in the output folder (a rerun collects the jobs of
// the first attempt), and optionally run a worker with local threads in this process.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { fileSystemError } from '../core/file-system-errors.js';
import { parseQueueAddress, queueUrlFrom, type QueueAddress } from '../queue/queue-address.js';
import { checkReachable } from '../queue/queue-connection.js';
import { startQueueWorker, type QueueWorker } from '../queue/queue-worker.js';

/** The queue options of a coordinating command, once checked. */
export interface QueueChoice {
  address: QueueAddress;
  /** Threads of a worker in this process (0: remote workers only). */
  localWorkers: number;
}

/** The file of an output folder naming its jobs in the queue. */
export const QUEUE_ID_FILE = 'queue-id';

/**
 * The queue a command coordinates from `--queue` or KILN_QUEUE, or undefined; with a queue,
 * `--workers N` (default 0) is the number of local threads also taking jobs.
 */
export function queueChoice(
  args: { queue?: string | undefined; workers?: unknown },
  environment: Readonly<Record<string, string | undefined>> = process.env,
): QueueChoice | undefined {
  const url = queueUrlFrom(args.queue, environment);
  if (url === undefined) return undefined;
  const address = parseQueueAddress(url, args.queue === undefined ? 'KILN_QUEUE' : '--queue');
  const raw = args.workers;
  const localWorkers = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(localWorkers) || localWorkers < 0 || String(raw).trim() === '') {
    throw new ConfigError('command line', [
      {
        path: '--workers',
        message: `must be an integer >= 0 with --queue (got ${JSON.stringify(raw)})`,
      },
    ]);
  }
  return { address, localWorkers };
}

/**
 * Runs `work` once the queue answers, with a local worker of `choice.localWorkers` threads
 * (rooted at `root`) taking jobs meanwhile; stops that worker afterwards.
 */
export async function coordinate<T>(
  choice: QueueChoice,
  root: string,
  work: () => Promise<T>,
): Promise<T> {
  await checkReachable(choice.address);
  let local: QueueWorker | undefined;
  if (choice.localWorkers > 0) {
    local = await startQueueWorker({ address: choice.address, threads: choice.localWorkers, root });
  }
  try {
    return await work();
  } finally {
    await local?.stop();
  }
}

/** The id of the output folder's jobs: read from `queue-id`, or chosen and written there. */
export function queueId(output: string | undefined): string {
  if (output === undefined) return randomUUID();
  const path = join(output, QUEUE_ID_FILE);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (/^[\w-]+$/.test(stored)) return stored;
  } catch {
    // No id yet: a new run.
  }
  const id = randomUUID();
  try {
    mkdirSync(output, { recursive: true });
    writeFileSync(path, `${id}\n`);
  } catch (error) {
    throw fileSystemError(error, output, 'write its queue id');
  }
  return id;
}
