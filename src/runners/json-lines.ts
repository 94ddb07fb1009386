// Append-only JSON-lines files: one synchronous write per record (a finished record survives
// even a SIGKILL), reading that skips a torn last line and reports corrupted lines, and the
// repair of a torn last line before appending.
import {
  closeSync,
  existsSync,
  ftruncateSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { fileSystemError } from '../core/file-system-errors.js';
import { parseState, stringifyState } from '../core/json.js';

/** Lines read back, with warnings for the lines that could not be parsed. */
export interface JsonLinesContent {
  records: unknown[];
  warnings: string[];
}

/** Reads a JSON-lines file. A torn last line (no newline) is ignored; a corrupted line is skipped with a warning. */
export function readJsonLines(path: string): JsonLinesContent {
  if (!existsSync(path)) return { records: [], warnings: [] };
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const records: unknown[] = [];
  const warnings: string[] = [];
  const complete = text.endsWith('\n') ? lines.length - 1 : lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    try {
      records.push(parseState(line));
    } catch {
      if (i >= complete - 1 && !text.endsWith('\n')) {
        warnings.push(
          `${path}:${i + 1}: ignoring a torn last line (the process stopped while writing it)`,
        );
      } else {
        warnings.push(`${path}:${i + 1}: skipping a corrupted line (not valid JSON)`);
      }
    }
  }
  return { records, warnings };
}

/** An open JSON-lines file for appending. */
export class JsonLinesWriter {
  private fd: number | undefined;

  /**
   * Opens (or creates) `path` for appending. A torn last line left by an earlier crash is cut
   * off first (reported once through `onWarning`), so later reads find no damaged line.
   */
  constructor(
    readonly path: string,
    onWarning: (message: string) => void = () => undefined,
  ) {
    try {
      const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
      try {
        repairTornTail(fd, path, isJsonLine, onWarning);
      } finally {
        closeSync(fd);
      }
      this.fd = openSync(path, 'a');
    } catch (error) {
      throw fileSystemError(error, path, 'write the journal');
    }
  }

  /** Writes records, one line each, in one system call. */
  append(...records: unknown[]): void {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    if (records.length === 0) return;
    appendText(this.fd, `${records.map((r) => stringifyState(r)).join('\n')}\n`, this.path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Writes `text` at the end of the journal open at `fd` (opened for appending), in one system call
 * in practice; a failure (a full disk) is a user-facing error naming `path`.
 */
export function appendText(fd: number, text: string, path: string): void {
  const bytes = Buffer.from(text, 'utf8');
  try {
    // The loop only guards against a short write.
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } catch (error) {
    throw fileSystemError(error, path, 'write the journal');
  }
}

function isJsonLine(line: string): boolean {
  try {
    parseState(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Repairs the end of a JSON-lines file open for reading and writing at `fd`: text after the last
 * newline that `isComplete` accepts only lacks its newline, which is added; anything else there is
 * a torn record and is cut off, with a warning naming the file.
 */
export function repairTornTail(
  fd: number,
  path: string,
  isComplete: (line: string) => boolean,
  onWarning: (message: string) => void,
): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  let lastNewline = -1;
  while (end > 0 && lastNewline < 0) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    readSync(fd, chunk, 0, length, start);
    const at = chunk.subarray(0, length).lastIndexOf(10);
    if (at >= 0) lastNewline = start + at;
    end = start;
  }
  if (lastNewline === size - 1) return;
  const tailStart = lastNewline + 1;
  const tail = Buffer.alloc(size - tailStart);
  readSync(fd, tail, 0, tail.length, tailStart);
  if (isComplete(tail.toString('utf8'))) {
    writeSync(fd, '\n', size);
    return;
  }
  ftruncateSync(fd, tailStart);
  onWarning(
    `${path}: removed an incomplete last line (${tail.length} bytes, a write cut short by a crash or a full disk); what it recorded runs again`,
  );
}
