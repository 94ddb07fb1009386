// Longest processing time first: when a problem estimates what each candidate costs, a batch
// spread over several workers starts its costliest candidates first, so that it ends evenly
// instead of waiting on a long candidate started last.
import type { Problem } from '../core/problem.js';

/**
 * `positions` (indices into `candidates`) with the costliest first by `problem.cost`, ties in
 * their given order; unchanged when the problem has no estimate, when there are fewer than 3, or
 * when an estimate is not a finite number or throws (an estimate is only a hint).
 */
export function costliestFirst<X>(
  problem: Problem<X>,
  candidates: readonly X[],
  positions: number[],
): number[] {
  if (problem.cost === undefined || positions.length < 3) return positions;
  try {
    const costs = positions.map((i) => Number(problem.cost?.(candidates[i] as X)));
    if (costs.some((c) => !Number.isFinite(c))) return positions;
    return positions
      .map((position, k) => ({ position, cost: costs[k] as number }))
      .sort((a, b) => b.cost - a.cost || a.position - b.position)
      .map((entry) => entry.position);
  } catch {
    return positions;
  }
}
