// Fast non-dominated sort (Deb et al., IEEE TEC 6(2) 2002, sec. III-A): O(M N^2) under
// constrained domination.
import { constrainedDominates } from './dominance.js';
import type { ObjectiveEvaluation } from './evaluation.js';

/** The fronts of a sort: indices of front 1, front 2, ...; `ranks[i]` is the 0-based front of i. */
export interface NonDominatedSorting {
  readonly fronts: number[][];
  readonly ranks: number[];
}

/**
 * Sorts evaluations into fronts of mutual non-domination: front 1 holds those no other dominates,
 * front k+1 those dominated only by fronts 1..k. Each front lists indices in increasing order.
 * `limit` stops once that many evaluations are sorted (survival needs only the first fronts);
 * the rest keep rank Infinity.
 */
export function nonDominatedSort(
  evaluations: readonly ObjectiveEvaluation[],
  limit = evaluations.length,
): NonDominatedSorting {
  const n = evaluations.length;
  const dominated: number[][] = Array.from({ length: n }, () => []);
  const dominationCount = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const a = evaluations[p] as ObjectiveEvaluation;
    for (let q = p + 1; q < n; q++) {
      const b = evaluations[q] as ObjectiveEvaluation;
      if (constrainedDominates(a, b)) {
        (dominated[p] as number[]).push(q);
        dominationCount[q] = (dominationCount[q] as number) + 1;
      } else if (constrainedDominates(b, a)) {
        (dominated[q] as number[]).push(p);
        dominationCount[p] = (dominationCount[p] as number) + 1;
      }
    }
  }
  const ranks = new Array<number>(n).fill(Infinity);
  const fronts: number[][] = [];
  let current: number[] = [];
  for (let p = 0; p < n; p++) if (dominationCount[p] === 0) current.push(p);
  let sorted = 0;
  while (current.length > 0 && sorted < limit) {
    const rank = fronts.length;
    for (const p of current) ranks[p] = rank;
    fronts.push(current);
    sorted += current.length;
    const next: number[] = [];
    for (const p of current) {
      for (const q of dominated[p] as number[]) {
        const remaining = (dominationCount[q] as number) - 1;
        dominationCount[q] = remaining;
        if (remaining === 0) next.push(q);
      }
    }
    current = next.sort((x, y) => x - y);
  }
  return { fronts, ranks };
}

/** Indices of the evaluations no other dominates (the first front), in increasing order. */
export function nonDominatedIndices(evaluations: readonly ObjectiveEvaluation[]): number[] {
  return nonDominatedSort(evaluations, 1).fronts[0] ?? [];
}
