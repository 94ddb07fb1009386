// The kicks (perturbations) of iterated local search: a double bridge with bounded segments for
// tours (Martin, Otto & Felten 1991; the segment bound keeps the kick local, as in Applegate,
// Cook & Rohe 2003's "segment" kicks), random swaps for assignments (Stützle 2006), gaussian
// kicks on a few or all coordinates for real vectors. Each returns the new candidate and the
// elements whose neighbourhood changed, so that a don't-look-bit local search starts there.
import type { Rng } from '../../core/rng.js';
import { reflect } from '../operators/real.js';
import { randomPositions } from '../operators/array.js';

/** A kicked candidate and the elements next to what changed (null: unknown, look everywhere). */
export interface Kick {
  x: number[];
  touched: number[] | null;
}

/**
 * Double bridge on a closed tour: three consecutive segments B C D (after A, the rest of the
 * tour) become D C B, which replaces four edges by four and cannot be undone by one sequential
 * move. B, C and D are each 1..`maxSegment` cities long from a random position, so that the kick
 * and its repair stay local (Applegate, Cook & Rohe 2003's "segment" kicks); maxSegment <= 0
 * lets the cuts fall anywhere, the classic kick. Needs n >= 8; shorter tours get two random
 * swaps.
 */
export function doubleBridgeKick(tour: readonly number[], maxSegment: number, rng: Rng): Kick {
  const n = tour.length;
  if (n < 8) return randomSwapsKick(tour, 2, rng);
  if (maxSegment <= 0 || 3 * maxSegment >= n - 1) {
    // Three distinct cut points in 1..n-1 give segments B, C and D of length >= 1.
    const cuts = randomPositions(n - 1, 3, rng)
      .map((c) => c + 1)
      .sort((a, b) => a - b);
    const [p1, p2, p3] = cuts as [number, number, number];
    return bridge(tour, p1, p2 - p1, p3 - p2, n - p3);
  }
  const first = 1 + rng.int(maxSegment);
  const second = 1 + rng.int(maxSegment);
  const third = 1 + rng.int(maxSegment);
  return bridge(tour, rng.int(n), first, second, third);
}

// Rewrites the consecutive segments B C D (lengths lb, lc, ld from position `start`, wrapping)
// as D C B.
function bridge(tour: readonly number[], start: number, lb: number, lc: number, ld: number): Kick {
  const n = tour.length;
  const at = (k: number): number => tour[(start + k + n) % n] as number;
  const x = tour.slice();
  let to = start;
  const copy = (from: number, length: number): void => {
    for (let k = 0; k < length; k++) x[to++ % n] = at(from + k);
  };
  copy(lb + lc, ld);
  copy(lb, lc);
  copy(0, lb);
  const end = lb + lc + ld;
  const touched = [at(-1), at(0), at(lb - 1), at(lb), at(lb + lc - 1), at(lb + lc)];
  touched.push(at(end - 1), at(end));
  return { x, touched };
}

/** `count` random swaps of two distinct positions; touched: the swapped elements and their tour neighbours. */
export function randomSwapsKick(x: readonly number[], count: number, rng: Rng): Kick {
  const n = x.length;
  const y = x.slice();
  const touched: number[] = [];
  if (n < 2) return { x: y, touched };
  for (let k = 0; k < count; k++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    const tmp = y[i] as number;
    y[i] = y[j] as number;
    y[j] = tmp;
    for (const p of [i, j]) {
      touched.push(y[(p + n - 1) % n] as number, y[p] as number, y[(p + 1) % n] as number);
    }
  }
  return { x: y, touched };
}

/**
 * Gaussian kick: `variables` random coordinates (all when d or more) move by
 * N(0, (scale * range_i)^2), reflected into the box. `variables` = 0 draws the count uniformly
 * in 1..d for each kick and divides the scale by sqrt(count), so that the kick's length stays
 * about `scale` of the range whether it moves one coordinate or all of them.
 */
export function gaussianKick(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  scale: number,
  variables: number,
  rng: Rng,
): number[] {
  const d = x.length;
  const y = x.slice();
  let count = variables >= d ? d : variables;
  let sigma = scale;
  if (count <= 0) {
    count = harmonicCount(d, rng);
    sigma = scale / Math.sqrt(count);
  }
  const positions =
    count >= d ? Array.from({ length: d }, (_, i) => i) : randomPositions(d, count, rng);
  for (const i of positions) {
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    y[i] = reflect((x[i] as number) + rng.normal(0, sigma * (hi - lo)), lo, hi);
  }
  return y;
}

// A count in 1..d with probability proportional to 1/count: mostly a few coordinates, now and
// then many.
function harmonicCount(d: number, rng: Rng): number {
  let total = 0;
  for (let k = 1; k <= d; k++) total += 1 / k;
  let u = rng.next() * total;
  for (let k = 1; k <= d; k++) {
    u -= 1 / k;
    if (u < 0) return k;
  }
  return d;
}
