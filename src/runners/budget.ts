// Budgets (evaluations, wall seconds, target value, stagnation), their validation, and the
// reasons a run stops.
import { ParameterError, describeValue } from '../core/errors.js';

/** When to stop: any combination; the run stops at the first limit reached. */
export interface Budget {
  /** Maximum number of evaluations of the objective (each gradient evaluation counts as one). */
  evaluations?: number;
  /** Maximum wall-clock time in seconds, checked between batches. */
  seconds?: number;
  /** Stop once the best value reaches this (<= when minimizing, >= when maximizing). */
  target?: number;
  /** Stop after this many evaluations without improving the best value. */
  stagnation?: number;
  /**
   * Studies (`kiln tune`): training epochs over all trials (reported steps x epochs per step:
   * a k-fold trial trains k networks per epoch). Checked before each trial is proposed, with
   * the running trials counted at the mean of the finished ones.
   */
  epochs?: number;
}

/** Why a run stopped. `converged`: the solver had nothing more to ask. */
export type StopReason =
  'evaluations' | 'seconds' | 'target' | 'stagnation' | 'epochs' | 'aborted' | 'converged';

/** Validates a budget given to the library (configs are validated by their schema first). */
export function checkBudget(budget: Budget | undefined, where = 'options.budget'): Budget {
  if (budget === null || typeof budget !== 'object') {
    throw new ParameterError(
      `${where} must be an object with evaluations, seconds, target and/or stagnation (got ${describeValue(budget)})`,
    );
  }
  const { evaluations, seconds, target, stagnation, epochs } = budget;
  if (
    evaluations === undefined &&
    seconds === undefined &&
    target === undefined &&
    stagnation === undefined &&
    epochs === undefined
  ) {
    throw new ParameterError(
      `${where} must set at least one of evaluations, seconds, target, stagnation (got {})`,
    );
  }
  const problems: string[] = [];
  if (evaluations !== undefined && !(Number.isInteger(evaluations) && evaluations >= 1))
    problems.push(
      `${where}.evaluations must be an integer >= 1 (got ${describeValue(evaluations)})`,
    );
  if (seconds !== undefined && !(typeof seconds === 'number' && seconds > 0))
    problems.push(`${where}.seconds must be a number > 0 (got ${describeValue(seconds)})`);
  if (target !== undefined && !(typeof target === 'number' && !Number.isNaN(target)))
    problems.push(`${where}.target must be a number (got ${describeValue(target)})`);
  if (stagnation !== undefined && !(Number.isInteger(stagnation) && stagnation >= 1))
    problems.push(`${where}.stagnation must be an integer >= 1 (got ${describeValue(stagnation)})`);
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1))
    problems.push(`${where}.epochs must be an integer >= 1 (got ${describeValue(epochs)})`);
  if (problems.length > 0) throw new ParameterError(problems.join('; '));
  if (
    evaluations === undefined &&
    seconds === undefined &&
    stagnation === undefined &&
    epochs === undefined
  ) {
    throw new ParameterError(
      `${where}: a target alone may never be reached; add evaluations, seconds or stagnation`,
    );
  }
  return { ...budget };
}
