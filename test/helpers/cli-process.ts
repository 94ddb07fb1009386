// Runs the built CLI (dist/cli.js) as a child process, the way a user meets it: real exit codes,
// real signals, real stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './cli.js';

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
}

const entry = join(repositoryRoot, 'dist', 'cli.js');

/** A started CLI process, its output so far, and a promise of its end. */
export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<ProcessOutcome>;
}

/** Starts `node dist/cli.js <args>`; the CLI must be built (`npm run build`). */
export function startBuiltCli(args: string[], options: ProcessOptions = {}): RunningCli {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ProcessOutcome>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs `node dist/cli.js <args>` to its end. */
export function runBuiltCli(args: string[], options: ProcessOptions = {}): Promise<ProcessOutcome> {
  return startBuiltCli(args, options).done;
}

/** Waits until `test` holds, polling every 50 ms (fails after `limitMs`). */
export async function waitFor(test: () => boolean, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > limitMs) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True when text looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[:(]/.test(text) || text.includes('internal error');
}
