// Writing report.html for an output folder: tells a study folder from a batch folder (and
// refuses anything else), renders the report, and replaces the file atomically so that a
// browser reloading it during a study never reads half a file.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KilnError } from '../core/errors.js';
import { fileSystemError } from '../core/file-system-errors.js';
import { makeFolder } from '../core/make-folder.js';
import { writeFileAtomically } from '../core/write-atomically.js';
import {
  BATCH_FILE,
  JOURNAL_FILE,
  readBatchInfo,
  writeReport,
  type BatchReport,
} from '../runners/batch/output-folder.js';
import type { WarningHandler } from '../runners/batch/journal.js';
import { renderBatchReport } from './batch-report.js';
import { refuseTornJournal } from './torn-journal.js';
import type { SessionProbe } from './study-state.js';
import { readStudyModel, studyModel, type StudyModel } from './study-model.js';
import type { StudyJournalReader } from './study-records.js';
import { renderStudyReport, type StudyReport } from './study-report.js';

/** The report's default file name inside the output folder. */
export const REPORT_FILE = 'report.html';

/** What kind of output folder `folder` is; a clear error when it is neither. */
export function reportKind(folder: string): 'study' | 'batch' {
  if (!existsSync(folder)) throw new KilnError('E_REPORT_FOLDER', `${folder}: no such folder`);
  if (existsSync(join(folder, BATCH_FILE))) return 'batch';
  if (existsSync(join(folder, JOURNAL_FILE))) return 'study';
  throw new KilnError(
    'E_REPORT_FOLDER',
    `${folder}: not a study or batch output folder (no ${JOURNAL_FILE} or ${BATCH_FILE}; run kiln tune or kiln batch with this output folder first)`,
  );
}

/**
 * Writes `text` to `path` through a temporary file and a rename, creating the folder when missing;
 * a file-system failure the user can fix is an error naming `path`.
 */
export function writeAtomically(path: string, text: string): void {
  try {
    makeFolder(dirname(path));
  } catch (error) {
    throw fileSystemError(error, path, 'write it');
  }
  writeFileAtomically(path, text);
}

/** A written study report. */
export interface WrittenStudyReport {
  path: string;
  bytes: number;
  model: StudyModel;
  report: StudyReport;
}

/**
 * Renders the study in `folder` to `output` (default: its report.html). A `reader` kept across
 * calls (a live report) parses only the journal lines appended since its last read.
 */
export function writeStudyReport(
  folder: string,
  output = join(folder, REPORT_FILE),
  probe?: SessionProbe,
  reader?: StudyJournalReader,
): WrittenStudyReport {
  const model =
    reader === undefined ? readStudyModel(folder, probe) : studyModel(folder, reader.read(), probe);
  const report = renderStudyReport(model);
  writeAtomically(output, report.html);
  return { path: output, bytes: Buffer.byteLength(report.html), model, report };
}

/** A written batch report, with the summary files written beside it. */
export interface WrittenBatchReport {
  path: string;
  bytes: number;
  batch: BatchReport;
  sections: string[];
}

/** Rewrites the summary files of the batch in `folder` and renders its report to `output`. */
export async function writeBatchReport(
  folder: string,
  output = join(folder, REPORT_FILE),
  onWarning?: WarningHandler,
): Promise<WrittenBatchReport> {
  const { config } = readBatchInfo(folder);
  refuseTornJournal(join(folder, JOURNAL_FILE), 'kiln batch');
  const batch = await writeReport(folder, config, onWarning);
  const { html, sections } = renderBatchReport(batch, basename(folder), config.description);
  writeAtomically(output, html);
  return { path: output, bytes: Buffer.byteLength(html), batch, sections };
}
