// File-system failures a user can fix (no permission, a read-only or full disk, a file where a
// folder should be) as user-facing errors that name the path; anything else passes through.
import { KilnError } from './errors.js';

// What each error code means, in the words of the message.
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'a file of that name is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

/** The error code of a Node.js system error, if `error` is one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` is a file-system failure the user can fix (see {@link fileSystemError}). */
export function isUserFileSystemError(error: unknown): boolean {
  const code = systemErrorCode(error);
  return code !== undefined && code in REASONS;
}

/**
 * A user-facing `KilnError` (`E_FILE_SYSTEM`) reading `<path>: cannot <action> (<reason>)` when
 * `error` is a file-system failure the user can fix; `error` itself otherwise.
 */
export function fileSystemError(error: unknown, path: string, action: string): unknown {
  if (error instanceof KilnError || !isUserFileSystemError(error)) return error;
  const code = systemErrorCode(error) as string;
  return new KilnError('E_FILE_SYSTEM', `${path}: cannot ${action} (${REASONS[code]}, ${code})`, {
    cause: error,
  });
}
