// Exact exclusive hypervolume contributions in two objectives, O(n log n): sort by the first
// objective, read each staircase point's exclusive rectangle from its neighbours, and take from
// it what the points it alone dominates cover.
import { hypervolume2d } from './hypervolume-2d.js';

/** The length of the prefix of `0..length-1` on which `holds` is true (true, then false). */
export function prefixLength(length: number, holds: (k: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Each point's exclusive contribution hv(S) - hv(S without it) in two minimized objectives
 * against `reference` (validated by the caller). Weakly dominated points, copies of another point
 * and points not strictly better than the reference contribute 0.
 */
export function hypervolumeContributions2d(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number[] {
  const r0 = reference[0] as number;
  const r1 = reference[1] as number;
  const contributions = new Array<number>(points.length).fill(0);
  const x = (i: number): number => (points[i] as readonly number[])[0] as number;
  const y = (i: number): number => (points[i] as readonly number[])[1] as number;
  const order = points.map((_, i) => i).filter((i) => x(i) < r0 && y(i) < r1);
  order.sort((a, b) => x(a) - x(b) || y(a) - y(b) || a - b);
  // The staircase of distinct non-dominated values (x ascending, y descending), how many points
  // share each value, and the points it does not hold.
  const stairX: number[] = [];
  const stairY: number[] = [];
  const owner: number[] = [];
  const copies: number[] = [];
  const dominated: number[] = [];
  for (const i of order) {
    const last = stairX.length - 1;
    if (last < 0 || y(i) < (stairY[last] as number)) {
      stairX.push(x(i));
      stairY.push(y(i));
      owner.push(i);
      copies.push(1);
    } else if (x(i) === stairX[last] && y(i) === stairY[last]) {
      copies[last] = (copies[last] as number) + 1;
    } else dominated.push(i);
  }
  // A dominated point shrinks a staircase point's exclusive rectangle only when that point is
  // the only one dominating it: those dominating it are the staircase points with x <= x(i)
  // (a prefix) and y <= y(i) (a suffix).
  const inside = stairX.map((): number[][] => []);
  for (const i of dominated) {
    const prefixEnd = prefixLength(stairX.length, (k) => (stairX[k] as number) <= x(i));
    const suffixStart = prefixLength(stairY.length, (k) => (stairY[k] as number) > y(i));
    if (prefixEnd - suffixStart === 1) inside[suffixStart]?.push([x(i), y(i)]);
  }
  for (let k = 0; k < stairX.length; k++) {
    if (copies[k] !== 1) continue;
    const right = k + 1 < stairX.length ? (stairX[k + 1] as number) : r0;
    const top = k > 0 ? (stairY[k - 1] as number) : r1;
    const left = stairX[k] as number;
    const bottom = stairY[k] as number;
    let area = (right - left) * (top - bottom);
    const covered = inside[k] as number[][];
    if (covered.length > 0) area -= hypervolume2d(covered, [right, top]);
    contributions[owner[k] as number] = Math.max(0, area);
  }
  return contributions;
}
