// Runs the CLI in-process with captured output, for fast end-to-end tests of commands, or the
// built CLI (dist/cli.js) as a subprocess, as a user runs it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { startBuiltCli } from './cli-process.js';

export { builtCli, repositoryRoot } from './cli-process.js';

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

/** Options of {@link runBuiltCli}. */
export interface SubprocessOptions {
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** The subprocess is killed (SIGKILL) past this many milliseconds. @defaultValue 120000 */
  killAfterMs?: number;
}

/**
 * Runs `node dist/cli.js <args>` as a subprocess, in a fresh temporary folder unless `cwd` is
 * given, and collects its output and exit code (128 when a signal ended it).
 */
export async function runBuiltCli(
  args: string[],
  options: SubprocessOptions = {},
): Promise<CliOutcome> {
  const { code, signal, stdout, stderr } = await startBuiltCli(args, {
    cwd: options.cwd ?? temporaryFolder(),
    ...(options.env === undefined ? {} : { env: options.env }),
    killAfterMs: options.killAfterMs ?? 120_000,
  }).done;
  return { code: code ?? (signal === null ? -1 : 128), stdout, stderr };
}

/** True when `text` holds a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+(:\d+:\d+\)?|\(native\))/.test(text) || /internal error/.test(text);
}
