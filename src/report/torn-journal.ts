// Refusing a torn journal: one whose last line was cut short by a killed process. A report of
// it would silently leave that record out, so the report stops and says how to repair it.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { DataFileError } from '../core/errors.js';
import { fileSystemError } from '../core/file-system-errors.js';

/** Throws a DataFileError when the file at `path` is not empty and does not end with a newline. */
export function refuseTornJournal(path: string, resumeCommand: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  let size = 0;
  let torn = false;
  let lines = 1;
  try {
    size = fstatSync(fd).size;
    if (size === 0) return;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    torn = last[0] !== 0x0a;
    if (torn) {
      const all = Buffer.alloc(size);
      readSync(fd, all, 0, size, 0);
      for (const byte of all) if (byte === 0x0a) lines++;
    }
  } catch (error) {
    // Node's EISDIR (the journal is a folder) names no path: name it here.
    throw fileSystemError(error, path, 'read it');
  } finally {
    closeSync(fd);
  }
  if (torn)
    throw new DataFileError(
      path,
      lines,
      `the journal is torn: its last line was cut short (the process was killed while writing it); run the same ${resumeCommand} command to resume, which repairs it, or delete that line, then report again`,
    );
}
