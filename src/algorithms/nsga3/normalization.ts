// NSGA-III's adaptive normalization (Deb & Jain, IEEE TEC 18(4) 2014, sec. IV-C): translate by
// the ideal point, find each axis's extreme point by an achievement scalarizing function, and
// scale by the intercepts of the hyperplane through them (the front's worst values when that
// hyperplane is degenerate).
import { maxOf } from '../../core/extremes.js';

// Axis weights of the achievement scalarizing function: 1 on the axis, 1e-6 elsewhere.
const OFF_AXIS_WEIGHT = 1e-6;

/** The objective values divided per objective by the intercepts, after subtracting the ideal point. */
export function normalizeObjectives(
  points: readonly (readonly number[])[],
  firstFront: readonly number[],
): number[][] {
  const m = (points[0] as readonly number[]).length;
  const ideal = new Array<number>(m).fill(Infinity);
  for (const p of points)
    for (let j = 0; j < m; j++) ideal[j] = Math.min(ideal[j] as number, p[j] as number);
  const translated = points.map((p) => p.map((v, j) => v - (ideal[j] as number)));
  const extremes: number[][] = [];
  for (let axis = 0; axis < m; axis++) {
    let best = Infinity;
    let chosen = translated[0] as number[];
    for (const p of translated) {
      let asf = -Infinity;
      for (let j = 0; j < m; j++)
        asf = Math.max(asf, (p[j] as number) / (j === axis ? 1 : OFF_AXIS_WEIGHT));
      if (asf < best) {
        best = asf;
        chosen = p;
      }
    }
    extremes.push(chosen);
  }
  let intercepts = hyperplaneIntercepts(extremes);
  if (intercepts === undefined) {
    // Degenerate hyperplane: the worst value of each objective on the first front.
    intercepts = new Array<number>(m)
      .fill(0)
      .map((_, j) => maxOf(firstFront.map((i) => (translated[i] as number[])[j] as number)));
  }
  const scale = intercepts.map((a) => (a > 1e-10 ? a : 1e-10));
  return translated.map((p) => p.map((v, j) => v / (scale[j] as number)));
}

// Intercepts 1/a of the plane a.x = 1 through the extreme points, or undefined when the points
// are dependent or an intercept is not positive.
function hyperplaneIntercepts(extremes: readonly (readonly number[])[]): number[] | undefined {
  const m = extremes.length;
  const a = solve(
    extremes.map((row) => row.slice()),
    new Array<number>(m).fill(1),
  );
  if (a === undefined) return undefined;
  const intercepts = a.map((v) => 1 / v);
  if (intercepts.some((v) => !Number.isFinite(v) || !(v > 1e-6))) return undefined;
  return intercepts;
}

// Gaussian elimination with partial pivoting; undefined for a (near-)singular matrix.
function solve(matrix: number[][], rhs: number[]): number[] | undefined {
  const n = rhs.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (
        Math.abs((matrix[r] as number[])[col] as number) >
        Math.abs((matrix[pivot] as number[])[col] as number)
      )
        pivot = r;
    }
    if (!(Math.abs((matrix[pivot] as number[])[col] as number) > 1e-12)) return undefined;
    [matrix[col], matrix[pivot]] = [matrix[pivot] as number[], matrix[col] as number[]];
    [rhs[col], rhs[pivot]] = [rhs[pivot] as number, rhs[col] as number];
    const top = matrix[col] as number[];
    for (let r = col + 1; r < n; r++) {
      const row = matrix[r] as number[];
      const factor = (row[col] as number) / (top[col] as number);
      for (let c = col; c < n; c++) row[c] = (row[c] as number) - factor * (top[c] as number);
      rhs[r] = (rhs[r] as number) - factor * (rhs[col] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = matrix[r] as number[];
    let sum = rhs[r] as number;
    for (let c = r + 1; c < n; c++) sum -= (row[c] as number) * (x[c] as number);
    x[r] = sum / (row[r] as number);
  }
  return x;
}
