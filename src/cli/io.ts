// The streams and folder a CLI command works with (real ones by default, fakes in tests), and
// the guarded writing of a command's output files.
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileSystemError } from '../core/file-system-errors.js';
import { makeFolder } from '../core/make-folder.js';
import { errorMessage } from '../core/errors.js';
import { stringifyState } from '../core/json.js';

/** Where a command reads and writes. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  cwd: string;
}

/** The process's own streams and working directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/**
 * Writes one JSON document on its own line, with non-finite numbers (the best value of a run
 * whose every evaluation failed) as `{"$number": "Infinity"}`, as kiln's files have them.
 */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${stringifyState(value, 2)}\n`);
}

/**
 * Runs `work` with an AbortSignal that fires on Ctrl-C (SIGINT) or SIGTERM, so that the run
 * stops between batches and what was computed is kept. A second signal quits at once, after
 * `onForceQuit` (which writes what can be written from the journal) has run.
 */
export async function withInterrupt<T>(
  work: (signal: AbortSignal) => Promise<T>,
  onForceQuit?: () => void,
): Promise<{ value: T; interrupted: boolean }> {
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) {
      try {
        onForceQuit?.();
      } catch (error) {
        process.stderr.write(`kiln: could not write the results so far: ${errorMessage(error)}\n`);
      }
      process.exit(130);
    }
    interrupted = true;
    process.stderr.write(
      '\nkiln: stopping after the current batch (press Ctrl-C again to quit at once)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return { value: await work(controller.signal), interrupted };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * Writes a command's output files into `folder` with `write`; a failure is returned (as a
 * user-facing error naming the folder when it is a file-system one) instead of thrown, so that
 * the command still prints its result.
 */
export function writeOutputs(folder: string, write: () => void): { error?: unknown } {
  try {
    write();
    return {};
  } catch (error) {
    return { error: fileSystemError(error, folder, 'write the results') };
  }
}

/**
 * Writes one output file, creating its folder when missing; a file-system failure the user can
 * fix (a file in the way, no permission, a full disk) is thrown as an error naming the path.
 */
export function writeOutputFile(path: string, data: string | Uint8Array): void {
  try {
    makeFolder(dirname(path));
    writeFileSync(path, data);
  } catch (error) {
    throw fileSystemError(error, path, 'write it');
  }
}
