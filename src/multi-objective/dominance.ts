// Pareto dominance and Deb's constrained domination (Deb et al., IEEE TEC 6(2) 2002, sec. V).
import type { ObjectiveEvaluation } from './evaluation.js';

/** True when `a` Pareto-dominates `b` (minimized): no worse in every objective, better in one. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/**
 * Constrained domination: a feasible evaluation dominates an infeasible one; of two infeasible
 * ones the smaller violation dominates; two feasible ones compare by Pareto dominance. Failed
 * evaluations (violation Infinity) dominate nothing and are dominated by every other.
 */
export function constrainedDominates(a: ObjectiveEvaluation, b: ObjectiveEvaluation): boolean {
  if (a.violation === 0) return b.violation > 0 || dominates(a.values, b.values);
  if (b.violation === 0) return false;
  return a.violation < b.violation;
}
