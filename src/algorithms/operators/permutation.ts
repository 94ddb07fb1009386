// Operators on permutations of 0..n-1: moves (swap, reversal, insertion, Or-opt, double bridge),
// order crossover (Davis 1985), random-key decoding (Bean 1994) and repair.
import type { Rng } from '../../core/rng.js';

/** True when `x` holds each of 0..n-1 exactly once. */
export function isPermutation(x: readonly unknown[], n: number): boolean {
  if (x.length !== n) return false;
  const seen = new Uint8Array(n);
  for (const v of x) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n || seen[v] === 1)
      return false;
    seen[v] = 1;
  }
  return true;
}

/** Exchanges the elements at positions i and j, in place. */
export function swapInPlace(x: number[], i: number, j: number): number[] {
  const tmp = x[i] as number;
  x[i] = x[j] as number;
  x[j] = tmp;
  return x;
}

/** Reverses positions i..j (inclusive, i <= j), in place. On a tour this is a 2-opt move. */
export function reverseInPlace(x: number[], i: number, j: number): number[] {
  while (i < j) {
    const tmp = x[i] as number;
    x[i++] = x[j] as number;
    x[j--] = tmp;
  }
  return x;
}

/**
 * Applies the 2-opt move (i, j), 0 <= i < j < n, in place: reverses positions i+1..j, so
 * edges (x[i], x[i+1]) and (x[j], x[j+1]) become (x[i], x[j]) and (x[i+1], x[j+1]).
 */
export function applyTwoOpt(tour: number[], i: number, j: number): number[] {
  return reverseInPlace(tour, i + 1, j);
}

/** Removes the element at position `from` and inserts it at position `to`, in place. */
export function insertInPlace(x: number[], from: number, to: number): number[] {
  const [item] = x.splice(from, 1);
  x.splice(to, 0, item as number);
  return x;
}

/**
 * Applies the Or-opt move (i, length, j, reversed): moves the segment at positions
 * i..i+length-1 (no wrap) so that it follows the element now at position j (j outside the
 * segment), reversed if asked. Returns a new array.
 */
export function applyOrOpt(
  tour: readonly number[],
  i: number,
  length: number,
  j: number,
  reversed = false,
): number[] {
  const segment = tour.slice(i, i + length);
  if (reversed) segment.reverse();
  const anchor = tour[j] as number;
  const rest = tour.slice(0, i).concat(tour.slice(i + length));
  const at = rest.indexOf(anchor) + 1;
  rest.splice(at, 0, ...segment);
  return rest;
}

/** A random swap of two distinct positions. Returns a new array. */
export function randomSwap(x: readonly number[], rng: Rng): number[] {
  const y = x.slice();
  if (y.length < 2) return y;
  const i = rng.int(y.length);
  let j = rng.int(y.length - 1);
  if (j >= i) j++;
  return swapInPlace(y, i, j);
}

/** A random reversal of a segment of length >= 2. Returns a new array. */
export function randomReversal(x: readonly number[], rng: Rng): number[] {
  const y = x.slice();
  if (y.length < 2) return y;
  let i = rng.int(y.length);
  let j = rng.int(y.length - 1);
  if (j >= i) j++;
  if (i > j) [i, j] = [j, i];
  return reverseInPlace(y, i, j);
}

/** A random insertion (remove one element, put it elsewhere). Returns a new array. */
export function randomInsertion(x: readonly number[], rng: Rng): number[] {
  const y = x.slice();
  if (y.length < 2) return y;
  const from = rng.int(y.length);
  let to = rng.int(y.length - 1);
  if (to >= from) to++;
  return insertInPlace(y, from, to);
}

/**
 * Double-bridge kick (Martin, Otto & Felten 1991): cuts the tour into A B C D and rejoins
 * A C B D. Needs n >= 8 for three distinct cut points; smaller inputs get random swaps.
 */
export function doubleBridge(x: readonly number[], rng: Rng): number[] {
  const n = x.length;
  if (n < 8) return randomSwap(randomSwap(x, rng), rng);
  const cuts = [1 + rng.int(n - 1), 1 + rng.int(n - 1), 1 + rng.int(n - 1)].sort((a, b) => a - b);
  const [p1, p2, p3] = cuts as [number, number, number];
  if (p1 === p2 || p2 === p3) return doubleBridge(x, rng);
  return [...x.slice(0, p1), ...x.slice(p2, p3), ...x.slice(p1, p2), ...x.slice(p3)];
}

/**
 * Order crossover OX1 (Davis 1985): each child keeps a slice of one parent and fills the
 * other positions with the remaining elements in the other parent's order.
 */
export function orderCrossover(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
): [number[], number[]] {
  return twoCutCrossover(a, b, rng, orderChild);
}

/**
 * Two random cut points i <= j, then one child per parent: `child(keep, fill, i, j)` keeps a
 * segment of `keep` and completes it from `fill` (OX, PMX).
 */
export function twoCutCrossover(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
  child: (keep: readonly number[], fill: readonly number[], i: number, j: number) => number[],
): [number[], number[]] {
  const n = a.length;
  if (n < 2) return [a.slice(), b.slice()];
  let i = rng.int(n);
  let j = rng.int(n);
  if (i > j) [i, j] = [j, i];
  return [child(a, b, i, j), child(b, a, i, j)];
}

function orderChild(
  keep: readonly number[],
  fill: readonly number[],
  i: number,
  j: number,
): number[] {
  const n = keep.length;
  const child = new Array<number>(n);
  const used = new Uint8Array(n);
  for (let k = i; k <= j; k++) {
    child[k] = keep[k] as number;
    used[keep[k] as number] = 1;
  }
  let position = (j + 1) % n;
  for (let step = 0; step < n; step++) {
    const v = fill[(j + 1 + step) % n] as number;
    if (used[v] === 1) continue;
    child[position] = v;
    used[v] = 1;
    position = (position + 1) % n;
  }
  return child;
}

/** Decodes random keys: the permutation that sorts `keys` ascending (ties by index). */
export function argsort(keys: readonly number[]): number[] {
  const order = Array.from({ length: keys.length }, (_, i) => i);
  order.sort((p, q) => (keys[p] as number) - (keys[q] as number) || p - q);
  return order;
}

/**
 * Repairs any integer array of length n into a permutation of 0..n-1: keeps the first
 * occurrence of each valid element and fills the holes with the missing elements in order.
 */
export function repairPermutation(x: readonly number[], n: number): number[] {
  const used = new Uint8Array(n);
  const y = new Array<number>(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const v = x[k];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n && used[v] === 0) {
      y[k] = v;
      used[v] = 1;
    }
  }
  let next = 0;
  for (let k = 0; k < n; k++) {
    if (y[k] !== -1) continue;
    while (used[next] === 1) next++;
    y[k] = next;
    used[next] = 1;
  }
  return y;
}
