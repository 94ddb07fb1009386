// Calling a problem's objective the same way in this thread and in a worker: the scalar
// `evaluate`, or `evaluateObjectives` for a multi-objective problem, whose result is checked and
// carried as an ObjectiveEvaluation next to a scalar placeholder.
import type { Problem } from '../core/problem.js';
import type { Trial } from '../core/trial.js';
import { describeValue } from '../core/errors.js';
import { checkObjectiveResult, type ObjectiveEvaluation } from '../multi-objective/evaluation.js';

/** A settled objective call: the scalar value, and the evaluation of a multi-objective problem. */
export interface ObjectiveOutcome {
  /** The objective's value; 0 for a successful multi-objective evaluation. */
  value: number;
  evaluation?: ObjectiveEvaluation;
}

/** Calls the objective of `problem` on `x`: `evaluateObjectives` when it declares objectives. */
export function callObjective<X>(problem: Problem<X>, x: X, trial?: Trial): unknown {
  if (problem.objectives === undefined) {
    return trial === undefined ? problem.evaluate(x) : problem.evaluate(x, trial);
  }
  if (problem.evaluateObjectives === undefined) {
    throw new Error(`problem ${problem.name} declares objectives but has no evaluateObjectives`);
  }
  return trial === undefined ? problem.evaluateObjectives(x) : problem.evaluateObjectives(x, trial);
}

/**
 * Checks what the objective returned (after awaiting): a number, or for a multi-objective problem
 * its objective values. Returns the outcome, or the message of a failure.
 */
export function settleObjective(
  problem: Problem<unknown>,
  returned: unknown,
): ObjectiveOutcome | string {
  const objectives = problem.objectives;
  if (objectives === undefined) {
    if (typeof returned === 'number') return { value: returned };
    // A BigInt or a Number object is a number to its author: say how to make it one here.
    const convertible = typeof returned === 'bigint' || returned instanceof Number;
    return `the objective must return a number (got ${describeValue(returned)})${convertible ? '; convert it with Number(...)' : ''}`;
  }
  const evaluation = checkObjectiveResult(returned, objectives.length);
  return typeof evaluation === 'string' ? evaluation : { value: 0, evaluation };
}
