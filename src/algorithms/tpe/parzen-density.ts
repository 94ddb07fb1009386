// Drawing from a Parzen estimator and evaluating its log density at many points in one pass:
// the TPE scores all its candidates against the good and the rest densities at once, component
// by component, with no allocation per kernel.
import type { Rng } from '../../core/rng.js';
import { largestTerm, logSumExpBelow, logSumExpBounds } from './bounded-exp.js';
import type { ParzenEstimator } from './parzen.js';

/**
 * Draws one point into `into` (numeric coordinates as values, categorical ones as choice
 * indices, at their dimension's position): a component by weight, then each coordinate from that
 * component's kernel.
 */
export function sampleParzen(estimator: ParzenEstimator, rng: Rng, into: number[]): void {
  const u = rng.next();
  const cumulative = estimator.cumulativeWeights;
  let k = 0;
  while (k < cumulative.length - 1 && u >= (cumulative[k] as number)) k++;
  const { numeric, categorical, low, high, means, sigmas, counts, choices } = estimator;
  const N = numeric.length;
  for (let j = 0; j < N; j++) {
    const lo = low[j] as number;
    const hi = high[j] as number;
    const mean = means[k * N + j] as number;
    const sigma = sigmas[k * N + j] as number;
    let x = Math.min(hi, Math.max(lo, mean));
    for (let attempt = 0; attempt < 100; attempt++) {
      const draw = rng.normal(mean, sigma);
      if (draw >= lo && draw <= hi) {
        x = draw;
        break;
      }
    }
    into[numeric[j] as number] = x;
  }
  const C = categorical.length;
  for (let j = 0; j < C; j++) {
    const count = counts[j] as number;
    const observed = choices[k * C + j] as number;
    const other = Math.exp(estimator.logOther[j] as number);
    const hit = Math.exp(estimator.logObserved[j] as number);
    let v = rng.next();
    let c = 0;
    for (; c < count - 1; c++) {
      v -= observed < 0 ? 1 / count : c === observed ? hit : other;
      if (v < 0) break;
    }
    into[categorical[j] as number] = c;
  }
}

// Scratch reused between calls: every point's term for every component, point by point.
let scratch = new Float64Array(0);

/**
 * Writes into `out[i]` the log density at the i-th of the points, `points[i]` laid out as in
 * {@link sampleParzen}; a log-sum-exp over the components for each point. The terms are built
 * one coordinate at a time for all points and components (long loops over typed arrays), each
 * term accumulated in the order of the coordinates, so that the result is bit for bit the one
 * of a point-by-point evaluation. With shared widths the exponent of component k is
 * -sum_j (x_j w_j - scaledMeans[j, k])^2, each point scaled once per coordinate.
 */
export function logParzenDensities(
  estimator: ParzenEstimator,
  points: readonly (readonly number[])[],
  out: Float64Array,
): void {
  largestTerms(estimator, points, out);
  for (let i = 0; i < points.length; i++) {
    out[i] = termsLogDensity(estimator, i, out[i] as number);
  }
}

/**
 * The log densities of {@link logParzenDensities} in two steps, for a caller that needs only
 * some of them: builds every point's terms and writes into `tops[i]` the largest term of point
 * i, a lower bound of its log density (the log of a sum of exponentials is at least its largest
 * exponent); {@link termsLogDensity} then finishes one point. The terms stay in the module's
 * scratch until the next call of either function.
 */
export function largestTerms(
  estimator: ParzenEstimator,
  points: readonly (readonly number[])[],
  tops: Float64Array,
): void {
  const terms = buildTerms(estimator, points);
  const components = estimator.components;
  for (let i = 0; i < points.length; i++) {
    tops[i] = largestTerm(terms, i * components, (i + 1) * components);
  }
}

/**
 * The log density at point `i` of the last {@link largestTerms} call, given its largest term
 * `top`: bit for bit that of {@link logParzenDensities}.
 */
export function termsLogDensity(estimator: ParzenEstimator, i: number, top: number): number {
  const components = estimator.components;
  return logSumExpBelow(scratch, i * components, (i + 1) * components, top);
}

/**
 * Bounds of {@link termsLogDensity}(estimator, i, top) as that computes it, about 1/64 apart, at a
 * fraction of its cost (no exponential per component), into `into[0]` (lower) and `into[1]`.
 */
export function termsLogDensityBounds(
  estimator: ParzenEstimator,
  i: number,
  top: number,
  into: Float64Array,
): void {
  const components = estimator.components;
  logSumExpBounds(scratch, i * components, (i + 1) * components, top, into);
}

// Every point's term for every component, point by point, in the module's scratch.
function buildTerms(
  estimator: ParzenEstimator,
  points: readonly (readonly number[])[],
): Float64Array {
  const { components, constants } = estimator;
  const count = points.length;
  const size = count * components;
  // Grown by half again: the rest density gains a component per trial, and a 192 KB array
  // reallocated on every ask was most of the sampler's garbage.
  if (scratch.length < size) scratch = new Float64Array(Math.ceil(size * 1.5) + 16);
  const terms = scratch.subarray(0, size);
  const weights = constants.subarray(0, components);
  for (let i = 0; i < count; i++) terms.set(weights, i * components);
  addNumericTerms(estimator, points, terms);
  addCategoricalTerms(estimator, points, terms);
  return terms;
}

// Subtracts each numeric coordinate's squared scaled distance from every term, coordinate by
// coordinate (four, then two at a time: (term - a) - b is the same double as subtracting a, then
// b): the components sharing component 0's widths through the pre-scaled means, the others (the
// prior; every component with univariate widths) with their own widths.
function addNumericTerms(
  estimator: ParzenEstimator,
  points: readonly (readonly number[])[],
  terms: Float64Array,
): void {
  const { numeric, means, inverseWidths, scaledMeans, components } = estimator;
  const N = numeric.length;
  const shared = estimator.sharedWidths ? components - 1 : 0;
  let j = 0;
  for (; j + 3 < N; j += 4) {
    const d0 = numeric[j] as number;
    const d1 = numeric[j + 1] as number;
    const d2 = numeric[j + 2] as number;
    const d3 = numeric[j + 3] as number;
    const w0 = inverseWidths[j] as number;
    const w1 = inverseWidths[j + 1] as number;
    const w2 = inverseWidths[j + 2] as number;
    const w3 = inverseWidths[j + 3] as number;
    // Columns j to j + 3 of the scaled means start at c0, c0 + components, ...
    const c0 = j * components;
    const c1 = c0 + components;
    const c2 = c1 + components;
    const c3 = c2 + components;
    for (let i = 0, row = 0; i < points.length; i++, row += components) {
      const point = points[i] as readonly number[];
      const a = (point[d0] as number) * w0;
      const b = (point[d1] as number) * w1;
      const c = (point[d2] as number) * w2;
      const e = (point[d3] as number) * w3;
      for (let k = 0; k < shared; k++) {
        const y = a - (scaledMeans[c0 + k] as number);
        const z = b - (scaledMeans[c1 + k] as number);
        const u = c - (scaledMeans[c2 + k] as number);
        const v = e - (scaledMeans[c3 + k] as number);
        terms[row + k] = (terms[row + k] as number) - y * y - z * z - u * u - v * v;
      }
      for (let k = shared, at = shared * N + j; k < components; k++, at += N) {
        let term = terms[row + k] as number;
        for (let q = 0; q < 4; q++) {
          const z =
            ((point[numeric[j + q] as number] as number) - (means[at + q] as number)) *
            (inverseWidths[at + q] as number);
          term -= z * z;
        }
        terms[row + k] = term;
      }
    }
  }
  for (; j + 1 < N; j += 2) {
    const first = numeric[j] as number;
    const second = numeric[j + 1] as number;
    const firstWidth = inverseWidths[j] as number;
    const secondWidth = inverseWidths[j + 1] as number;
    const firstColumn = j * components;
    const secondColumn = firstColumn + components;
    for (let i = 0, row = 0; i < points.length; i++, row += components) {
      const point = points[i] as readonly number[];
      const a = (point[first] as number) * firstWidth;
      const b = (point[second] as number) * secondWidth;
      for (let k = 0; k < shared; k++) {
        const y = a - (scaledMeans[firstColumn + k] as number);
        const z = b - (scaledMeans[secondColumn + k] as number);
        terms[row + k] = (terms[row + k] as number) - y * y - z * z;
      }
      for (let k = shared, at = shared * N + j; k < components; k++, at += N) {
        const y =
          ((point[first] as number) - (means[at] as number)) * (inverseWidths[at] as number);
        const z =
          ((point[second] as number) - (means[at + 1] as number)) *
          (inverseWidths[at + 1] as number);
        terms[row + k] = (terms[row + k] as number) - y * y - z * z;
      }
    }
  }
  for (; j < N; j++) {
    const d = numeric[j] as number;
    const inverseWidth = inverseWidths[j] as number;
    const column = j * components;
    for (let i = 0, row = 0; i < points.length; i++, row += components) {
      const x = (points[i] as readonly number[])[d] as number;
      const scaled = x * inverseWidth;
      for (let k = 0; k < shared; k++) {
        const z = scaled - (scaledMeans[column + k] as number);
        terms[row + k] = (terms[row + k] as number) - z * z;
      }
      for (let k = shared, at = shared * N + j; k < components; k++, at += N) {
        const z = (x - (means[at] as number)) * (inverseWidths[at] as number);
        terms[row + k] = (terms[row + k] as number) - z * z;
      }
    }
  }
}

// Adds each categorical coordinate's log kernel to every term, coordinate by coordinate; the
// prior (the last component, uniform) gets the sum of its log probabilities at once.
function addCategoricalTerms(
  estimator: ParzenEstimator,
  points: readonly (readonly number[])[],
  terms: Float64Array,
): void {
  const { categorical, choices, components, logObserved, logOther, counts } = estimator;
  const C = categorical.length;
  if (C === 0) return;
  let priorTerm = 0;
  for (let j = 0; j < C; j++) priorTerm -= Math.log(counts[j] as number);
  const prior = components - 1;
  for (let j = 0; j < C; j++) {
    const d = categorical[j] as number;
    const observed = logObserved[j] as number;
    const other = logOther[j] as number;
    for (let i = 0, row = 0; i < points.length; i++, row += components) {
      const chosen = (points[i] as readonly number[])[d] as number;
      for (let k = 0, at = j; k < prior; k++, at += C) {
        terms[row + k] = (terms[row + k] as number) + (chosen === choices[at] ? observed : other);
      }
    }
  }
  for (let row = prior; row < terms.length; row += components) {
    terms[row] = (terms[row] as number) + priorTerm;
  }
}

/** The log density at one point (see {@link logParzenDensities}). */
export function logParzenDensity(estimator: ParzenEstimator, point: readonly number[]): number {
  const out = new Float64Array(1);
  logParzenDensities(estimator, [point], out);
  return out[0] as number;
}
