// One multi-objective evaluation: a vector of minimized objective values and a constraint
// violation; the conversion from what an objective returns (an array or an object by name).
import { describeValue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { objectiveSign, type ObjectiveDeclaration } from './objectives.js';

/**
 * A multi-objective evaluation as runners and solvers see it (`tellObjectives`, finished trials).
 * Values are in minimized terms (maximized objectives negated), in declaration order.
 */
export interface ObjectiveEvaluation {
  readonly values: readonly number[];
  /**
   * Total constraint violation: 0 when feasible, the sum of the positive constraint values
   * otherwise, Infinity for a failed evaluation (it threw, returned NaN, timed out). Constrained
   * domination (Deb 2002) ranks every feasible evaluation before any infeasible one.
   */
  readonly violation: number;
}

/** What a multi-objective problem's `evaluateObjectives` returns, in minimized terms. */
export type ObjectiveResult = readonly number[] | ObjectiveEvaluation;

/** The evaluation of a failed candidate: every value Infinity, violation Infinity. */
export function failedEvaluation(objectiveCount: number): ObjectiveEvaluation {
  return { values: new Array<number>(objectiveCount).fill(Infinity), violation: Infinity };
}

/** True when the evaluation is feasible (and so not failed). */
export function isFeasible(evaluation: ObjectiveEvaluation): boolean {
  return evaluation.violation === 0;
}

/**
 * Checks a problem's {@link ObjectiveResult} (already in minimized terms): `objectiveCount` finite
 * values and a violation >= 0. Returns the evaluation, or the message of what is wrong.
 */
export function checkObjectiveResult(
  result: unknown,
  objectiveCount: number,
): ObjectiveEvaluation | string {
  const values: unknown = Array.isArray(result)
    ? result
    : isRecord(result)
      ? result.values
      : undefined;
  const violation: unknown = Array.isArray(result)
    ? 0
    : isRecord(result)
      ? result.violation
      : undefined;
  if (!Array.isArray(values) || values.length !== objectiveCount) {
    return `the objective must return ${objectiveCount} values (got ${describeValue(result)})`;
  }
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return `objective ${i + 1} must be a finite number (got ${describeValue(v)})`;
    }
  }
  if (typeof violation !== 'number' || !(violation >= 0)) {
    return `the constraint violation must be a number >= 0 (got ${describeValue(violation)})`;
  }
  return { values: values as number[], violation };
}

/**
 * Converts what a user's objective returns into an evaluation in minimized terms: an array of
 * values in declaration order, or an object with one finite number per objective name, plus an
 * optional `constraints` array where each value <= 0 is satisfied (Optuna's convention) and the
 * violation is the sum of the positive ones. Returns the message of what is wrong otherwise.
 */
export function objectiveEvaluation(
  returned: unknown,
  objectives: readonly ObjectiveDeclaration[],
): ObjectiveEvaluation | string {
  const names = objectives.map((o) => o.name);
  let raw: unknown[];
  let violation = 0;
  if (Array.isArray(returned) || isNumberArrayView(returned)) {
    raw = Array.from(returned as ArrayLike<unknown>);
    if (raw.length !== objectives.length) {
      return `the objective must return ${objectives.length} values (${names.join(', ')}) (got ${raw.length}: ${describeValue(returned)})`;
    }
  } else if (isRecord(returned)) {
    const unknownKeys = Object.keys(returned).filter(
      (k) => k !== 'constraints' && !names.includes(k),
    );
    if (unknownKeys.length > 0) {
      return `the objective returned ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}, which is not a declared objective (declared: ${names.join(', ')}; constraints go in "constraints")`;
    }
    raw = names.map((name) => returned[name]);
    const constraints = returned.constraints;
    if (constraints !== undefined) {
      if (!Array.isArray(constraints)) {
        return `constraints must be an array of numbers, each <= 0 when satisfied (got ${describeValue(constraints)})`;
      }
      for (const c of constraints as unknown[]) {
        if (typeof c !== 'number' || Number.isNaN(c)) {
          return `constraints must be numbers (got ${describeValue(c)})`;
        }
        if (c > 0) violation += c;
      }
    }
  } else {
    return `the objective must return an object {${names.join(', ')}} or an array of ${objectives.length} numbers (got ${describeValue(returned)})`;
  }
  const values: number[] = [];
  for (let i = 0; i < objectives.length; i++) {
    const v = raw[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return `objective ${names[i]} must be a finite number (got ${describeValue(v)})`;
    }
    values.push(objectiveSign(objectives[i] as ObjectiveDeclaration) * v);
  }
  return { values, violation };
}

// A typed array of numbers (Float64Array...), which an objective may return as its values.
function isNumberArrayView(value: unknown): boolean {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && !isBigIntArray(value);
}

function isBigIntArray(value: object): boolean {
  return value instanceof BigInt64Array || value instanceof BigUint64Array;
}
