// Pruning questions of trials running on queue workers, so that a pruned trial stops where the
// study prunes it instead of running to its end: the worker posts "does this trial stop at step
// s?" with its reports so far on a Redis list named after the study; the coordinator answers
// from its pruning board on a list named in the question. Pruners judge a trial from its own
// values and the trials finished before it was proposed, so the answer does not depend on when
// it is asked: the study is the one of local threads. An unanswered question (the coordinator
// is down) lets the trial go on, and the study cuts it where it would have stopped.
import type { Redis } from 'ioredis';
import { connectionOptions, type QueueAddress } from './queue-address.js';
import { queueName } from './queue-identity.js';

/** What a worker posts. */
export interface PruningQuestion {
  /** The job (trial) asking. */
  job: string;
  step: number;
  /** The trial's reports so far, [step, value]. */
  reports: [number, number][];
  /** The list the answer goes to ("1": stop, "0": go on). */
  answer: string;
}

/** Answers whether a job's trial stops at `step`, given its reports so far. */
export type PruningHandler = (reports: [number, number][], step: number) => Promise<boolean>;

/** The list a study's questions go to. */
export function pruningKey(runId: string): string {
  return `${queueName()}:pruning:${runId}`;
}

// Answers are read once; one left behind expires.
const ANSWER_TTL_SECONDS = 120;

async function connect(address: QueueAddress): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(connectionOptions(address));
  client.on('error', () => undefined);
  return client;
}

/** The coordinator's side: answers the questions posted on one key while it is open. */
export class PruningAnswerer {
  private readonly handlers = new Map<string, PruningHandler>();
  private closed = false;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly blocking: Redis,
    private readonly commands: Redis,
    readonly key: string,
  ) {
    this.loop = this.serve();
  }

  /** Starts answering the questions on `key`. */
  static async open(address: QueueAddress, key: string): Promise<PruningAnswerer> {
    const [blocking, commands] = await Promise.all([connect(address), connect(address)]);
    return new PruningAnswerer(blocking, commands, key);
  }

  /** Answers the questions of `job` with `handler` until the returned function is called. */
  register(job: string, handler: PruningHandler): () => void {
    this.handlers.set(job, handler);
    return () => this.handlers.delete(job);
  }

  /** Stops answering and removes the key's leftover questions. */
  async close(): Promise<void> {
    this.closed = true;
    this.blocking.disconnect();
    await this.loop;
    await this.commands.del(this.key).catch(() => undefined);
    this.commands.disconnect();
  }

  private async serve(): Promise<void> {
    while (!this.closed) {
      let item: [string, string] | null;
      try {
        item = await this.blocking.blpop(this.key, 1);
      } catch {
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      if (item === null) continue;
      const question = JSON.parse(item[1]) as PruningQuestion;
      // A question of a job this coordinator does not wait for (yet): go on; the study cuts the
      // trial afterwards if it must.
      const handler = this.handlers.get(question.job);
      const prune = handler === undefined ? false : await handler(question.reports, question.step);
      await this.commands
        .multi()
        .rpush(question.answer, prune ? '1' : '0')
        .expire(question.answer, ANSWER_TTL_SECONDS)
        .exec()
        .catch(() => undefined);
    }
  }
}

/** The worker's side: posts questions and waits for their answers. */
export class PruningAsker {
  // Blocking connections not in use (one per question waiting).
  private readonly idle: Redis[] = [];
  private readonly all: Redis[] = [];
  private asked = 0;

  constructor(
    private readonly address: QueueAddress,
    private readonly prefix: string,
  ) {}

  /**
   * Asks whether `job`'s trial stops at `step` on `key`; undefined when no answer came within
   * `timeoutSeconds` (the coordinator is gone or too busy).
   */
  async ask(
    key: string,
    question: Omit<PruningQuestion, 'answer'>,
    timeoutSeconds: number,
  ): Promise<boolean | undefined> {
    const connection = this.idle.pop() ?? (await this.open());
    const answer = `${key}:answer:${this.prefix}:${this.asked++}`;
    try {
      await connection.rpush(key, JSON.stringify({ ...question, answer }));
      const reply = await connection.blpop(answer, timeoutSeconds);
      return reply === null ? undefined : reply[1] === '1';
    } finally {
      this.idle.push(connection);
    }
  }

  /** Closes the connections. */
  close(): void {
    for (const connection of this.all) connection.disconnect();
  }

  private async open(): Promise<Redis> {
    const connection = await connect(this.address);
    this.all.push(connection);
    return connection;
  }
}
