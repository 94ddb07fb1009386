// Runs the built CLI (dist/cli.js) as a child process, the way a user meets it: real exit codes,
// real signals, real stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What a CLI process printed and how it ended. */
export interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link startBuiltCli}. */
export interface ProcessOptions {
  /** Working folder. @defaultValue the repository root */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** The process is killed (SIGKILL) past this many milliseconds. @defaultValue never */
  killAfterMs?: number;
}

/** The repository root (for configs/ and data/). */
export const repositoryRoot = new URL('../..', import.meta.url).pathname;

/** The built CLI; tests that run it need `npm run build` first (CI builds before testing). */
export const builtCli = join(repositoryRoot, 'dist', 'cli.js');

/** A started CLI process, its output so far, and a promise of its end. */
export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<ProcessOutcome>;
}

/** Starts `node dist/cli.js <args>`; the CLI must be built (`npm run build`). */
export function startBuiltCli(args: string[], options: ProcessOptions = {}): RunningCli {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [builtCli, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A hung command must not outlive its test.
  const killAfterMs = options.killAfterMs;
  const killer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const done = new Promise<ProcessOutcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Waits until `test` holds, polling every 50 ms (fails after `limitMs`). */
export async function waitFor(test: () => boolean, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > limitMs) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
