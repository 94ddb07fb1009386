// Budgets (evaluations, wall seconds, target value, stagnation), their validation, and the
// reasons a run stops.
import { ParameterError, describeValue } from '../core/errors.js';
import { closestName } from '../core/suggest.js';

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

// Every key of a Budget.
const BUDGET_KEYS = ['evaluations', 'seconds', 'target', 'stagnation', 'epochs'] as const;

/** The budget keys that surely end a study (a target may never be reached). */
export const STUDY_LIMITS = ['evaluations', 'seconds', 'stagnation', 'epochs'] as const;

/** The budget keys that surely end a run: a study's but `epochs`, which counts trials' epochs. */
export const RUN_LIMITS = ['evaluations', 'seconds', 'stagnation'] as const;

/** Validates a budget given to the library (configs are validated by their schema first). */
export function checkBudget(budget: Budget | undefined, where = 'options.budget'): Budget {
  if (budget === null || typeof budget !== 'object') {
    throw new ParameterError(
      `${where} must be an object with evaluations, seconds, target and/or stagnation (got ${describeValue(budget)})`,
    );
  }
  const { evaluations, seconds, target, stagnation, epochs } = budget;
  const problems = Object.keys(budget)
    .filter((key) => !(BUDGET_KEYS as readonly string[]).includes(key))
    .map((key) => {
      const guess = closestName(key, BUDGET_KEYS);
      return `${where}.${key} is not allowed; allowed: ${BUDGET_KEYS.join(', ')}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
    });
  if (evaluations !== undefined && !(Number.isInteger(evaluations) && evaluations >= 1))
    problems.push(
      `${where}.evaluations must be an integer >= 1 (got ${describeValue(evaluations)})`,
    );
  if (seconds !== undefined && !(typeof seconds === 'number' && seconds > 0))
    problems.push(`${where}.seconds must be a number > 0 (got ${describeValue(seconds)})`);
  // An infinite target is reached before the first evaluation (or never, as -Infinity).
  if (target !== undefined && !(typeof target === 'number' && Number.isFinite(target)))
    problems.push(`${where}.target must be a finite number (got ${describeValue(target)})`);
  if (stagnation !== undefined && !(Number.isInteger(stagnation) && stagnation >= 1))
    problems.push(`${where}.stagnation must be an integer >= 1 (got ${describeValue(stagnation)})`);
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1))
    problems.push(`${where}.epochs must be an integer >= 1 (got ${describeValue(epochs)})`);
  if (problems.length > 0) throw new ParameterError(problems.join('; '));
  if (STUDY_LIMITS.every((key) => budget[key] === undefined)) {
    const why = target === undefined ? '' : ' beside target, which may never be reached';
    throw new ParameterError(
      `${where} must set at least one of evaluations, seconds, stagnation or, in a study, epochs${why} (got ${describeValue(budget)})`,
    );
  }
  return { ...budget };
}

/**
 * The share of `budget` spent after `evaluations` and `elapsedMs`: the larger of its evaluation
 * and time shares (whichever bound stops the run first), at most 1; undefined when it bounds
 * neither. For progress only: solvers' schedules use budgetSpent (core/solver.ts), which reads
 * the evaluations first so that a run with an evaluation budget never depends on the clock.
 */
export function budgetFraction(
  budget: Budget,
  evaluations: number,
  elapsedMs: number,
): number | undefined {
  let fraction: number | undefined;
  if (budget.evaluations !== undefined) fraction = evaluations / budget.evaluations;
  if (budget.seconds !== undefined) {
    fraction = Math.max(fraction ?? 0, elapsedMs / (budget.seconds * 1000));
  }
  return fraction === undefined ? undefined : Math.min(1, fraction);
}

/** How much of a budget a run or a study has used, in minimized terms. */
export interface BudgetUse {
  /** Evaluations (trials) counted against the budget. */
  evaluations: number;
  elapsedMs: number;
  /** The best value so far (Infinity while nothing has succeeded). */
  bestValue: number;
  /** Evaluations since the best value last improved (all of them while nothing has succeeded). */
  sinceImprovement: number;
  /** Training epochs used, for budgets in epochs (studies). */
  epochs?: number;
}

/**
 * The first limit of `budget` that `use` reaches, checked in the order target, evaluations,
 * seconds, stagnation, epochs; `sign` turns the target into minimized terms (-1 when
 * maximizing). The abort signal is the caller's to check.
 */
export function budgetReached(
  budget: Budget,
  use: BudgetUse,
  sign: 1 | -1,
): StopReason | undefined {
  const { target, evaluations, seconds, stagnation, epochs } = budget;
  if (target !== undefined && use.bestValue <= sign * target) return 'target';
  if (evaluations !== undefined && use.evaluations >= evaluations) return 'evaluations';
  if (seconds !== undefined && use.elapsedMs >= seconds * 1000) return 'seconds';
  if (stagnation !== undefined && use.sinceImprovement >= stagnation) return 'stagnation';
  if (epochs !== undefined && use.epochs !== undefined && use.epochs >= epochs) return 'epochs';
  return undefined;
}
