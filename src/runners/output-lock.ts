// A lock file in the output folder of a study or batch, so that two processes never work on one
// folder at once. It names its holder (pid, host, start time); a lock whose process is gone
// (same host, pid no longer running) is stale and taken over.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KilnError } from '../core/errors.js';
import { fileSystemError, systemErrorCode } from '../core/file-system-errors.js';
import { isRecord } from '../core/guards.js';

/** Name of the lock file inside an output folder. */
export const LOCK_FILE = 'kiln.lock';

/** Who holds a lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
}

/** A held lock; `release` removes the lock file (once; later calls do nothing). */
export interface OutputLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the lock of `folder` (which must exist). Refuses with a user-facing error when another
 * live process holds it; takes over a stale lock, reporting it through `onWarning`.
 */
export function acquireOutputLock(
  folder: string,
  onWarning: (message: string) => void = () => undefined,
): OutputLock {
  const path = join(folder, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  };
  // The lock is written whole under a private name, then linked into place: link() fails if the
  // lock exists, so a reader never sees a half-written lock.
  const draft = join(folder, `.${LOCK_FILE}.${process.pid}`);
  try {
    writeFileSync(draft, `${JSON.stringify(holder)}\n`);
  } catch (error) {
    throw fileSystemError(error, folder, 'write in the output folder');
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if (systemErrorCode(error) !== 'EEXIST' || attempt > 0) throw lockError(error, path);
      }
      const current = readHolder(path);
      if (current !== undefined && !isStale(current)) {
        throw new KilnError(
          'E_LOCKED',
          `${folder}: in use by another kiln process (pid ${current.pid} on ${current.host}, since ${current.since}); wait for it to finish, or choose another output folder (if that process is gone, remove ${path})`,
        );
      }
      onWarning(
        current === undefined
          ? `${path}: removing an unreadable lock file`
          : `${path}: removing a stale lock (pid ${current.pid} on ${current.host} is no longer running)`,
      );
      removeQuietly(path);
    }
  } finally {
    removeQuietly(draft);
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    removeQuietly(path);
  };
  // A process that ends through process.exit (a second Ctrl-C) still removes its lock.
  process.on('exit', release);
  return { path, release };
}

function lockError(error: unknown, path: string): unknown {
  return fileSystemError(error, path, 'create the lock file');
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (
      isRecord(value) &&
      typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.since === 'string'
    ) {
      return { pid: value.pid, host: value.host, since: value.since };
    }
  } catch {
    // Unreadable: treated as stale below.
  }
  return undefined;
}

// A lock from another host cannot be checked and is honoured; on this host, a lock whose
// process no longer runs is stale.
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return systemErrorCode(error) === 'ESRCH';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
