// The numeric kernels of a Parzen estimator: truncated normals, one per point plus the prior,
// with their widths clipped to [range / min(100, n + 2), range] and their log normalizers
// (truncation mass included) folded into each component's constant.
import {
  multiplyMass,
  multiplySharedTruncationMasses,
  multiplyTruncationMasses,
} from './normal-cdf.js';
import { floats, type ParzenBuffers } from './parzen-buffers.js';
import type { Bandwidth, ParzenEstimator } from './parzen.js';
import { neighbourGaps, sharedWidth } from './parzen-widths.js';

/**
 * Means, widths and normalizers of the numeric kernels of `points` on the coordinates `numeric`
 * (the last component is the prior: centred, sigma = range), into the estimator's arrays;
 * `constants` already holds each component's log weight.
 */
export function fillNumericKernels(
  points: readonly (readonly number[])[],
  numeric: readonly number[],
  low: Float64Array,
  high: Float64Array,
  bandwidth: Bandwidth,
  groupSize: number,
  buffers: ParzenBuffers | undefined,
  into: Pick<ParzenEstimator, 'means' | 'sigmas' | 'inverseWidths' | 'scaledMeans' | 'constants'>,
): void {
  const { means, sigmas, inverseWidths, scaledMeans, constants } = into;
  const n = points.length;
  const N = numeric.length;
  const scott = Math.max(n, 1) ** (-1 / (groupSize + 4));
  const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);
  // The truncation masses of a component's kernels, multiplied, then one log per component.
  const masses = floats(buffers, 'masses', n + 1).fill(1);
  const values = floats(buffers, 'values', n);
  const columnMeans = floats(buffers, 'columnMeans', n + 1);
  const inverseSigmas = floats(buffers, 'inverseSigmas', n + 1);
  for (let j = 0; j < N; j++) {
    const d = numeric[j] as number;
    const lo = low[j] as number;
    const width = (high[j] as number) - lo;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[k] = (points[k] as readonly number[])[d] as number;
    const widths = bandwidth === 'univariate' ? neighbourGaps(values, lo, width) : undefined;
    const shared = widths === undefined ? sharedWidth(values, sum, scott, width) : 0;
    const minimum = width / Math.min(100, n + 2);
    if (widths === undefined) {
      const sigma = Math.min(width, Math.max(minimum, shared, Number.MIN_VALUE));
      fillSharedKernels(values, j, N, lo, width, sigma, halfLogTwoPi, masses, into);
      continue;
    }
    let lastSigma = NaN;
    let logSigma = 0;
    let inverseSigma = 0;
    let inverseWidth = 0;
    for (let k = 0; k <= n; k++) {
      const prior = k === n;
      const mean = prior ? lo + width / 2 : (values[k] as number);
      const raw = prior ? width : widths === undefined ? shared : (widths[k] as number);
      const sigma = prior ? width : Math.min(width, Math.max(minimum, raw, Number.MIN_VALUE));
      if (sigma !== lastSigma) {
        lastSigma = sigma;
        logSigma = Math.log(sigma) + halfLogTwoPi;
        inverseSigma = 1 / sigma;
        inverseWidth = inverseSigma * Math.SQRT1_2;
      }
      const at = k * N + j;
      means[at] = mean;
      sigmas[at] = sigma;
      inverseWidths[at] = inverseWidth;
      scaledMeans[j * (n + 1) + k] = mean * inverseWidth;
      columnMeans[k] = mean;
      inverseSigmas[k] = inverseSigma;
      constants[k] = (constants[k] as number) - logSigma;
    }
    multiplyTruncationMasses(columnMeans, inverseSigmas, lo, lo + width, masses, n + 1);
  }
  if (N === 0) return;
  for (let k = 0; k <= n; k++)
    constants[k] = (constants[k] as number) - Math.log(masses[k] as number);
}

// The kernels of one coordinate j when every component but the prior has the same sigma (the
// multivariate widths): the loop of fillNumericKernels without its per-component width, and the
// same doubles.
function fillSharedKernels(
  values: Float64Array,
  j: number,
  N: number,
  lo: number,
  width: number,
  sigma: number,
  halfLogTwoPi: number,
  masses: Float64Array,
  into: Pick<ParzenEstimator, 'means' | 'sigmas' | 'inverseWidths' | 'scaledMeans' | 'constants'>,
): void {
  const { means, sigmas, inverseWidths, scaledMeans, constants } = into;
  const n = values.length;
  const logSigma = Math.log(sigma) + halfLogTwoPi;
  const inverseSigma = 1 / sigma;
  const inverseWidth = inverseSigma * Math.SQRT1_2;
  const column = j * (n + 1);
  for (let k = 0, at = j; k < n; k++, at += N) {
    const mean = values[k] as number;
    means[at] = mean;
    sigmas[at] = sigma;
    inverseWidths[at] = inverseWidth;
    scaledMeans[column + k] = mean * inverseWidth;
    constants[k] = (constants[k] as number) - logSigma;
  }
  multiplySharedTruncationMasses(values, inverseSigma, lo, lo + width, masses, n);
  // The prior: centred, sigma = range.
  const mean = lo + width / 2;
  const priorLogSigma = Math.log(width) + halfLogTwoPi;
  const priorInverseSigma = 1 / width;
  const priorInverseWidth = priorInverseSigma * Math.SQRT1_2;
  const at = n * N + j;
  means[at] = mean;
  sigmas[at] = width;
  inverseWidths[at] = priorInverseWidth;
  scaledMeans[column + n] = mean * priorInverseWidth;
  constants[n] = (constants[n] as number) - priorLogSigma;
  multiplyMass(masses, n, mean, priorInverseSigma, lo, lo + width);
}
