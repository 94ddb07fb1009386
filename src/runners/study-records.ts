// Journal lines and finished trials of a study (study.ts), one from the other: a finished trial
// is journaled in the user's terms (maximized values back to their sign), and a resumed study
// rebuilds its finished trials, their intermediate values and the pruning board from the lines.
import type { Problem } from '../core/problem.js';
import { finishedTrial, type FinishedStudyTrial } from './study-loop.js';
import type { TrialRecord } from './study-journal.js';
import type { PruningBoard } from './study-pruning.js';
import { evaluationFromRecord, recordValues } from './study-values.js';

// A journal line from a finished trial (values back in the user's terms).
export function toRecord<X>(
  trial: FinishedStudyTrial<X>,
  sign: 1 | -1,
  problem: Pick<Problem<X>, 'attributes' | 'objectives'>,
): TrialRecord {
  const user = (v: number): number => (v === 0 ? 0 : sign * v);
  const hasValue = trial.status !== 'failed' && Number.isFinite(trial.value);
  const values = recordValues(trial, problem.objectives);
  const record: TrialRecord = {
    type: 'trial',
    number: trial.k + 1,
    batch: trial.k,
    index: 0,
    params: trial.params,
    value: hasValue ? user(trial.value) : null,
    ...values,
    status: trial.status,
    ...(trial.error === undefined ? {} : { error: trial.error }),
    ...(trial.stack === undefined ? {} : { stack: trial.stack }),
    durationMs: Math.round(trial.durationMs * 10) / 10,
  };
  if (trial.intermediate.size > 0) {
    record.intermediate = Object.fromEntries(
      [...trial.intermediate].sort((a, b) => a[0] - b[0]).map(([s, v]) => [String(s), user(v)]),
    );
    record.epochs = trial.epochs;
  }
  if (trial.step !== undefined) record.prunedStep = trial.step;
  const attributes = problem.attributes?.(trial.params);
  if (attributes !== undefined) record.attributes = attributes;
  return record;
}

// A finished trial from its journal line.
export function fromRecord<X>(
  record: TrialRecord,
  k: number,
  params: X,
  sign: 1 | -1,
  board: PruningBoard,
  problem: Problem<X>,
): FinishedStudyTrial<X> {
  for (const [step, value] of Object.entries(record.intermediate ?? {})) {
    board.report(k, Number(step), sign * value);
  }
  const value = record.value === null ? NaN : sign * record.value;
  const evaluation = evaluationFromRecord(record, problem.objectives);
  const trial = finishedTrial(
    { board, problem },
    k,
    params,
    record.status,
    value,
    record.durationMs,
  );
  if (record.error !== undefined) trial.error = record.error;
  if (record.stack !== undefined) trial.stack = record.stack;
  if (evaluation !== undefined) trial.evaluation = evaluation;
  trial.replayed = true;
  return trial;
}

// The best complete trial of the journal (in the user's terms), if any.
export function journaledBest(
  trials: readonly TrialRecord[],
  sign: 1 | -1,
): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const trial of trials) {
    if (trial.status !== 'complete' || trial.value === null) continue;
    if (best === undefined || sign * trial.value < sign * (best.value as number)) best = trial;
  }
  return best;
}
