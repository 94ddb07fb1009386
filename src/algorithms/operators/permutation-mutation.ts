// Rate-based mutation of permutations: swap (DEAP's mutShuffleIndexes), insertion (Fogel 1988's
// displacement) and inversion (Holland 1975). Each position starts a move with probability
// `rate`, so that the expected number of moves is rate * n, as for per-gene mutation of vectors.
import type { Rng } from '../../core/rng.js';
import { insertInPlace, reverseInPlace, swapInPlace } from './permutation.js';

/** A position other than `i` in 0..n-1 (n >= 2). */
function otherPosition(i: number, n: number, rng: Rng): number {
  const j = rng.int(n - 1);
  return j >= i ? j + 1 : j;
}

/** Swap mutation: each position, with probability `rate`, swaps with another random one. */
export function swapMutation(x: readonly number[], rate: number, rng: Rng): number[] {
  const y = x.slice();
  const n = y.length;
  if (n < 2) return y;
  for (let i = 0; i < n; i++) if (rng.next() < rate) swapInPlace(y, i, otherPosition(i, n, rng));
  return y;
}

/**
 * Insertion mutation: each position, with probability `rate`, has its current element taken
 * out and put back at another random position.
 */
export function insertionMutation(x: readonly number[], rate: number, rng: Rng): number[] {
  const y = x.slice();
  const n = y.length;
  if (n < 2) return y;
  for (let i = 0; i < n; i++) if (rng.next() < rate) insertInPlace(y, i, otherPosition(i, n, rng));
  return y;
}

/**
 * Inversion mutation: each position, with probability `rate`, reverses the segment between it
 * and another random position (on a tour, a random 2-opt move).
 */
export function inversionMutation(x: readonly number[], rate: number, rng: Rng): number[] {
  const y = x.slice();
  const n = y.length;
  if (n < 2) return y;
  for (let i = 0; i < n; i++) {
    if (rng.next() >= rate) continue;
    const j = otherPosition(i, n, rng);
    reverseInPlace(y, Math.min(i, j), Math.max(i, j));
  }
  return y;
}
