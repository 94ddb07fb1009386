// A 2-D staircase of minimized points under a corner, kept sorted for insertion by binary search:
// the area it covers is what the 3-D sweeps (hypervolume and contributions) integrate over slices.
import { prefixLength } from './hypervolume-contributions-2d.js';

/** A 2-D staircase of minimized points (x ascending, y descending) under a corner. */
export interface Staircase {
  xs: number[];
  ys: number[];
  cornerX: number;
  cornerY: number;
}

/** Adds the point (a, b) to the staircase; returns the area it newly covers. */
export function insertIntoStaircase(stairs: Staircase, a: number, b: number): number {
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
