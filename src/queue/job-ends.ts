// How the coordinator learns that its jobs ended: it reads the queue's event stream (written by
// BullMQ's own scripts) on a connection of its own, from the stream's last entry at the time it
// connected, and reports only completions, failures and duplicate adds. While many jobs are
// waited for it reads at most once per few milliseconds, so that one read brings the ends of
// several jobs instead of one read per event (each job writes four).
import type { Redis } from 'ioredis';
import { connectionOptions, type QueueAddress } from './queue-address.js';

/** The end of a job, or news that a job added again existed already. */
export type JobEnd =
  | { event: 'completed'; jobId: string; returnvalue: string }
  | { event: 'failed'; jobId: string; failedReason: string }
  | { event: 'duplicated'; jobId: string };

// How long one read blocks when nothing comes; a read that does not answer in this plus the
// margin is abandoned and the connection made anew (a reset connection can leave it pending).
const BLOCK_MS = 5000;
const STUCK_MARGIN_MS = 5000;
// Pause between reads while more than one job is waited for; up to this many entries a read.
const PAUSE_MS = 5;
const READ_COUNT = 1000;

/** The name of the reader's connection (as CLIENT LIST shows it). */
export const JOB_ENDS_CONNECTION = 'kiln-job-ends';

type StreamReply = [string, [string, string[]][]][] | null;

/** Reads the ends of jobs from the event stream `key` and passes each to `onEnd`. */
export class JobEnds {
  private closed = false;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly client: Redis,
    private readonly key: string,
    private last: string,
    private readonly onEnd: (end: JobEnd) => void,
    /** How many jobs are waited for now (more than one: reads are spaced). */
    private readonly waited: () => number,
  ) {
    this.loop = this.run();
  }

  /** Connects and starts reading after the stream's present last entry. */
  static async open(
    address: QueueAddress,
    key: string,
    onEnd: (end: JobEnd) => void,
    waited: () => number,
  ): Promise<JobEnds> {
    const { Redis } = await import('ioredis');
    const client = new Redis({
      ...connectionOptions(address),
      maxRetriesPerRequest: null,
      connectionName: JOB_ENDS_CONNECTION,
    });
    client.on('error', () => undefined);
    const newest = (await client.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return new JobEnds(client, key, newest[0]?.[0] ?? '0-0', onEnd, waited);
  }

  /** Stops reading and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.client.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const reply = await this.read();
      if (this.closed) return;
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          this.last = id;
          const end = jobEnd(fields);
          if (end !== undefined) this.onEnd(end);
        }
      }
      if (reply !== null && this.waited() > 1) await pause(PAUSE_MS);
    }
  }

  // One blocking read from the last entry seen; null when it timed out, failed or was stuck.
  private async read(): Promise<StreamReply> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), BLOCK_MS + STUCK_MARGIN_MS);
    });
    const read = this.client
      .xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', this.key, this.last)
      .catch(async () => {
        // A lost connection: ioredis reconnects; try again shortly, from the same entry.
        if (!this.closed) await pause(100);
        return null;
      });
    const reply = await Promise.race([read, stuck.then(() => 'stuck' as const)]);
    clearTimeout(timer);
    if (reply === 'stuck') {
      if (!this.closed) this.client.disconnect(true);
      return null;
    }
    return reply;
  }
}

// The fields of an entry as a job end, or undefined for the other events.
function jobEnd(fields: string[]): JobEnd | undefined {
  const value = (name: string): string | undefined => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  const event = value('event');
  if (event !== 'completed' && event !== 'failed' && event !== 'duplicated') return undefined;
  const jobId = value('jobId');
  if (jobId === undefined) return undefined;
  if (event === 'completed') return { event, jobId, returnvalue: value('returnvalue') ?? 'null' };
  if (event === 'failed') return { event, jobId, failedReason: value('failedReason') ?? '' };
  return { event, jobId };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
