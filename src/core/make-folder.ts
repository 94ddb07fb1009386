// Creating a folder and its parents, failing with the real reason: on a read-only disk (and in
// other cases where a folder cannot be made), Node's recursive mkdir reports ENOENT, as if a
// parent were missing, instead of EROFS or EACCES.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { systemErrorCode } from './file-system-errors.js';

/** Creates `folder` and its missing parents; throws the system error that stopped it. */
export function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    if (systemErrorCode(error) !== 'ENOENT') throw error;
    // Making the first missing folder alone fails with the reason (EROFS...); when it does not
    // fail (it was made meanwhile), the rest is made as asked.
    let missing = resolve(folder);
    while (dirname(missing) !== missing && !existsSync(dirname(missing)))
      missing = dirname(missing);
    mkdirSync(missing);
    mkdirSync(folder, { recursive: true });
  }
}
