// Output folders are checked before any work starts: created if missing, and proven writable by
// writing and removing a probe file, so that a finished result is never lost to a bad folder.
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSystemError } from '../core/file-system-errors.js';
import { makeFolder } from '../core/make-folder.js';

/**
 * Creates `folder` (and its parents) if needed and checks that files can be written in it.
 * Throws a user-facing error naming the folder when it cannot be used (a file in the way, no
 * permission, a read-only or full disk).
 */
export function prepareOutputFolder(folder: string): void {
  try {
    makeFolder(folder);
  } catch (error) {
    throw fileSystemError(error, folder, 'use it as the output folder');
  }
  const probe = join(folder, `.kiln-write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'kiln\n');
  } catch (error) {
    throw fileSystemError(error, folder, 'write in the output folder');
  }
  try {
    unlinkSync(probe);
  } catch {
    // A probe that cannot be removed is harmless; writing worked.
  }
}
