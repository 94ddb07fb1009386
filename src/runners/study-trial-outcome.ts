// A study's trial once it has run, wherever it ran (a local thread or a queue worker): its
// status, value, error and intermediate values, in minimized terms, built the same way for both.
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import type { StudyLoopOptions } from './study-loop.js';
import type { FinishedStudyTrial } from './study-trial.js';
import { maxOf } from '../core/extremes.js';

/** What came back from running a trial's objective. */
export interface TrialReply {
  /** The objective's raw value (user's terms). */
  raw: number;
  error: string | undefined;
  stack: string | undefined;
  /** Multi-objective problems: the evaluation of a successful trial. */
  evaluation?: ObjectiveEvaluation | undefined;
  /** The objective threw TrialPruned. */
  pruned: boolean;
  durationMs: number;
}

/** The finished trial of a reply; its reports must already be on the board. */
export function settledTrial<X>(
  options: Pick<StudyLoopOptions<X>, 'board' | 'problem' | 'sign'>,
  k: number,
  params: X,
  reply: TrialReply,
): FinishedStudyTrial<X> {
  const { raw, error, evaluation } = reply;
  const multiObjective = options.problem.objectives !== undefined;
  const status = reply.pruned
    ? 'pruned'
    : error === undefined && (multiObjective ? evaluation !== undefined : Number.isFinite(raw))
      ? 'complete'
      : 'failed';
  const value = multiObjective ? NaN : options.sign * raw;
  const trial = finishedTrial(options, k, params, status, value, reply.durationMs);
  if (status === 'complete' && evaluation !== undefined) trial.evaluation = evaluation;
  if (status === 'failed') {
    trial.error = error ?? `objective returned ${raw}`;
    if (error !== undefined && reply.stack !== undefined) trial.stack = reply.stack;
  }
  return trial;
}

/** A finished trial from its outcome and the intermediate values the board holds. */
export function finishedTrial<X>(
  options: Pick<StudyLoopOptions<X>, 'board' | 'problem'>,
  k: number,
  params: X,
  status: FinishedStudyTrial<X>['status'],
  value: number,
  durationMs: number,
): FinishedStudyTrial<X> {
  const intermediate = new Map(options.board.intermediate(k));
  const steps = [...intermediate.keys()];
  const last = steps.length === 0 ? undefined : maxOf(steps);
  const trial: FinishedStudyTrial<X> = {
    k,
    params,
    status,
    value:
      status === 'pruned' ? (last === undefined ? NaN : (intermediate.get(last) as number)) : value,
    intermediate,
    durationMs,
    epochs: last === undefined ? 0 : last * (options.problem.steps?.epochsPerStep ?? 1),
    replayed: false,
  };
  if (status === 'pruned' && last !== undefined) trial.step = last;
  return trial;
}
