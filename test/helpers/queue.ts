// Queue tests: the test Redis (from the global setup, one database per test file so that files
// running side by side never share jobs), real `kiln worker` processes with their events, and
// the search space, fixtures and journals the tests share.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { builtCli } from './cli.js';

/** The search space of the queue tests: the square [-1, 1]^2. */
export const plane = {
  x: { type: 'real', low: -1, high: 1 },
  y: { type: 'real', low: -1, high: 1 },
};

/** Copies test/fixtures/`files` (such as 'queue/objectives.mjs') into `folder` by their base names. */
export function copyFixtures(folder: string, ...files: string[]): void {
  for (const file of files) {
    const source = fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
    copyFileSync(source, join(folder, basename(file)));
  }
}

/** The records of a JSON-lines file such as a journal, in file order. */
export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The test Redis at database `db` (1-15), or '' when the global setup has none. */
export function testQueueUrl(db: number): string {
  const base = inject('redisUrl');
  return base === '' ? '' : `${base}/${db}`;
}

/** Empties database `url` (jobs of an earlier run of the same file). */
export async function emptyQueue(url: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

/** One event line of `kiln worker --json`. */
export interface WorkerEventLine {
  event: string;
  job?: string;
  attempt?: number;
  refused?: string;
}

/** A `kiln worker` child process and the events it printed. */
export interface WorkerProcess {
  child: ChildProcess;
  events: WorkerEventLine[];
  stderr: () => string;
  /** Resolves once an event matching `test` was printed. */
  waitFor(test: (event: WorkerEventLine) => boolean, timeoutMs?: number): Promise<WorkerEventLine>;
  exited: Promise<number | null>;
}

/** Starts `node dist/cli.js worker --queue url --json ...args` in `cwd`; resolves when ready. */
export async function startWorkerProcess(
  url: string,
  cwd: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run npm run build first`);
  const child = spawn(
    process.execPath,
    [builtCli, 'worker', '--queue', url, '--json', '--lock-seconds', '1', ...args],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  const events: WorkerEventLine[] = [];
  const waiters: (() => void)[] = [];
  let pending = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      if (line.trim() !== '') events.push(JSON.parse(line) as WorkerEventLine);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (errors += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const worker: WorkerProcess = {
    child,
    events,
    stderr: () => errors,
    exited,
    async waitFor(test, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(test);
        if (found !== undefined) return found;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(`kiln worker: no such event (exit ${child.exitCode}):\n${errors}`);
        }
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
    },
  };
  await worker.waitFor((e) => e.event === 'ready');
  return worker;
}

/** Stops worker processes by pid (SIGKILL) and waits for them to exit. */
export async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null)
      worker.child.kill('SIGKILL');
  }
  await Promise.all(workers.map((w) => w.exited));
}
