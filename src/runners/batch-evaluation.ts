// Evaluating one asked batch: outcomes already in a journal are replayed (resumed runs), the
// rest go to the evaluator, and each new result is reported as it arrives.
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import type { BatchOutcome, EvaluateOptions, Evaluator, ResultCallback } from './evaluator.js';
import { isPromiseLike } from './evaluator.js';

/** A recorded evaluation, as a journal returns it when a run resumes. Values are minimized. */
export interface ReplayedEvaluation {
  value: number;
  /** Multi-objective problems: the recorded objective values and violation. */
  evaluation?: ObjectiveEvaluation;
  error?: string;
  durationMs?: number;
}

/** Looks up the recorded outcome of candidate `index` of batch `batch` (undefined: not recorded). */
export type ReplaySource<X> = (
  batch: number,
  index: number,
  candidate: X,
) => ReplayedEvaluation | undefined;

/** What a batch evaluation needs from the run. */
export interface BatchEvaluationContext<X> {
  evaluator: Evaluator<X>;
  gradients: boolean;
  replay: ReplaySource<X> | undefined;
  onResult: ResultCallback | undefined;
}

/**
 * Evaluates `candidates` (batch number `batch`); returns synchronously when the evaluator does
 * and nothing is replayed, so that cheap in-thread loops stay free of promises.
 */
export function evaluateBatch<X>(
  context: BatchEvaluationContext<X>,
  batch: number,
  candidates: readonly X[],
): { outcome: BatchOutcome | Promise<BatchOutcome>; replayed: number } {
  const { evaluator, gradients, replay, onResult } = context;
  if (replay === undefined) {
    const options: EvaluateOptions =
      onResult === undefined ? { gradients, batch } : { gradients, batch, onResult };
    return { outcome: evaluator.evaluate(candidates, options), replayed: 0 };
  }
  const known = candidates.map((x, i) => replay(batch, i, x));
  const missing: number[] = [];
  known.forEach((k, i) => {
    if (k === undefined) missing.push(i);
  });
  const replayed = candidates.length - missing.length;
  if (missing.length === 0) return { outcome: merge(known, [], undefined), replayed };
  const subset = missing.map((i) => candidates[i] as X);
  const subsetOptions: EvaluateOptions = {
    gradients,
    batch,
    indices: missing,
    ...(onResult === undefined
      ? {}
      : {
          onResult: (
            k: number,
            v: number,
            e: string | undefined,
            d: number,
            s?: string,
            evaluation?: ObjectiveEvaluation,
          ) => onResult(missing[k] as number, v, e, d, s, evaluation),
        }),
  };
  const pending = evaluator.evaluate(subset, subsetOptions);
  const outcome = isPromiseLike(pending)
    ? pending.then((o) => merge(known, missing, o))
    : merge(known, missing, pending);
  return { outcome, replayed };
}

function merge(
  known: (ReplayedEvaluation | undefined)[],
  missing: number[],
  fresh: BatchOutcome | undefined,
): BatchOutcome {
  const n = known.length;
  const values = new Array<number>(n);
  const durationsMs = new Array<number>(n).fill(0);
  let errors: (string | undefined)[] | undefined;
  let evaluations: (ObjectiveEvaluation | undefined)[] | undefined;
  const keep = (i: number, evaluation: ObjectiveEvaluation | undefined): void => {
    if (evaluation === undefined) return;
    evaluations ??= new Array<ObjectiveEvaluation | undefined>(n);
    evaluations[i] = evaluation;
  };
  known.forEach((k, i) => {
    if (k === undefined) return;
    values[i] = k.value;
    keep(i, k.evaluation);
    durationsMs[i] = k.durationMs ?? 0;
    if (k.error !== undefined) {
      errors ??= new Array<string | undefined>(n);
      errors[i] = k.error;
    }
  });
  missing.forEach((i, k) => {
    values[i] = fresh?.values[k] as number;
    keep(i, fresh?.evaluations?.[k]);
    durationsMs[i] = fresh?.durationsMs?.[k] ?? 0;
    const error = fresh?.errors?.[k];
    if (error !== undefined) {
      errors ??= new Array<string | undefined>(n);
      errors[i] = error;
    }
  });
  const outcome: BatchOutcome = { values, durationsMs };
  if (errors !== undefined) outcome.errors = errors;
  if (evaluations !== undefined) outcome.evaluations = evaluations;
  return outcome;
}
