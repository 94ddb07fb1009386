// Exact exclusive hypervolume contributions in three objectives by slicing along the third one:
// a point's contribution is the integral, from its own third value to the reference, of the area
// it alone dominates in the 2-D projection of the points already below the slice. That area only
// shrinks as points enter, so it is kept as a staircase updated by insertion, and the sweep stops
// once it is empty: O(n^2 log n) at worst, near O(n^2) on fronts. (The slicing idea of Emmerich
// & Fonseca 2011, "Computing hypervolume contributions in low dimensions", in its simplest form.)

/** A 2-D staircase of minimized points (x ascending, y descending) under a corner. */
interface Staircase {
  xs: number[];
  ys: number[];
  cornerX: number;
  cornerY: number;
}

/** The length of the prefix of `0..length-1` on which `holds` is true (true, then false). */
function prefixLength(length: number, holds: (k: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds the point (a, b) to the staircase; returns the area it newly covers. */
function insert(stairs: Staircase, a: number, b: number): number {
  const { xs, ys } = stairs;
  const before = prefixLength(xs.length, (k) => (xs[k] as number) <= a);
  let ceiling = before > 0 ? (ys[before - 1] as number) : stairs.cornerY;
  if (ceiling <= b) return 0;
  // An entry at the same x with a larger y is replaced, like the entries to the right that the
  // new point dominates.
  const start = before > 0 && xs[before - 1] === a ? before - 1 : before;
  let end = before;
  let x = a;
  let added = 0;
  while (end < xs.length && (ys[end] as number) >= b) {
    added += ((xs[end] as number) - x) * (ceiling - b);
    x = xs[end] as number;
    ceiling = ys[end] as number;
    end++;
  }
  added += ((end < xs.length ? (xs[end] as number) : stairs.cornerX) - x) * (ceiling - b);
  xs.splice(start, end - start, a);
  ys.splice(start, end - start, b);
  return added;
}

/**
 * Each point's exclusive contribution hv(S) - hv(S without it) in three minimized objectives
 * against `reference` (validated by the caller). Weakly dominated points, copies of another point
 * and points not strictly better than the reference contribute 0.
 */
export function hypervolumeContributions3d(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number[] {
  const [r0, r1, r2] = reference as [number, number, number];
  const contributions = new Array<number>(points.length).fill(0);
  const value = (i: number, j: number): number => (points[i] as readonly number[])[j] as number;
  const byThird = points
    .map((_, i) => i)
    .filter((i) => value(i, 0) < r0 && value(i, 1) < r1 && value(i, 2) < r2)
    .sort((a, b) => value(a, 2) - value(b, 2) || a - b);
  const thirds = byThird.map((i) => value(i, 2));
  for (const i of byThird) {
    const x = value(i, 0);
    const y = value(i, 1);
    const z = value(i, 2);
    const stairs: Staircase = { xs: [], ys: [], cornerX: r0, cornerY: r1 };
    let area = (r0 - x) * (r1 - y);
    let dominated = false;
    // Points at or below z: a clipped copy of (x, y) means i is weakly dominated (or copied).
    const firstAbove = prefixLength(thirds.length, (k) => (thirds[k] as number) <= z);
    for (let k = 0; k < firstAbove && !dominated; k++) {
      const j = byThird[k] as number;
      if (j === i) continue;
      const a = Math.max(x, value(j, 0));
      const b = Math.max(y, value(j, 1));
      if (a === x && b === y) dominated = true;
      else area -= insert(stairs, a, b);
    }
    if (dominated) continue;
    let volume = 0;
    let level = z;
    for (let k = firstAbove; k < byThird.length; k++) {
      const j = byThird[k] as number;
      const above = thirds[k] as number;
      volume += area * (above - level);
      level = above;
      const a = Math.max(x, value(j, 0));
      const b = Math.max(y, value(j, 1));
      if (a === x && b === y) {
        area = 0;
        break;
      }
      area -= insert(stairs, a, b);
    }
    contributions[i] = Math.max(0, volume + area * (r2 - level));
  }
  return contributions;
}
