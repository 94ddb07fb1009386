// A study's result rebuilt from its journal alone: what a second Ctrl-C writes when a trial
// hangs and the study cannot finish its batch.
import { basename, join } from 'node:path';
import { isRecord } from '../core/guards.js';
import { distinctMessages } from './failure-summary.js';
import { readJsonLines } from './json-lines.js';
import type { StudyResult } from './study.js';
import type { TrialRecord } from './study-journal.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import { frontOf, type StudyFront } from './study-front.js';
import { journaledBest } from './study-records.js';
import { studyDocument, writeBestJson, writeTrialFiles } from './study-output.js';
import { evaluationFromRecord } from './study-values.js';

/**
 * The journal in `folder`: its header and its trial records in trial order (undefined without a
 * journal header).
 */
export function readStudyJournal(
  folder: string,
): { header: Record<string, unknown>; trials: TrialRecord[] } | undefined {
  const { records } = readJsonLines(join(folder, 'journal.jsonl'));
  const header = records[0];
  if (!isRecord(header) || header.type !== 'study') return undefined;
  const trials = records
    .slice(1)
    .filter((r): r is Record<string, unknown> => isRecord(r) && r.type === 'trial')
    .map((r) => r as unknown as TrialRecord)
    .sort((a, b) => a.number - b.number);
  return { header, trials };
}

/** The study as its journal in `folder` records it (undefined without a journal header). */
export function studyFromJournal(
  folder: string,
  elapsedMs: number,
  referencePoint?: Record<string, number>,
):
  | { study: StudyResult<unknown>; trials: TrialRecord[]; objectives?: ObjectiveDeclaration[] }
  | undefined {
  const journal = readStudyJournal(folder);
  if (journal === undefined) return undefined;
  const { header, trials } = journal;
  const direction = header.direction === 'maximize' ? 'maximize' : 'minimize';
  const sign = direction === 'maximize' ? -1 : 1;
  const objectives = Array.isArray(header.objectives)
    ? (header.objectives as ObjectiveDeclaration[])
    : undefined;
  // A multi-objective study has a front, not a best trial.
  const best = objectives === undefined ? journaledBest(trials, sign) : undefined;
  const failed = trials.filter((t) => t.status === 'failed');
  const solver = isRecord(header.solver) ? header.solver : {};
  const { type: solverName, ...params } = solver;
  const study: StudyResult<unknown> = {
    ...(objectives === undefined ? {} : journaledFront(trials, objectives, referencePoint)),
    bestParams: best?.params,
    bestValue: objectives !== undefined ? NaN : (best?.value ?? sign * Infinity),
    bestTrial: best?.number,
    trials: trials.length,
    failedTrials: failed.length,
    failureMessages: distinctMessages(failed.map((t) => t.error)),
    prunedTrials: trials.filter((t) => t.status === 'pruned').length,
    epochs: trials.reduce((sum, t) => sum + (t.epochs ?? 0), 0),
    resumedTrials: 0,
    elapsedMs,
    seed: typeof header.seed === 'number' || typeof header.seed === 'string' ? header.seed : '',
    stopReason: 'aborted',
    solver: typeof solverName === 'string' ? solverName : 'unknown',
    params,
    problem: problemName(header.problem),
    direction,
    output: folder,
  };
  return { study, trials, ...(objectives === undefined ? {} : { objectives }) };
}

// The front of a multi-objective journal's complete trials (their values in minimized terms).
function journaledFront(
  trials: readonly TrialRecord[],
  objectives: ObjectiveDeclaration[],
  referencePoint: Record<string, number> | undefined,
): StudyFront<unknown> {
  const candidates = trials.flatMap((t) => {
    const evaluation = evaluationFromRecord(t, objectives);
    return evaluation === undefined ? [] : [{ number: t.number, parameters: t.params, evaluation }];
  });
  return frontOf(candidates, objectives, referencePoint);
}

/** Writes trials.csv and best.json from the journal; returns the study, when there is one. */
export function writeStudyFromJournal(
  folder: string,
  elapsedMs: number,
  referencePoint?: Record<string, number>,
): StudyResult<unknown> | undefined {
  const recovered = studyFromJournal(folder, elapsedMs, referencePoint);
  if (recovered === undefined) return undefined;
  writeTrialFiles(folder, recovered.trials, recovered.objectives, recovered.study.paretoFront);
  writeBestJson(folder, studyDocument(recovered.study));
  return recovered.study;
}

function problemName(problem: unknown): string {
  if (!isRecord(problem)) return 'study';
  if (typeof problem.name === 'string') return problem.name;
  if (typeof problem.module === 'string')
    return basename(problem.module).replace(/\.[cm]?[jt]s$/, '');
  return typeof problem.type === 'string' ? problem.type : 'study';
}
