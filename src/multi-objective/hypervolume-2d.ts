// Exact two-objective hypervolume: sort by the first objective and add one rectangle per
// non-dominated point, O(n log n).
import { lexicographicOrder } from './lexicographic-order.js';

/**
 * The area dominated by `points` (minimized, two objectives) and bounded by `reference`. Points
 * not strictly better than the reference in both objectives add nothing.
 */
export function hypervolume2d(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number {
  const r0 = reference[0] as number;
  const r1 = reference[1] as number;
  const first = new Float64Array(points.length);
  const second = new Float64Array(points.length);
  let count = 0;
  for (const p of points) {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < r0 && y < r1) {
      first[count] = x;
      second[count] = y;
      count++;
    }
  }
  const order = lexicographicOrder(first, second, count);
  let area = 0;
  let ceiling = r1;
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const y = second[i] as number;
    if (y < ceiling) {
      area += (r0 - (first[i] as number)) * (ceiling - y);
      ceiling = y;
    }
  }
  return area;
}
