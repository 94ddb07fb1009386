// Population helpers of differential evolution: initial designs in the box (uniform, or Latin
// hypercube after McKay, Beckman & Conover 1979), ranking by value, the size reduction of
// L-SHADE and the external archive of JADE (Zhang & Sanderson 2009).
import { packedVector } from './vector-pool.js';
import type { Rng } from '../../core/rng.js';

/** How the initial population fills the box. */
export type Initialization = 'latin-hypercube' | 'uniform';

/**
 * `count` points in [lower, upper]: independent uniform draws, or a Latin hypercube (each
 * coordinate's range cut into `count` equal strata, one point in each, strata paired at random).
 */
export function initialVectors(
  count: number,
  lower: readonly number[],
  upper: readonly number[],
  initialization: Initialization,
  rng: Rng,
): number[][] {
  const n = lower.length;
  const points = Array.from({ length: count }, () => packedVector(n));
  for (let j = 0; j < n; j++) {
    const lo = lower[j] as number;
    const width = (upper[j] as number) - lo;
    const strata = initialization === 'latin-hypercube' ? rng.permutation(count) : undefined;
    for (let i = 0; i < count; i++) {
      const u = strata === undefined ? rng.next() : ((strata[i] as number) + rng.next()) / count;
      (points[i] as number[])[j] = lo + width * u;
    }
  }
  return points;
}

/** Index of the smallest value (the first one on ties). */
export function bestIndex(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if ((values[i] as number) < (values[best] as number)) best = i;
  return best;
}

/**
 * Keeps the `size` best members of a population (vectors and values together, ties kept by
 * index), in place and in their order. Returns the vectors that left.
 */
export function keepBest(vectors: number[][], values: number[], size: number): number[][] {
  const n = vectors.length;
  if (n <= size) return [];
  // The members that leave are the n - size last of the ranking: find them in one pass (L-SHADE
  // removes one or two per generation) rather than sorting the whole population.
  const leaving = worstRanked(values, n - size);
  const dropped: number[][] = [];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (leaving.has(i)) {
      dropped.push(vectors[i] as number[]);
      continue;
    }
    vectors[kept] = vectors[i] as number[];
    values[kept] = values[i] as number;
    kept++;
  }
  vectors.length = kept;
  values.length = kept;
  return dropped;
}

// The `count` indices ranked last (the worst values; among equal values the larger index ranks
// later), kept as a window sorted worst first.
function worstRanked(values: readonly number[], count: number): Set<number> {
  const tail: number[] = [];
  const ranksAfter = (i: number, j: number): boolean =>
    (values[i] as number) > (values[j] as number) ||
    ((values[i] as number) === (values[j] as number) && i > j);
  for (let i = 0; i < values.length; i++) {
    if (tail.length === count && !ranksAfter(i, tail[count - 1] as number)) continue;
    let j = tail.length < count ? tail.length : count - 1;
    if (tail.length < count) tail.push(i);
    while (j > 0 && ranksAfter(i, tail[j - 1] as number)) {
      tail[j] = tail[j - 1] as number;
      j--;
    }
    tail[j] = i;
  }
  return new Set(tail);
}

/** Removes random members until at most `capacity` remain, in place. */
export function trimArchive(archive: number[][], capacity: number, rng: Rng): void {
  while (archive.length > Math.max(0, capacity)) {
    const k = rng.int(archive.length);
    archive[k] = archive[archive.length - 1] as number[];
    archive.pop();
  }
}

/**
 * Adds a defeated parent to the archive; a full archive replaces a random member. Returns the
 * vector that no longer belongs anywhere (the replaced member, or the parent when there is no
 * archive), undefined when none.
 */
export function addToArchive(
  archive: number[][],
  vector: number[],
  capacity: number,
  rng: Rng,
): number[] | undefined {
  if (capacity < 1) return vector;
  if (archive.length < capacity) {
    archive.push(vector);
    return undefined;
  }
  const k = rng.int(archive.length);
  const replaced = archive[k];
  archive[k] = vector;
  return replaced;
}
