// Runs the CLI in-process with captured output, for fast end-to-end tests of commands, or the
// built CLI (dist/cli.js) as a subprocess, as a user runs it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';

/** What a CLI invocation printed and returned. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs `kiln <args>` in this process, from `cwd` (a fresh temporary folder by default). */
export async function runCli(args: string[], cwd: string = temporaryFolder()): Promise<CliOutcome> {
  const out = collector();
  const err = collector();
  const io: CliIo = { stdout: out.stream, stderr: err.stream, cwd };
  const code = await main(args, io);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A new empty temporary folder. */
export function temporaryFolder(prefix = 'kiln-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The repository root (for configs/ and data/). */
export const repositoryRoot = new URL('../..', import.meta.url).pathname;

/** The built CLI; tests that run it need `npm run build` first (CI builds before testing). */
export const builtCli = join(repositoryRoot, 'dist', 'cli.js');

/** Options of {@link runBuiltCli}. */
export interface SubprocessOptions {
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** The subprocess is killed (SIGKILL) past this many milliseconds. @defaultValue 120000 */
  killAfterMs?: number;
}

/** Runs `node dist/cli.js <args>` as a subprocess and collects its output and exit code. */
export function runBuiltCli(args: string[], options: SubprocessOptions = {}): Promise<CliOutcome> {
  if (!existsSync(builtCli)) {
    throw new Error(`${builtCli} is missing: run "npm run build" before these tests`);
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd: options.cwd ?? temporaryFolder(),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A hung command must not outlive its test.
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 120_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolvePromise({ code: code ?? (signal === null ? -1 : 128), stdout, stderr });
    });
  });
}

/** True when `text` holds a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+(:\d+:\d+\)?|\(native\))/.test(text) || /internal error/.test(text);
}
