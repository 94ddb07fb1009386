// Exact three-objective hypervolume by a sweep along the third objective (the dimension sweep of
// Beume, Fonseca, López-Ibáñez, Paquete & Vahrenhold 2009, "On the complexity of computing the
// hypervolume indicator"): with the points taken in ascending third value, the slice between two
// consecutive values is the 2-D area of the points already taken, kept as a staircase updated by
// insertion. Binary search plus array splices instead of the paper's balanced tree: O(n log n)
// comparisons and at worst O(n^2) element moves, which memory moves make fast at 100,000 points.
import { insertIntoStaircase, type Staircase } from './staircase-2d.js';

/**
 * The volume dominated by `points` (minimized, three objectives: the first three coordinates)
 * and bounded by `reference` (validated by the caller). Points not strictly better than the
 * reference in every objective add nothing.
 */
export function hypervolume3d(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number {
  const r0 = reference[0] as number;
  const r1 = reference[1] as number;
  const r2 = reference[2] as number;
  const first = new Float64Array(points.length);
  const second = new Float64Array(points.length);
  const third = new Float64Array(points.length);
  let count = 0;
  for (const p of points) {
    const x = p[0] as number;
    const y = p[1] as number;
    const z = p[2] as number;
    if (x < r0 && y < r1 && z < r2) {
      first[count] = x;
      second[count] = y;
      third[count] = z;
      count++;
    }
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => (third[a] as number) - (third[b] as number));
  const stairs: Staircase = { xs: [], ys: [], cornerX: r0, cornerY: r1 };
  let area = 0;
  let volume = 0;
  let level = count > 0 ? (third[order[0] as number] as number) : r2;
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const z = third[i] as number;
    // Points tied in the third value close a slice of thickness 0 between them.
    volume += area * (z - level);
    level = z;
    area += insertIntoStaircase(stairs, first[i] as number, second[i] as number);
  }
  return volume + area * (r2 - level);
}
