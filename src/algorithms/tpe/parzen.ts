// The Parzen estimator of the TPE (Bergstra et al. 2011; Optuna's `_ParzenEstimator`): a weighted
// mixture of product kernels, one per observation plus a broad prior, over a group of coordinates.
// Numeric coordinates get normals truncated to their interval, categorical ones smoothed choices.
// Everything is laid out in typed arrays so that scoring candidates allocates nothing.
import type { Coordinate } from './coordinates.js';
import { normalCdf } from './normal-cdf.js';

/** How kernel widths are chosen: jointly from each coordinate's spread, or from neighbour gaps. */
export type Bandwidth = 'multivariate' | 'univariate';

/**
 * A mixture over the coordinates `numeric` and `categorical`, with `components` components (one
 * per point, the prior last). Component k's kernel on the j-th numeric coordinate has
 * means[k * N + j] and sigmas[k * N + j]; on the j-th categorical coordinate it puts
 * exp(logObserved[j]) on choices[k * C + j] and exp(logOther[j]) on every other choice (the prior,
 * choice -1, is uniform).
 */
export interface ParzenEstimator {
  components: number;
  numeric: number[];
  categorical: number[];
  low: Float64Array;
  high: Float64Array;
  counts: Int32Array;
  cumulativeWeights: Float64Array;
  means: Float64Array;
  sigmas: Float64Array;
  /** 1 / (sigma sqrt 2), so that a kernel's exponent is -((x - mean) x this)^2. */
  inverseWidths: Float64Array;
  /** Per component: log weight + log of its numeric kernels' normalizers (truncation included). */
  constants: Float64Array;
  choices: Int32Array;
  logObserved: Float64Array;
  logOther: Float64Array;
}

/**
 * Weight of observation `i` of `count` (oldest first): 1 for the last 25, a ramp from 1/n for
 * older ones (older trials describe the search less well), as Optuna's default does.
 */
export function observationWeight(i: number, count: number): number {
  const ramp = count - 25;
  if (i >= ramp) return 1;
  return 1 / count + ((1 - 1 / count) * i) / Math.max(1, ramp - 1);
}

/** All the weights of {@link observationWeight}. */
export function observationWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => observationWeight(i, count));
}

/**
 * Multivariate widths: sigma_j = this x n^(-1/(d+4)) x the points' standard deviation on
 * coordinate j (Scott's rule scaled, as BOHB widens its estimator's), so that kernels narrow as
 * the points gather; 0.2 x range instead of the deviation below two points (Optuna's rule).
 * Optuna's multivariate rule, 0.2 n^(-1/(d+4)) x range whatever the spread, never narrows below
 * 0.16 x range with 25 good points in 10 dimensions: kiln's TPE then lost to Optuna's univariate
 * one on 6 of the 8 shifted functions at 1,000 trials. Factors 0.6, 1.5, 2 and 2.5 all beat it
 * on 8 of 8 (2 seeds); 1.5 had the lowest median (bench/tpe-continuous.ts).
 */
export const BANDWIDTH_FACTOR = 1.5;

/**
 * Builds the estimator of `points` (embedding vectors, oldest first) over `dimensions`: the
 * multivariate or univariate (the larger gap to the sorted neighbours, the prior's centre counted
 * among them, as Optuna's) widths, clipped to [range / min(100, n + 2), range] (the "magic
 * clip"); the prior kernel is centred, sigma = range. `weights` (one per point) replaces the
 * default observation weights (the multi-objective TPE weighs its good points by their
 * hypervolume contributions). With `buffers`, the estimator's arrays are views of them (grown
 * when too small): the estimator is then valid until the next build with the same buffers.
 */
export function buildParzenEstimator(
  points: readonly (readonly number[])[],
  dimensions: readonly number[],
  coordinates: readonly Coordinate[],
  bandwidth: Bandwidth,
  priorWeight: number,
  weights?: readonly number[],
  buffers?: ParzenBuffers,
): ParzenEstimator {
  const n = points.length;
  const components = n + 1;
  const numeric: number[] = [];
  const categorical: number[] = [];
  for (const d of dimensions) {
    ((coordinates[d] as Coordinate).kind === 'numeric' ? numeric : categorical).push(d);
  }
  const N = numeric.length;
  const C = categorical.length;
  const low = floats(buffers, 'low', N);
  const high = floats(buffers, 'high', N);
  numeric.forEach((d, j) => {
    const coordinate = coordinates[d] as { low: number; high: number };
    low[j] = coordinate.low;
    high[j] = coordinate.high;
  });
  const constants = floats(buffers, 'constants', components);
  const cumulativeWeights = floats(buffers, 'cumulativeWeights', components);
  let total = priorWeight;
  for (let k = 0; k < n; k++) {
    constants[k] = weights === undefined ? observationWeight(k, n) : (weights[k] as number);
    total += constants[k] as number;
  }
  constants[n] = priorWeight;
  let running = 0;
  for (let k = 0; k < components; k++) {
    const share = (constants[k] as number) / total;
    cumulativeWeights[k] = running += share;
    constants[k] = Math.log(share);
  }
  const means = floats(buffers, 'means', components * N);
  const sigmas = floats(buffers, 'sigmas', components * N);
  const inverseWidths = floats(buffers, 'inverseWidths', components * N);
  fillNumericKernels(points, numeric, low, high, bandwidth, dimensions.length, buffers, {
    means,
    sigmas,
    inverseWidths,
    constants,
  });
  const counts = integers(buffers, 'counts', C);
  const choices = integers(buffers, 'choices', components * C);
  const logObserved = floats(buffers, 'logObserved', C);
  const logOther = floats(buffers, 'logOther', C);
  const share = priorWeight / components;
  categorical.forEach((d, j) => {
    const coordinate = coordinates[d] as Extract<Coordinate, { kind: 'categorical' }>;
    const count = coordinate.count;
    counts[j] = count;
    logObserved[j] = Math.log((share + 1) / (share * count + 1));
    logOther[j] = Math.log(share / (share * count + 1));
    for (let k = 0; k < n; k++) choices[k * C + j] = coordinate.decode(points[k]?.[d] as number);
    choices[n * C + j] = -1;
  });
  return {
    components,
    numeric,
    categorical,
    low,
    high,
    counts,
    cumulativeWeights,
    means,
    sigmas,
    inverseWidths,
    constants,
    choices,
    logObserved,
    logOther,
  };
}

/** Storage that successive estimators reuse, by array name (see {@link buildParzenEstimator}). */
export type ParzenBuffers = Map<string, Float64Array | Int32Array>;

// A view of `length` elements of the named buffer, grown by half again when too small; a fresh
// array without buffers. Its contents are stale: every element is written by the caller.
function view<T extends Float64Array | Int32Array>(
  buffers: ParzenBuffers | undefined,
  name: string,
  length: number,
  create: (length: number) => T,
): T {
  if (buffers === undefined) return create(length);
  let buffer = buffers.get(name) as T | undefined;
  if (buffer === undefined || buffer.length < length) {
    buffer = create(Math.ceil(length * 1.5) + 16);
    buffers.set(name, buffer);
  }
  return buffer.subarray(0, length) as T;
}

const floats = (buffers: ParzenBuffers | undefined, name: string, length: number) =>
  view(buffers, name, length, (size) => new Float64Array(size));
const integers = (buffers: ParzenBuffers | undefined, name: string, length: number) =>
  view(buffers, name, length, (size) => new Int32Array(size));

// Means, widths and normalizers of the numeric kernels; the last component is the prior.
function fillNumericKernels(
  points: readonly (readonly number[])[],
  numeric: readonly number[],
  low: Float64Array,
  high: Float64Array,
  bandwidth: Bandwidth,
  groupSize: number,
  buffers: ParzenBuffers | undefined,
  into: Pick<ParzenEstimator, 'means' | 'sigmas' | 'inverseWidths' | 'constants'>,
): void {
  const { means, sigmas, inverseWidths, constants } = into;
  const n = points.length;
  const N = numeric.length;
  const scott = Math.max(n, 1) ** (-1 / (groupSize + 4));
  const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);
  // The truncation masses of a component's kernels, multiplied, then one log per component.
  const masses = floats(buffers, 'masses', n + 1).fill(1);
  const values = floats(buffers, 'values', n);
  for (let j = 0; j < N; j++) {
    const d = numeric[j] as number;
    const lo = low[j] as number;
    const width = (high[j] as number) - lo;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[k] = (points[k] as readonly number[])[d] as number;
    const widths = bandwidth === 'univariate' ? neighbourGaps(values, lo, width) : undefined;
    const shared = widths === undefined ? sharedWidth(values, sum, scott, width) : 0;
    const minimum = width / Math.min(100, n + 2);
    let lastSigma = NaN;
    let logSigma = 0;
    let inverseSigma = 0;
    for (let k = 0; k <= n; k++) {
      const prior = k === n;
      const mean = prior ? lo + width / 2 : (values[k] as number);
      const raw = prior ? width : widths === undefined ? shared : (widths[k] as number);
      const sigma = prior ? width : Math.min(width, Math.max(minimum, raw, Number.MIN_VALUE));
      if (sigma !== lastSigma) {
        lastSigma = sigma;
        logSigma = Math.log(sigma) + halfLogTwoPi;
        inverseSigma = 1 / sigma;
      }
      const at = k * N + j;
      means[at] = mean;
      sigmas[at] = sigma;
      inverseWidths[at] = inverseSigma * Math.SQRT1_2;
      const mass =
        normalCdf((lo + width - mean) * inverseSigma) - normalCdf((lo - mean) * inverseSigma);
      masses[k] = (masses[k] as number) * (mass > 1e-12 ? mass : 1e-12);
      constants[k] = (constants[k] as number) - logSigma;
    }
  }
  if (N === 0) return;
  for (let k = 0; k <= n; k++)
    constants[k] = (constants[k] as number) - Math.log(masses[k] as number);
}

// The multivariate width of one coordinate (see BANDWIDTH_FACTOR).
function sharedWidth(values: Float64Array, sum: number, scott: number, width: number): number {
  const n = values.length;
  if (n < 2) return 0.2 * scott * width;
  const mean = sum / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += ((values[k] as number) - mean) ** 2;
  return BANDWIDTH_FACTOR * scott * Math.sqrt(squares / (n - 1));
}

// Optuna's univariate widths: the larger gap to the sorted neighbours (the bounds at the ends),
// the prior's centre counted as a neighbour; the outermost points take their inner gap.
function neighbourGaps(values: Float64Array, low: number, width: number): Float64Array {
  const n = values.length;
  const withCentre = Float64Array.from({ length: n + 1 }, (_, i) =>
    i < n ? (values[i] as number) : low + width / 2,
  );
  const order = Array.from({ length: n + 1 }, (_, i) => i).sort(
    (a, b) => (withCentre[a] as number) - (withCentre[b] as number),
  );
  const sorted = [low, ...order.map((i) => withCentre[i] as number), low + width];
  const last = order.length - 1;
  const widths = new Float64Array(n + 1);
  order.forEach((i, r) => {
    const below = (sorted[r + 1] as number) - (sorted[r] as number);
    const above = (sorted[r + 2] as number) - (sorted[r + 1] as number);
    widths[i] =
      last < 1
        ? Math.max(below, above)
        : r === 0
          ? above
          : r === last
            ? below
            : Math.max(below, above);
  });
  return widths.subarray(0, n);
}
