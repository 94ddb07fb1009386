// Replacing files in one step: each is written to a temporary file beside it, then renamed into
// place, so that a failed write (a full disk) leaves the previous file whole, never truncated.
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileSystemError } from './file-system-errors.js';

/** One file to write: its path and contents. */
export type FileContents = readonly [path: string, data: string | Uint8Array];

/**
 * Writes `files` through temporary files in their folders and renames them into place once all
 * are written, so that a failure leaves every previous file as it was. A file-system failure the
 * user can fix is thrown as an error naming the file the caller gave, not the temporary one.
 */
export function writeFilesAtomically(files: readonly FileContents[]): void {
  const written: string[] = [];
  const temporary = (path: string): string => `${path}.${process.pid}.tmp`;
  let current = '';
  try {
    for (const [path, data] of files) {
      current = path;
      writeFileSync(temporary(path), data);
      written.push(path);
    }
    for (const [path] of files) {
      current = path;
      renameSync(temporary(path), path);
      written.shift();
    }
  } catch (error) {
    for (const path of written) removeQuietly(temporary(path));
    // A failed first write may still have created the temporary file (empty or cut short).
    if (!written.includes(current)) removeQuietly(temporary(current));
    throw fileSystemError(error, current, 'write it');
  }
}

/** Writes `data` to `path` through a temporary file and a rename (see {@link writeFilesAtomically}). */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  writeFilesAtomically([[path, data]]);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}
