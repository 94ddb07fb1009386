// Reading a study's output folder for a report: the journal's header, trials and session
// records, refusing a folder that holds no study and a journal whose last line is torn.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Reads the journal of the study in `folder`; a clear error when there is none or it is torn. */
export function readStudyRecords(folder: string): StudyRecords {
  const path = join(folder, STUDY_JOURNAL);
  if (!existsSync(path))
    throw new KilnError(
      'E_REPORT_FOLDER',
      `${folder}: not a study or batch output folder (no ${STUDY_JOURNAL}; run kiln tune or kiln batch first)`,
    );
  refuseTornJournal(path, 'kiln tune');
  const lines = readFileSync(path, 'utf8').split('\n');
  const warnings: string[] = [];
  const records: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      // Only lines with non-finite numbers need parseState's slower reviver.
      records.push(line.includes('"$number"') ? parseState(line) : JSON.parse(line));
    } catch {
      warnings.push(`${path}:${i + 1}: skipped an unreadable line (not valid JSON)`);
    }
  });
  const header = records[0];
  if (!isRecord(header) || header.type !== 'study')
    throw new DataFileError(
      path,
      1,
      `the first line must be a study header ({"type": "study", ...}); got ${header === undefined ? 'an empty journal' : JSON.stringify(header).slice(0, 80)}`,
    );
  const trials: RawTrial[] = [];
  const sessions: StudyRecords['sessions'] = [];
  for (const record of records.slice(1)) {
    if (isTrial(record)) trials.push(record);
    else if (isRecord(record) && record.type === 'session')
      sessions.push({ start: record as unknown as SessionRecord, end: undefined });
    else if (isRecord(record) && record.type === 'end') {
      const last = sessions[sessions.length - 1];
      if (last !== undefined && last.end === undefined)
        last.end = record as unknown as SessionEndRecord;
    }
  }
  return { path, header: header as unknown as StudyHeader, trials, sessions, warnings };
}
