// Exact exclusive hypervolume contributions in three objectives by slicing along the third one:
// a point's contribution is the integral, from its own third value to the reference, of the area
// it alone dominates in the 2-D projection of the points already below the slice. That area only
// shrinks as points enter, so it is kept as a staircase updated by insertion, and the sweep stops
// once it is empty: O(n^2 log n) at worst, near O(n^2) on fronts. (The slicing idea of Emmerich
// & Fonseca 2011, "Computing hypervolume contributions in low dimensions", in its simplest form.)
import { insertIntoStaircase, type Staircase } from './staircase-2d.js';

/**
 * The indices of the points of `points` strictly better than `reference` in every objective,
 * sorted by their third value (then index): the order {@link contribution3d} sweeps in.
 */
export function sweepOrder3d(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number[] {
  const [r0, r1, r2] = reference as [number, number, number];
  return points
    .map((_, i) => i)
    .filter((i) => {
      const [x, y, z] = points[i] as [number, number, number];
      return x < r0 && y < r1 && z < r2;
    })
    .sort(
      (a, b) =>
        ((points[a] as readonly number[])[2] as number) -
          ((points[b] as readonly number[])[2] as number) || a - b,
    );
}

/**
 * The exclusive contribution of `points[i]` among the points listed in `order` (a
 * {@link sweepOrder3d} or a subsequence of one; it holds `i`), three minimized objectives.
 */
export function contribution3d(
  points: readonly (readonly number[])[],
  order: readonly number[],
  i: number,
  reference: readonly number[],
): number {
  const [r0, r1, r2] = reference as [number, number, number];
  const [x, y, z] = points[i] as [number, number, number];
  const stairs: Staircase = { xs: [], ys: [], cornerX: r0, cornerY: r1 };
  let area = (r0 - x) * (r1 - y);
  let volume = 0;
  let level = z;
  // The points at or below z shape the first slice; the others enter as the slice rises. A
  // clipped copy of (x, y) covers the rest of the slices (at or below z: i is weakly dominated).
  for (const j of order) {
    if (j === i) continue;
    const [xj, yj, zj] = points[j] as [number, number, number];
    if (zj > z) {
      volume += area * (zj - level);
      level = zj;
    }
    const a = Math.max(x, xj);
    const b = Math.max(y, yj);
    if (a === x && b === y) {
      area = 0;
      break;
    }
    area -= insertIntoStaircase(stairs, a, b);
  }
  return Math.max(0, volume + area * (r2 - level));
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
  const contributions = new Array<number>(points.length).fill(0);
  const order = sweepOrder3d(points, reference);
  for (const i of order) contributions[i] = contribution3d(points, order, i, reference);
  return contributions;
}
