// Gaussian-process regression on the unit box (Rasmussen & Williams 2006, ch. 2 and 5): a Matern
// 5/2 kernel with one length scale, a constant mean estimated by generalized least squares, the
// signal variance profiled out of the marginal likelihood, and the length scale and the noise
// chosen on a grid by that likelihood.
import { choleskyFactor, solveLower, solveUpper } from '../operators/cholesky.js';

/** A fitted model: everything a prediction reads. */
export interface GaussianProcess {
  /** The inputs, n rows of `dimension` coordinates in [0, 1], row after row. */
  readonly inputs: Float64Array;
  readonly count: number;
  readonly dimension: number;
  readonly lengthScale: number;
  /** Noise variance relative to the signal variance. */
  readonly noise: number;
  /** Cholesky factor of the correlation matrix plus noise (lower, row-major n x n). */
  readonly factor: Float64Array;
  /** (K + noise I)^-1 (y - mean). */
  readonly weights: Float64Array;
  readonly mean: number;
  readonly signalVariance: number;
  /** Log marginal likelihood with the variance profiled out (up to a constant). */
  readonly logLikelihood: number;
}

/** The grid the length scale and the noise are chosen on. */
export interface HyperparameterGrid {
  /** Length scales in units of sqrt(dimension), the diagonal of the unit box. */
  lengthScales: readonly number[];
  /** Noise variances relative to the signal variance. */
  noises: readonly number[];
}

export const DEFAULT_GRID: HyperparameterGrid = {
  lengthScales: [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
  noises: [1e-6, 1e-4, 1e-2, 1e-1],
};

const SQRT5 = Math.sqrt(5);

/** The Matern 5/2 correlation at distance r (in length scales). */
export function matern52(r: number): number {
  const s = SQRT5 * r;
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/**
 * The model of `values` at `inputs` (n rows of `dimension` coordinates in [0, 1]) whose length
 * scale and noise maximize the marginal likelihood over `grid`; undefined when no point of the
 * grid gives a numerically positive definite matrix.
 */
export function fitGaussianProcess(
  inputs: Float64Array,
  values: Float64Array,
  dimension: number,
  grid: HyperparameterGrid = DEFAULT_GRID,
): GaussianProcess | undefined {
  const count = values.length;
  const distances = pairwiseDistances(inputs, count, dimension);
  const correlation = new Float64Array(count * count);
  let best: GaussianProcess | undefined;
  const diagonal = Math.sqrt(Math.max(1, dimension));
  for (const relative of grid.lengthScales) {
    const lengthScale = relative * diagonal;
    for (let i = 0; i < count * count; i++)
      correlation[i] = matern52((distances[i] as number) / lengthScale);
    for (const noise of grid.noises) {
      const model = fitWith(inputs, values, dimension, lengthScale, noise, correlation);
      if (model !== undefined && (best === undefined || model.logLikelihood > best.logLikelihood))
        best = model;
    }
  }
  return best;
}

/** The model of `values` at `inputs` with the length scale and noise of `like` (if it factors). */
export function refitGaussianProcess(
  like: GaussianProcess,
  inputs: Float64Array,
  values: Float64Array,
): GaussianProcess | undefined {
  const count = values.length;
  const { dimension, lengthScale, noise } = like;
  const distances = pairwiseDistances(inputs, count, dimension);
  const correlation = distances.map((d) => matern52(d / lengthScale));
  return fitWith(inputs, values, dimension, lengthScale, noise, correlation);
}

/**
 * The posterior mean and standard deviation (of the latent function, without the noise) at
 * `point`; `scratch` holds at least `model.count` numbers.
 */
export function predict(
  model: GaussianProcess,
  point: Float64Array,
  scratch: Float64Array,
  out: Float64Array,
): void {
  const { inputs, count, dimension, lengthScale, weights, factor } = model;
  let mean = model.mean;
  for (let i = 0; i < count; i++) {
    let squared = 0;
    const row = i * dimension;
    for (let j = 0; j < dimension; j++) {
      const t = (point[j] as number) - (inputs[row + j] as number);
      squared += t * t;
    }
    const k = matern52(Math.sqrt(squared) / lengthScale);
    scratch[i] = k;
    mean += k * (weights[i] as number);
  }
  // v = L^-1 k in place; the variance is 1 - v.v of the signal's.
  let explained = 0;
  for (let i = 0; i < count; i++) {
    let sum = scratch[i] as number;
    const row = i * count;
    for (let k = 0; k < i; k++) sum -= (factor[row + k] as number) * (scratch[k] as number);
    const v = sum / (factor[row + i] as number);
    scratch[i] = v;
    explained += v * v;
  }
  out[0] = mean;
  out[1] = Math.sqrt(model.signalVariance * Math.max(1e-10, 1 - explained));
}

function pairwiseDistances(inputs: Float64Array, count: number, dimension: number): Float64Array {
  const distances = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < a; b++) {
      let squared = 0;
      for (let j = 0; j < dimension; j++) {
        const t = (inputs[a * dimension + j] as number) - (inputs[b * dimension + j] as number);
        squared += t * t;
      }
      const d = Math.sqrt(squared);
      distances[a * count + b] = d;
      distances[b * count + a] = d;
    }
  }
  return distances;
}

// The fit for one length scale and noise, from the correlation matrix without the noise;
// undefined when K + noise I is not numerically positive definite.
function fitWith(
  inputs: Float64Array,
  values: Float64Array,
  dimension: number,
  lengthScale: number,
  noise: number,
  correlation: Float64Array,
): GaussianProcess | undefined {
  const count = values.length;
  const matrix = Float64Array.from(correlation);
  for (let i = 0; i < count; i++) matrix[i * count + i] = 1 + noise;
  const factor = choleskyFactor(matrix, count);
  if (factor === undefined) return undefined;
  // Generalized least squares for the constant mean: (1' K^-1 y) / (1' K^-1 1).
  const ones = solveUpper(
    factor,
    count,
    solveLower(factor, count, new Float64Array(count).fill(1)),
  );
  const forValues = solveUpper(factor, count, solveLower(factor, count, values));
  let onesTotal = 0;
  let valuesTotal = 0;
  for (let i = 0; i < count; i++) {
    onesTotal += ones[i] as number;
    valuesTotal += forValues[i] as number;
  }
  const mean = valuesTotal / onesTotal;
  const centred = values.map((y) => y - mean);
  const weights = solveUpper(factor, count, solveLower(factor, count, centred));
  let quadratic = 0;
  for (let i = 0; i < count; i++) quadratic += (centred[i] as number) * (weights[i] as number);
  const signalVariance = Math.max(quadratic / count, 1e-300);
  let logDeterminant = 0;
  for (let i = 0; i < count; i++) logDeterminant += Math.log(factor[i * count + i] as number);
  return {
    inputs,
    count,
    dimension,
    lengthScale,
    noise,
    factor,
    weights,
    mean,
    signalVariance,
    logLikelihood: -0.5 * count * Math.log(signalVariance) - logDeterminant,
  };
}
