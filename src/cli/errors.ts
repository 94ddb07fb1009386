// How the CLI reports failures: user mistakes in one clear message and exit code 2, internal
// errors with their stack and exit code 1.
import { KilnError } from '../core/errors.js';
import { fileSystemError, isUserFileSystemError } from '../core/file-system-errors.js';

/** Exit code of user mistakes (bad config, bad data file, bad arguments). */
export const EXIT_USAGE = 2;
/** Exit code of unexpected internal errors. */
export const EXIT_INTERNAL = 1;
/** Exit code of a run, study or batch in which no evaluation or run succeeded. */
export const EXIT_NO_SUCCESS = 3;
/** Exit code after an interrupt (SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Prints an error the way its kind deserves and returns the exit code. */
export function reportError(
  error: unknown,
  stderr: NodeJS.WritableStream = process.stderr,
): number {
  if (error instanceof KilnError && error.userFacing) {
    stderr.write(`kiln: ${error.message}\n`);
    return EXIT_USAGE;
  }
  // A file-system failure the user can fix (full disk, read-only folder) that no caller named.
  if (isUserFileSystemError(error)) {
    const path = (error as NodeJS.ErrnoException).path ?? 'a file';
    return reportError(fileSystemError(error, path, 'write or read it'), stderr);
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(
    `kiln: internal error (please report it with the command that caused it)\n${text}\n`,
  );
  return EXIT_INTERNAL;
}
