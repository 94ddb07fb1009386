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
  const leaving = markWorst(values, n - size);
  const dropped: number[][] = [];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (leaving[i] === 1) {
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

// Working memory of markWorst, reused across calls (never part of the state).
let marks = new Uint8Array(64);
let tail = new Int32Array(8);

// Marks (1 in the returned array, of at least values.length entries) the `count` indices ranked
// last: the worst values, and among equal values the larger index ranks later. A window of them
// is kept sorted worst first.
function markWorst(values: readonly number[], count: number): Uint8Array {
  const n = values.length;
  if (marks.length < n) marks = new Uint8Array(2 * n);
  if (tail.length < count) tail = new Int32Array(2 * count);
  marks.fill(0, 0, n);
  let filled = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (filled === count && !ranksAfter(values, value, i, tail[count - 1] as number)) continue;
    let j = filled < count ? filled++ : count - 1;
    while (j > 0 && ranksAfter(values, value, i, tail[j - 1] as number)) {
      tail[j] = tail[j - 1] as number;
      j--;
    }
    tail[j] = i;
  }
  for (let j = 0; j < count; j++) marks[tail[j] as number] = 1;
  return marks;
}

// Whether member i (of value `value`) ranks after member j.
function ranksAfter(values: readonly number[], value: number, i: number, j: number): boolean {
  const other = values[j] as number;
  return value > other || (value === other && i > j);
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
