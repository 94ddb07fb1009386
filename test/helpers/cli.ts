// Runs the CLI in-process with captured output, for fast end-to-end tests of commands.
import { mkdtempSync } from 'node:fs';
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
