// Population helpers of differential evolution: initial designs in the box (uniform, or Latin
// hypercube after McKay, Beckman & Conover 1979), ranking by value, the size reduction of
// L-SHADE and the external archive of JADE (Zhang & Sanderson 2009).
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
  const points = Array.from({ length: count }, () => new Array<number>(n));
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

/** Indices sorted by value, best first (ties by index; Infinity last). */
export function rankByValue(values: readonly number[]): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((p, q) => {
    const a = values[p] as number;
    const b = values[q] as number;
    return a < b ? -1 : a > b ? 1 : p - q;
  });
  return order;
}

/** Index of the smallest value (the first one on ties). */
export function bestIndex(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if ((values[i] as number) < (values[best] as number)) best = i;
  return best;
}

/** Keeps the `size` best members of a population (vectors and values together), in place. */
export function keepBest(vectors: number[][], values: number[], size: number): void {
  if (vectors.length <= size) return;
  const keep = rankByValue(values)
    .slice(0, size)
    .sort((a, b) => a - b);
  const keptVectors = keep.map((i) => vectors[i] as number[]);
  const keptValues = keep.map((i) => values[i] as number);
  vectors.length = 0;
  values.length = 0;
  vectors.push(...keptVectors);
  values.push(...keptValues);
}

/** Removes random members until at most `capacity` remain, in place. */
export function trimArchive(archive: number[][], capacity: number, rng: Rng): void {
  while (archive.length > Math.max(0, capacity)) {
    const k = rng.int(archive.length);
    archive[k] = archive[archive.length - 1] as number[];
    archive.pop();
  }
}

/** Adds a defeated parent to the archive; a full archive replaces a random member. */
export function addToArchive(
  archive: number[][],
  vector: number[],
  capacity: number,
  rng: Rng,
): void {
  if (capacity < 1) return;
  if (archive.length < capacity) archive.push(vector);
  else archive[rng.int(archive.length)] = vector;
}
