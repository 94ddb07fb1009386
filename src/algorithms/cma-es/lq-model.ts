// The linear-quadratic surrogate of lq-CMA-ES (Hansen 2019, "A Global Surrogate Assisted
// CMA-ES", GECCO): a model linear, then diagonal-quadratic, then full quadratic in the point as
// the archive of evaluated points grows, fitted by weighted least squares on the better three
// quarters of the archive, with weights falling linearly from 20 (best) to 1 by rank.
import { choleskyFactor, solveLower, solveUpper } from '../operators/cholesky.js';

/** How much of the quadratic a model holds. */
export type LqKind = 'linear' | 'diagonal' | 'full';

/** The evaluated points of the current run, most recent first (plain data). */
export interface LqArchive {
  points: number[][];
  values: number[];
}

/**
 * A fitted model (plain data): f(x) = c . phi((x - center) / scale), phi holding 1, u, and by
 * kind the squares u_i^2 and the products u_i u_j (i < j). Coordinates are centred and scaled by
 * the run's distribution when fitted, for conditioning only: each family of models is closed
 * under that axis-wise affine map, so the fitted values are those of the raw coordinates.
 */
export interface LqModel {
  kind: LqKind;
  center: number[];
  scale: number[];
  coefficients: number[];
}

/** Share of the archive, best first, that a model is fitted on (the worst quarter is left out). */
export const TRUNCATION_RATIO = 0.75;
/** A kind is used once the fitted points number at least this many times its coefficients. */
const MIN_RELATIVE_SIZE = 1.1;
/** The archive holds at most this many times the full model's coefficients (or lambda). */
const MAX_RELATIVE_SIZE = 2;
/** Regression weight of the best point; the worst fitted point weighs 1. */
const MAX_WEIGHT = 20;
/** Relative ridge on the normal equations' diagonal. */
const RIDGE = 1e-10;

/** Coefficients of a model of `kind` in n dimensions: n + 1, 2 n + 1 or n (n + 3) / 2 + 1. */
export function coefficientCount(kind: LqKind, n: number): number {
  if (kind === 'linear') return n + 1;
  if (kind === 'diagonal') return 2 * n + 1;
  return (n * (n + 3)) / 2 + 1;
}

/** The richest kind the archive's size supports: its fitted share >= 1.1 x the coefficients. */
export function modelKind(size: number, n: number): LqKind {
  const usable = size * TRUNCATION_RATIO;
  if (usable >= MIN_RELATIVE_SIZE * coefficientCount('full', n)) return 'full';
  if (usable >= MIN_RELATIVE_SIZE * coefficientCount('diagonal', n)) return 'diagonal';
  return 'linear';
}

/**
 * Whether the archive can fit a model that does more than interpolate: its fitted share holds
 * at least 1.1 x the linear model's coefficients. Below that every model reproduces the points
 * it was fitted on, so its rank correlation with them says nothing.
 */
export function canModel(size: number, n: number): boolean {
  return size * TRUNCATION_RATIO >= MIN_RELATIVE_SIZE * coefficientCount('linear', n);
}

/** Most points the archive keeps: max(lambda, 2 x the full model's coefficients). */
export function archiveCapacity(n: number, lambda: number): number {
  return Math.max(lambda, MAX_RELATIVE_SIZE * coefficientCount('full', n));
}

/** Adds an evaluated point (copied) at the front of the archive, dropping the oldest past `capacity`. */
export function addToArchive(
  archive: LqArchive,
  point: readonly number[],
  value: number,
  capacity: number,
): void {
  archive.points.unshift(point.slice());
  archive.values.unshift(value);
  if (archive.points.length > capacity) {
    archive.points.length = capacity;
    archive.values.length = capacity;
  }
}

/**
 * Fits a model to the archive: the best max(p + 2, floor(0.75 (size + 1))) points (p the
 * coefficients), at most all of them, each row weighted by its linearly falling weight, solved by
 * the normal equations with each diagonal entry raised by a relative 1e-10 (so that fewer points
 * than coefficients still give a solution, close to the least-norm one in the scaled
 * coordinates). Undefined on an empty archive.
 */
export function fitLqModel(
  archive: LqArchive,
  center: readonly number[],
  scale: readonly number[],
): LqModel | undefined {
  const size = archive.values.length;
  if (size === 0) return undefined;
  const n = center.length;
  const kind = modelKind(size, n);
  const p = coefficientCount(kind, n);
  const used = Math.min(size, Math.max(p + 2, Math.floor(TRUNCATION_RATIO * (size + 1))));
  const order = bestFirst(archive.values).slice(0, used);
  const model: LqModel = {
    kind,
    center: center.slice(),
    scale: scale.map((s) => (s > 0 && Number.isFinite(s) ? s : 1)),
    coefficients: new Array<number>(p).fill(0),
  };
  const normal = new Float64Array(p * p);
  const right = new Float64Array(p);
  const features = new Float64Array(p);
  const offset = archive.values[order[0]!]!;
  for (let r = 0; r < used; r++) {
    const k = order[r]!;
    const w = used === 1 ? MAX_WEIGHT : MAX_WEIGHT - ((MAX_WEIGHT - 1) * r) / (used - 1);
    const w2 = w * w;
    expand(model, archive.points[k]!, features);
    const y = archive.values[k]! - offset;
    for (let i = 0; i < p; i++) {
      const fi = w2 * features[i]!;
      right[i] = right[i]! + fi * y;
      const row = i * p;
      for (let j = 0; j <= i; j++) normal[row + j] = normal[row + j]! + fi * features[j]!;
    }
  }
  for (let i = 0; i < p; i++) {
    normal[i * p + i] = normal[i * p + i]! * (1 + RIDGE) + 1e-300;
    for (let j = 0; j < i; j++) normal[j * p + i] = normal[i * p + j]!;
  }
  const factor = choleskyFactor(normal, p);
  if (factor === undefined) return undefined;
  const solution = solveUpper(factor, p, solveLower(factor, p, right));
  for (let i = 0; i < p; i++) model.coefficients[i] = solution[i]!;
  model.coefficients[0] = model.coefficients[0]! + offset;
  return model;
}

/** The model's value at `point`. */
export function predict(model: LqModel, point: readonly number[], scratch?: Float64Array): number {
  const features = scratch ?? new Float64Array(model.coefficients.length);
  expand(model, point, features);
  let sum = 0;
  for (let i = 0; i < model.coefficients.length; i++) sum += model.coefficients[i]! * features[i]!;
  return sum;
}

/** The features phi((x - center) / scale) of `point` into `out`. */
function expand(model: LqModel, point: readonly number[], out: Float64Array): void {
  const n = model.center.length;
  out[0] = 1;
  for (let i = 0; i < n; i++) out[1 + i] = (point[i]! - model.center[i]!) / model.scale[i]!;
  if (model.kind === 'linear') return;
  for (let i = 0; i < n; i++) out[1 + n + i] = out[1 + i]! * out[1 + i]!;
  if (model.kind === 'diagonal') return;
  let k = 1 + 2 * n;
  for (let i = 0; i < n; i++) {
    const ui = out[1 + i]!;
    for (let j = i + 1; j < n; j++) out[k++] = ui * out[1 + j]!;
  }
}

/** Indices of `values` from lowest to highest, ties by index. */
function bestFirst(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
}

/**
 * Kendall's rank correlation of two equally long sequences: the mean over pairs of
 * sign(a_i - a_j) sign(b_i - b_j), a tie in both counting one half (as pycma's); 0 below 3 pairs.
 */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  const count = a.length;
  if (count < 3) return 0;
  let sum = 0;
  for (let i = 1; i < count; i++) {
    for (let j = 0; j < i; j++) {
      const da = Math.sign(a[i]! - a[j]!);
      const db = Math.sign(b[i]! - b[j]!);
      sum += da === 0 && db === 0 ? 0.5 : da * db;
    }
  }
  return (2 * sum) / (count * (count - 1));
}
