// `kiln worker --queue URL`: a long-running process that takes trials and batch runs from the
// queue and runs them on its worker threads. The first SIGINT/SIGTERM stops taking jobs and
// finishes those in flight; a second one (or 30 s) hands them back and exits.
import { resolve } from 'node:path';
import { ParameterError, describeValue } from '../core/errors.js';
import { parseQueueAddress, queueUrlFrom, QUEUE_VARIABLE } from '../queue/queue-address.js';
import { parsePrefetch } from '../queue/prefetch.js';
import { startQueueWorker, type QueueWorkerEvent } from '../queue/queue-worker.js';
import { availableCpus } from '../runners/worker-pool.js';
import type { CliIo } from './io.js';

/** Arguments of `kiln worker`. */
export interface WorkerArguments {
  queue?: string;
  threads?: string;
  root?: string;
  lockSeconds?: string;
  memoryLimitMb?: string;
  prefetch?: string;
  json?: boolean;
}

// After the first signal, jobs in flight get this long to finish.
const GRACE_MS = 30_000;

/** Runs `kiln worker` until a signal stops it; returns the exit code. */
export async function workerCommand(
  args: WorkerArguments,
  io: CliIo,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const url = queueUrlFrom(args.queue, environment);
  if (url === undefined) {
    throw new ParameterError(
      `--queue must name the queue, redis://[user:password@]host[:port][/db] (or set ${QUEUE_VARIABLE})`,
    );
  }
  const address = parseQueueAddress(url, args.queue === undefined ? QUEUE_VARIABLE : '--queue');
  const threads = integerOption('--threads', args.threads, 1) ?? availableCpus();
  const lockSeconds = numberOption('--lock-seconds', args.lockSeconds) ?? 30;
  const memoryLimitMb = integerOption('--memory-limit-mb', args.memoryLimitMb, 16);
  const prefetch = parsePrefetch(args.prefetch);
  const root = resolve(io.cwd, args.root ?? '.');
  const say = (event: QueueWorkerEvent): void => {
    if (args.json === true) io.stdout.write(`${JSON.stringify(event)}\n`);
    else if (event.event === 'ready')
      io.stderr.write(
        `kiln worker: ${event.host} (pid ${event.pid}) takes jobs from ${address.shown} (queue ${event.queue}) on ${event.threads} thread${event.threads === 1 ? '' : 's'}, root ${event.root}\n`,
      );
    else if (event.event === 'done' && event.refused !== undefined)
      io.stderr.write(`kiln worker: refused job ${event.job}: ${event.refused}\n`);
    else if (event.event === 'stopped')
      io.stderr.write(`kiln worker: stopped after ${event.jobs} jobs\n`);
  };
  const worker = await startQueueWorker({
    address,
    threads,
    root,
    lockSeconds,
    prefetch,
    ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
    onEvent: say,
  });
  await new Promise<void>((done) => {
    let signals = 0;
    const onSignal = (): void => {
      signals++;
      if (signals === 1) {
        io.stderr.write(
          'kiln worker: finishing the jobs in flight (signal again to quit at once)\n',
        );
        const force = setTimeout(() => void worker.stop(true).then(done), GRACE_MS);
        void worker.stop().then(() => {
          clearTimeout(force);
          done();
        });
      } else {
        void worker.stop(true).then(done);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return 0;
}

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new ParameterError(`${name} must be a number > 0 (got ${describeValue(text)})`);
  }
  return value;
}

function integerOption(
  name: string,
  text: string | undefined,
  minimum: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < minimum) {
    throw new ParameterError(
      `${name} must be an integer >= ${minimum} (got ${describeValue(text)})`,
    );
  }
  return value;
}
