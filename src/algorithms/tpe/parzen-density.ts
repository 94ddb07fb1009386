// Drawing from a Parzen estimator and evaluating its log density at many points in one pass:
// the TPE scores all its candidates against the good and the rest densities at once, component
// by component, with no allocation per kernel.
import type { Rng } from '../../core/rng.js';
import { expNonPositive } from './bounded-exp.js';
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

// Scratch reused between calls: a point's numeric values (plain and scaled) and its terms.
let scratch = new Float64Array(0);

/**
 * Writes into `out[i]` the log density at the i-th of `count` points, `points[i]` laid out as
 * in {@link sampleParzen}; a log-sum-exp over the components for each point. With shared widths
 * the exponent of component k is -sum_j (x_j w_j - scaledMeans[k, j])^2, the point scaled once.
 */
export function logParzenDensities(
  estimator: ParzenEstimator,
  points: readonly (readonly number[])[],
  out: Float64Array,
): void {
  const { numeric, categorical, means, inverseWidths, scaledMeans, constants } = estimator;
  const { choices, components, logObserved, logOther, counts } = estimator;
  const N = numeric.length;
  const C = categorical.length;
  // Components sharing the widths of component 0 (all but the prior when shared).
  const shared = estimator.sharedWidths && N > 0 ? components - 1 : 0;
  const size = 2 * N + C + components;
  if (scratch.length < size) scratch = new Float64Array(size);
  const x = scratch.subarray(0, N);
  const scaled = scratch.subarray(N, 2 * N);
  const chosen = scratch.subarray(2 * N, 2 * N + C);
  const terms = scratch.subarray(2 * N + C, size);
  let categoricalPrior = 0;
  for (let j = 0; j < C; j++) categoricalPrior -= Math.log(counts[j] as number);
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as readonly number[];
    for (let j = 0; j < N; j++) {
      x[j] = point[numeric[j] as number] as number;
      scaled[j] = (x[j] as number) * (inverseWidths[j] as number);
    }
    for (let j = 0; j < C; j++) chosen[j] = point[categorical[j] as number] as number;
    let top = -Infinity;
    for (let k = 0, base = 0, at = 0; k < components; k++, base += N, at += C) {
      let log = constants[k] as number;
      if (k < shared) {
        for (let j = 0; j < N; j++) {
          const z = (scaled[j] as number) - (scaledMeans[base + j] as number);
          log -= z * z;
        }
      } else {
        for (let j = 0; j < N; j++) {
          const z =
            ((x[j] as number) - (means[base + j] as number)) * (inverseWidths[base + j] as number);
          log -= z * z;
        }
      }
      if (C > 0) {
        if ((choices[at] as number) < 0) log += categoricalPrior;
        else {
          for (let j = 0; j < C; j++) {
            log +=
              (chosen[j] as number) === (choices[at + j] as number)
                ? (logObserved[j] as number)
                : (logOther[j] as number);
          }
        }
      }
      terms[k] = log;
      if (log > top) top = log;
    }
    // Terms below e^-64 of the largest cannot change a sum of up to 10^5 (expNonPositive: 0).
    if (top === -Infinity) {
      out[i] = -Infinity;
      continue;
    }
    let sum = 0;
    for (let k = 0; k < components; k++) sum += expNonPositive((terms[k] as number) - top);
    out[i] = top + Math.log(sum);
  }
}

/** The log density at one point (see {@link logParzenDensities}). */
export function logParzenDensity(estimator: ParzenEstimator, point: readonly number[]): number {
  const out = new Float64Array(1);
  logParzenDensities(estimator, [point], out);
  return out[0] as number;
}
