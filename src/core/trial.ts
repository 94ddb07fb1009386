// What an objective sees of its trial in a study: report intermediate values step by step, ask
// whether the study's pruner stops it, and throw TrialPruned to stop (Optuna's protocol).

/**
 * The trial an objective runs in, passed as the second argument of `evaluate` in a study
 * (`kiln tune`). Outside a study the argument is absent.
 *
 * ```js
 * export default async function objective(params, trial) {
 *   for (let epoch = 1; epoch <= 50; epoch++) {
 *     const error = trainOneEpoch(params);
 *     trial?.report(error, epoch);
 *     if (await trial?.shouldPrune()) throw new TrialPruned();
 *   }
 *   return error;
 * }
 * ```
 */
export interface Trial {
  /** 1-based number of the trial in the study. */
  readonly number: number;
  /**
   * Records the objective's intermediate value at `step` (an integer >= 0, e.g. the epoch).
   * The first value reported for a step is kept; later ones for the same step are ignored.
   */
  report(value: number, step: number): void;
  /**
   * Whether the study's pruner stops this trial at the last reported step. Resolves false
   * without a pruner or before any report. The decision may wait for earlier trials to reach
   * the same step, so that it is the same for any number of workers.
   */
  shouldPrune(): Promise<boolean>;
}

/** Thrown by an objective to end its trial as pruned (its last reported value is kept). */
export class TrialPruned extends Error {
  constructor(message = 'trial pruned') {
    super(message);
    this.name = 'TrialPruned';
  }
}

/** True for a TrialPruned, also one from another copy of kiln (a module importing its own). */
export function isTrialPruned(error: unknown): boolean {
  return error instanceof TrialPruned || (error instanceof Error && error.name === 'TrialPruned');
}

/** Checks the arguments of {@link Trial.report}; returns the message of what is wrong. */
export function reportProblem(value: unknown, step: unknown): string | undefined {
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
    return `trial.report: step must be an integer >= 0 (got ${String(step)})`;
  }
  if (typeof value !== 'number') {
    return `trial.report: value must be a number (got ${typeof value})`;
  }
  return undefined;
}
