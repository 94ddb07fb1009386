// Reading a study's output folder for a report: the journal's header, trials and session
// records, refusing a folder that holds no study and a journal whose last line is torn. A
// reader kept across reads parses only the lines appended since its last read, so that a live
// report of a long study does not re-read the whole journal at every refresh.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileSystemError } from '../core/file-system-errors.js';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { DataFileError, KilnError } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { parseState } from '../core/json.js';
import { refuseTornJournal } from './torn-journal.js';
import type { SessionEndRecord, SessionRecord, StudyHeader } from '../runners/study-journal.js';

/** The study journal's file name inside an output folder. */
export const STUDY_JOURNAL = 'journal.jsonl';

/** A trial line as read: the fields of today's trials, plus those later versions may add. */
export interface RawTrial extends Record<string, unknown> {
  type: 'trial';
  number: number;
}

/** The journal of a study, read back. */
export interface StudyRecords {
  path: string;
  header: StudyHeader;
  trials: RawTrial[];
  /** Sessions in journal order, each with its end record when it ended. */
  sessions: { start: SessionRecord; end: SessionEndRecord | undefined }[];
  /** Lines that could not be read (skipped). */
  warnings: string[];
}

const isTrial = (value: unknown): value is RawTrial =>
  isRecord(value) && value.type === 'trial' && typeof value.number === 'number';

/**
 * Reads a study journal as it grows: each {@link StudyJournalReader.read} parses the complete
 * lines appended since the previous one (a line still being written waits for its newline) and
 * returns all records so far. A journal that shrank (replaced or repaired) is read again from
 * its start.
 */
export class StudyJournalReader {
  readonly path: string;
  private offset = 0;
  private lineNumber = 0;
  private pending = '';
  private decoder = new StringDecoder('utf8');
  private header: unknown;
  private trials: RawTrial[] = [];
  private sessions: StudyRecords['sessions'] = [];
  private warnings: string[] = [];

  constructor(readonly folder: string) {
    this.path = join(folder, STUDY_JOURNAL);
  }

  /** Every record of the journal so far; a clear error when there is no study journal. */
  read(): StudyRecords {
    if (!existsSync(this.path))
      throw new KilnError(
        'E_REPORT_FOLDER',
        `${this.folder}: not a study or batch output folder (no ${STUDY_JOURNAL}; run kiln tune or kiln batch first)`,
      );
    const text = this.readAppended();
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.take(line);
    const header = this.header;
    if (!isRecord(header) || header.type !== 'study')
      throw new DataFileError(
        this.path,
        1,
        `the first line must be a study header ({"type": "study", ...}); got ${header === undefined ? 'an empty journal' : JSON.stringify(header).slice(0, 80)}`,
      );
    return {
      path: this.path,
      header: header as unknown as StudyHeader,
      trials: this.trials,
      sessions: this.sessions,
      warnings: this.warnings,
    };
  }

  // The text appended since the last read (all of it when the file shrank).
  private readAppended(): string {
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) this.restart();
      const bytes = Buffer.alloc(size - this.offset);
      const got = readSync(fd, bytes, 0, bytes.length, this.offset);
      this.offset += got;
      return this.decoder.write(bytes.subarray(0, got));
    } catch (error) {
      // Node's EISDIR (the journal is a folder) names no path: name it here.
      throw fileSystemError(error, this.path, 'read it');
    } finally {
      closeSync(fd);
    }
  }

  private restart(): void {
    this.offset = 0;
    this.lineNumber = 0;
    this.pending = '';
    this.decoder = new StringDecoder('utf8');
    this.header = undefined;
    this.trials = [];
    this.sessions = [];
    this.warnings = [];
  }

  private take(line: string): void {
    this.lineNumber++;
    if (line.trim() === '') return;
    let record: unknown;
    try {
      // Only lines with non-finite numbers need parseState's slower reviver.
      record = line.includes('"$number"') ? parseState(line) : JSON.parse(line);
    } catch {
      this.warnings.push(
        `${this.path}:${this.lineNumber}: skipped an unreadable line (not valid JSON)`,
      );
      return;
    }
    if (this.header === undefined) this.header = record;
    else if (isTrial(record)) this.trials.push(record);
    else if (isRecord(record) && record.type === 'session')
      this.sessions.push({ start: record as unknown as SessionRecord, end: undefined });
    else if (isRecord(record) && record.type === 'end') {
      const last = this.sessions[this.sessions.length - 1];
      if (last !== undefined && last.end === undefined)
        last.end = record as unknown as SessionEndRecord;
    }
  }
}

/** Reads the journal of the study in `folder`; a clear error when there is none or it is torn. */
export function readStudyRecords(folder: string): StudyRecords {
  refuseTornJournal(join(folder, STUDY_JOURNAL), 'kiln tune');
  return new StudyJournalReader(folder).read();
}
