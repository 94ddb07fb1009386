// `kiln tune --report`: report.html rewritten as trials finish, at most every few seconds, and
// never taking more than a fifth of the time (a report of a large study takes a moment to
// draw), and once more when the study ends.
import { errorMessage } from '../core/errors.js';
import { StudyJournalReader } from '../report/study-records.js';
import { writeStudyReport } from '../report/write-report.js';
import type { CliIo } from './io.js';

/** Least time between two refreshes of the report during a study. */
export const REPORT_INTERVAL_MS = 3000;

/** Refreshes the report of the study in `folder`. */
export interface LiveReport {
  /** Called after each trial: rewrites the report when the interval has passed. */
  refresh: () => void;
  /** Rewrites the report a last time (the study's end is journaled by then). */
  finish: () => void;
}

/** A live report of the study in `folder`; a failed refresh warns once and the study goes on. */
export function liveReport(folder: string, io: CliIo, intervalMs = REPORT_INTERVAL_MS): LiveReport {
  let last = -Infinity;
  let wait = intervalMs;
  let warned = false;
  // Kept across refreshes: each one parses only the trials journaled since the last.
  const reader = new StudyJournalReader(folder);
  const write = (): void => {
    const start = performance.now();
    try {
      writeStudyReport(folder, undefined, undefined, reader);
    } catch (error) {
      if (!warned)
        io.stderr.write(`kiln: warning: report.html not refreshed: ${errorMessage(error)}\n`);
      warned = true;
    }
    last = performance.now();
    wait = Math.max(intervalMs, 4 * (last - start));
  };
  return {
    refresh: () => {
      if (performance.now() - last >= wait) write();
    },
    finish: write,
  };
}
