// The output folder of a batch: batch.json (the config and the folder its relative paths
// resolve against), journal.jsonl, and the summary files. `kiln report` reads it back.
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBatchConfig, type BatchConfig } from '../../config/batch-config.js';
import { KilnError } from '../../core/errors.js';
import { expandGrid, runCount } from './grid.js';
import type { WarningHandler } from './journal.js';
import { summarizeJournal } from './summary.js';
import type { BatchSummary } from './summary-types.js';
import { writeSummaryFiles, type SummaryFiles } from './summary-files.js';

/** File names inside a batch's output folder. */
export const BATCH_FILE = 'batch.json';
export const JOURNAL_FILE = 'journal.jsonl';

// The start of a study journal's lines (`{"type":"study",...}`); a batch's run records have no type.
const STUDY_LINE = /^\s*\{\s*"type"\s*:\s*"(study|session|trial|end)"/;

/**
 * Refuses `folder` when its journal.jsonl is a study's (`kiln tune`), before anything is written
 * in it: a batch would append its runs to the study's journal and leave its batch.json there.
 */
export function checkBatchFolder(folder: string): void {
  const path = join(folder, JOURNAL_FILE);
  if (!existsSync(path)) return;
  let start: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const bytes = Buffer.alloc(256);
      start = bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return; // Unreadable: opening the journal for writing reports it.
  }
  if (STUDY_LINE.test(start)) {
    throw new KilnError(
      'E_JOURNAL',
      `${path}: this folder holds a study, not a batch (the journal's first line is a study header); choose a new output folder`,
    );
  }
}

/** What batch.json holds. */
export interface BatchFolderInfo {
  config: BatchConfig;
  /** Folder that relative paths in the config resolve against. */
  baseDir: string;
}

/** Writes batch.json (the config of the latest invocation). */
export function writeBatchInfo(folder: string, info: BatchFolderInfo): void {
  writeFileSync(join(folder, BATCH_FILE), `${JSON.stringify({ version: 1, ...info }, null, 2)}\n`);
}

/** Reads batch.json of an output folder; a clear error when the folder holds no batch. */
export function readBatchInfo(folder: string): BatchFolderInfo {
  const path = join(folder, BATCH_FILE);
  if (!existsSync(path)) {
    throw new KilnError(
      'E_BATCH_FOLDER',
      `${folder}: not a batch output folder (no ${BATCH_FILE}; run kiln batch <config> first)`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new KilnError('E_BATCH_FOLDER', `${path}: cannot read it (${(error as Error).message})`);
  }
  const info = data as Partial<BatchFolderInfo>;
  const config = validateBatchConfig(info.config, `${path} (config)`);
  return { config, baseDir: typeof info.baseDir === 'string' ? info.baseDir : folder };
}

/** A written summary. */
export interface BatchReport {
  /** Runs in the grid. */
  runs: number;
  summary: BatchSummary;
  files: SummaryFiles;
}

/** Summarizes the journal of `folder` against `config` and writes the summary files. */
export async function writeReport(
  folder: string,
  config: BatchConfig,
  onWarning?: WarningHandler,
): Promise<BatchReport> {
  const grid = expandGrid(config);
  const summary = await summarizeJournal(grid, join(folder, JOURNAL_FILE), onWarning);
  if (summary.ignored > 0)
    onWarning?.(
      `${join(folder, JOURNAL_FILE)}: ${summary.ignored} record(s) belong to no run of the current config (an earlier version of it); left out of the summary`,
    );
  const files = writeSummaryFiles(folder, summary, {
    ...(config.description === undefined ? {} : { description: config.description }),
    runs: runCount(grid),
    seeds: grid.seeds,
  });
  return { runs: runCount(grid), summary, files };
}

/** `kiln report`'s work: reads a batch folder back and rewrites its summary. */
export async function reportBatch(
  folder: string,
  onWarning?: WarningHandler,
): Promise<BatchReport> {
  const { config } = readBatchInfo(folder);
  return writeReport(folder, config, onWarning);
}
