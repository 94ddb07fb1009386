// Append-only JSON-lines files: one synchronous write per record (a finished record survives
// even a SIGKILL), and reading that skips a torn last line and reports corrupted lines.
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
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

  constructor(readonly path: string) {
    const torn = existsSync(path) && endsTorn(path);
    this.fd = openSync(path, 'a');
    // A torn last line from an earlier crash must not glue onto the next record.
    if (torn) writeSync(this.fd, '\n');
  }

  /** Writes records, one line each, in one system call. */
  append(...records: unknown[]): void {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    if (records.length === 0) return;
    writeSync(this.fd, `${records.map((r) => stringifyState(r)).join('\n')}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

// True when the file is not empty and its last byte is not a newline.
function endsTorn(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}
