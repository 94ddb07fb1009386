// A study's trial on an Evaluator that runs it elsewhere (a queue worker). While it runs, its
// pruning questions are answered from the pruning board (the trial stops where the study prunes
// it); its reports also come back with the result, with the steps at which it asked whether to
// stop, and the study replays them through the board step by step. The first step the board
// prunes ends the trial there, exactly as on a local thread (same intermediate values, same
// value, same epochs), whether or not the question was answered in time.
import { errorMessage } from '../core/errors.js';
import type { Evaluator } from './evaluator.js';
import { isPromiseLike } from './evaluator.js';
import type { FinishedStudyTrial, StudyLoopOptions } from './study-loop.js';
import { finishedTrial, settledTrial } from './study-trial-outcome.js';

/** Runs trial k (0-based) on `evaluator`; never rejects (a failure fails the trial). */
export async function runEvaluatorTrial<X>(
  options: StudyLoopOptions<X>,
  evaluator: Evaluator<X>,
  k: number,
  params: X,
): Promise<FinishedStudyTrial<X>> {
  const { board, sign } = options;
  const began = performance.now();
  try {
    const shouldPrune = async (
      reports: readonly [number, number][],
      step: number,
    ): Promise<boolean> => {
      for (const [at, value] of reports) board.report(k, at, sign * value);
      return board.shouldPrune(k, step);
    };
    const pending = evaluator.evaluate([params], {
      gradients: false,
      batch: k,
      trial: k + 1,
      ...(board.prunes ? { shouldPrune } : {}),
    });
    const outcome = isPromiseLike(pending) ? await pending : pending;
    const reports = outcome.trial?.reports ?? [];
    const asked = new Set(outcome.trial?.asked ?? []);
    for (const [step, value] of reports) {
      board.report(k, step, sign * value);
      if (asked.has(step) && (await board.shouldPrune(k, step))) {
        return finishedTrial(options, k, params, 'pruned', NaN, outcome.durationsMs?.[0] ?? 0);
      }
    }
    return settledTrial(options, k, params, {
      raw: outcome.values[0] as number,
      error: outcome.errors?.[0],
      stack: outcome.trial?.stack,
      evaluation: outcome.evaluations?.[0],
      pruned: outcome.trial?.pruned === true,
      durationMs: outcome.durationsMs?.[0] ?? 0,
    });
  } catch (error) {
    const trial = finishedTrial(options, k, params, 'failed', NaN, performance.now() - began);
    trial.error = errorMessage(error);
    return trial;
  }
}
