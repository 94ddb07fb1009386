// The batch journal: one JSON line per finished run, appended with a single synchronous write
// so that a killed process never loses a finished run. Reading streams it line by line; a
// corrupted line is skipped with a warning and an incomplete last line (a write cut short by a
// kill) is ignored.
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileSystemError } from '../../core/file-system-errors.js';
import { isRecord } from '../../core/guards.js';
import { parseState, stringifyState } from '../../core/json.js';
import { appendText, repairTornTail } from '../json-lines.js';
import type { RunOutcome } from './run-task.js';

/** One finished run of a batch. */
export interface JournalRecord {
  /** The run's key (see runKey): what resuming matches on. */
  key: string;
  /** Labels of the problem and solver variant, and the seed. */
  problem: string;
  solver: string;
  seed: number;
  status: 'ok' | 'failed';
  /** The run's result when it finished. */
  outcome?: RunOutcome;
  /** Why the run could not run, when it failed. */
  error?: string;
  /** ISO time the run was recorded. */
  finishedAt: string;
}

/** Receives the journal's warnings (corrupted or incomplete lines). */
export type WarningHandler = (message: string) => void;

/** True when `value` has the shape of a journal record. */
export function isJournalRecord(value: unknown): value is JournalRecord {
  if (!isRecord(value)) return false;
  if (typeof value.key !== 'string' || typeof value.problem !== 'string') return false;
  if (typeof value.solver !== 'string' || typeof value.seed !== 'number') return false;
  if (value.status === 'failed') return typeof value.error === 'string';
  if (value.status !== 'ok' || !isRecord(value.outcome)) return false;
  const outcome = value.outcome;
  return (
    typeof outcome.bestValue === 'number' &&
    typeof outcome.evaluations === 'number' &&
    typeof outcome.elapsedMs === 'number' &&
    Array.isArray(outcome.trace)
  );
}

function parseLine(line: string): JournalRecord | undefined {
  try {
    const value = parseState(line);
    return isJournalRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An append-only journal file, open for writing. */
export class JournalWriter {
  private fd: number | undefined;

  /**
   * Opens (or creates) the journal at `path` for appending. An incomplete last line is cut
   * off first, so that the next record starts on a line of its own.
   */
  constructor(
    readonly path: string,
    onWarning: WarningHandler = () => undefined,
  ) {
    try {
      const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
      try {
        repairTornTail(fd, path, (line) => parseLine(line) !== undefined, onWarning);
      } finally {
        closeSync(fd);
      }
      this.fd = openSync(path, 'a');
    } catch (error) {
      throw fileSystemError(error, path, 'write the journal');
    }
  }

  /** Appends one record with a single write. */
  append(record: JournalRecord): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    appendText(this.fd, `${stringifyState(record)}\n`, this.path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * The records of the journal at `path`, in file order, streamed. Corrupted lines are skipped
 * with a warning naming the line; an incomplete last line is ignored with a warning. A key may
 * appear more than once (a failed run retried): readers keep its first `ok` record, else its
 * last record.
 */
export async function* readJournal(
  path: string,
  onWarning: WarningHandler = () => undefined,
): AsyncGenerator<JournalRecord> {
  if (!existsSync(path)) return;
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let number = 0;
  let pending: { line: string; number: number } | undefined;
  const take = (
    entry: { line: string; number: number },
    last: boolean,
  ): JournalRecord | undefined => {
    if (entry.line.trim() === '') return undefined;
    const record = parseLine(entry.line);
    if (record === undefined) {
      onWarning(
        last && !endsWithNewline(path)
          ? `${path}:${entry.number}: ignored an incomplete last line (a write cut short)`
          : `${path}:${entry.number}: not a valid run record; skipped`,
      );
      return undefined;
    }
    return record;
  };
  for await (const line of lines) {
    number++;
    if (pending !== undefined) {
      const record = take(pending, false);
      if (record !== undefined) yield record;
    }
    pending = { line, number };
  }
  if (pending !== undefined) {
    const record = take(pending, true);
    if (record !== undefined) yield record;
  }
}

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 10;
  } finally {
    closeSync(fd);
  }
}
