// The journal of a study (`kiln tune`): a header naming the study, then one line per finished
// trial. Reopening it resumes the study: recorded trials are replayed, not run again.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError, describeValue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { StopReason } from './budget.js';
import { JsonLinesWriter, readJsonLines } from './json-lines.js';
import { checkStudyHeader, type StudyHeader } from './study-header.js';

export type { StudyHeader } from './study-header.js';

/**
 * One finished trial, as journaled. `value` is in the user's terms (null when failed; for a
 * pruned trial, its last intermediate value).
 */
export interface TrialRecord {
  type: 'trial';
  /** 1-based trial number. */
  number: number;
  /** Kept for journals of earlier versions: now the 0-based trial number, and index 0. */
  batch: number;
  index: number;
  params: unknown;
  value: number | null;
  /**
   * Multi-objective studies: the objective values in the user's terms, in the header's order
   * (null unless complete); `value` is then null.
   */
  values?: number[] | null;
  /** Multi-objective studies: the total constraint violation, when positive (infeasible). */
  violation?: number;
  status: 'complete' | 'failed' | 'pruned';
  error?: string;
  /** The stack of the error the objective threw, when it threw one. */
  stack?: string;
  /** Intermediate values by step (`trial.report`), in the user's terms; absent when none. */
  intermediate?: Record<string, number>;
  /** The step at which a pruned trial stopped (its last reported step). */
  prunedStep?: number;
  /** Training epochs the trial used (reported steps x epochs per step), when it reported. */
  epochs?: number;
  durationMs: number;
  /** The problem's facts about the candidate (see Problem.attributes). */
  attributes?: Record<string, number | string | boolean>;
  /** When the trial finished (ISO time), for the report's timeline. */
  finishedAt?: string;
}

/** The start of a session (one `kiln tune` process) on the study. */
export interface SessionRecord {
  type: 'session';
  startedAt: string;
  workers: number;
  /** The process and host running the session, to tell a running study from a dead one. */
  pid: number;
  host: string;
}

/** The end of a session: why it stopped and what it had done. */
export interface SessionEndRecord {
  type: 'end';
  stopReason: StopReason;
  elapsedMs: number;
  trials: number;
  failedTrials: number;
}

/** An open study journal. */
export interface StudyJournal {
  readonly path: string;
  /** Trials read back from an earlier session. */
  readonly previous: TrialRecord[];
  /** Warnings about torn or corrupted lines. */
  readonly warnings: string[];
  /**
   * The recorded trial `number` (1-based), if any; refuses one whose parameters differ from
   * what the study now proposes there.
   */
  recorded<X>(number: number, candidate: X, key: (x: X) => string): TrialRecord | undefined;
  append(record: TrialRecord | SessionRecord | SessionEndRecord): void;
  close(): void;
}

const JOURNAL = 'journal.jsonl';

/** Opens (or creates) the journal of a study in `folder`; refuses a folder holding another study. */
export function openStudyJournal(
  folder: string,
  header: StudyHeader,
  baseDir: string,
): StudyJournal {
  const path = join(folder, JOURNAL);
  const warnings: string[] = [];
  // Opening the writer first cuts off a torn last line, so it is reported once and then gone.
  const writer = new JsonLinesWriter(path, (message) => warnings.push(message));
  const { records, warnings: readWarnings } = readJsonLines(path);
  warnings.push(...readWarnings);
  const previous: TrialRecord[] = [];
  if (records.length > 0) {
    try {
      checkStudyHeader(path, records[0], header, baseDir);
    } catch (error) {
      writer.close();
      throw error;
    }
    for (const record of records.slice(1)) {
      if (isRecord(record) && record.type === 'trial')
        previous.push(record as unknown as TrialRecord);
    }
  }
  if (records.length === 0) writer.append(header);
  const byNumber = new Map(previous.map((t) => [t.number, t]));
  return {
    path,
    previous,
    warnings,
    recorded<X>(number: number, candidate: X, key: (x: X) => string): TrialRecord | undefined {
      const trial = byNumber.get(number);
      if (trial === undefined) return undefined;
      if (key(trial.params as X) !== key(candidate)) {
        throw new KilnError(
          'E_JOURNAL',
          `${path}: trial ${trial.number} was ${describeValue(trial.params, 120)} but the study now asks ${describeValue(candidate, 120)} there; the journal belongs to another version of this study (use a new output folder)`,
        );
      }
      return trial;
    },
    append: (record) => writer.append(record),
    close: () => writer.close(),
  };
}

/** True when `folder` holds a study journal. */
export function hasStudyJournal(folder: string): boolean {
  return existsSync(join(folder, JOURNAL));
}
