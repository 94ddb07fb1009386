// The Parzen estimator of the TPE (Bergstra et al. 2011; Optuna's `_ParzenEstimator`): a weighted
// mixture of product kernels, one per observation plus a broad prior, over a group of coordinates.
// Numeric coordinates get normals truncated to their interval, categorical ones smoothed choices.
// Everything is laid out in typed arrays so that scoring candidates allocates nothing.
import type { Coordinate } from './coordinates.js';
import { floats, integers, type ParzenBuffers } from './parzen-buffers.js';
import { fillNumericKernels } from './parzen-kernels.js';

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
  /**
   * means x inverseWidths, so that with shared widths the exponent is -(x w - this)^2; laid out
   * by coordinate (scaledMeans[j * components + k]) for the scoring's one pass per coordinate.
   */
  scaledMeans: Float64Array;
  /**
   * True when every component but the prior has the same width on each numeric coordinate (the
   * multivariate widths): a point is then scaled once instead of once per component.
   */
  sharedWidths: boolean;
  /** Per component: log weight + log of its numeric kernels' normalizers (truncation included). */
  constants: Float64Array;
  choices: Int32Array;
  logObserved: Float64Array;
  logOther: Float64Array;
}

/**
 * The weights of `count` observations (oldest first) into `into`: 1 for the last 25, a ramp
 * from 1/n for older ones (older trials describe the search less well), as Optuna's default
 * does. One loop into a typed array: a function called per weight returned it boxed.
 */
export function fillObservationWeights(into: Float64Array, count: number): void {
  const ramp = count - 25;
  for (let i = 0; i < count; i++) {
    into[i] = i >= ramp ? 1 : 1 / count + ((1 - 1 / count) * i) / Math.max(1, ramp - 1);
  }
}

/** The weights of {@link fillObservationWeights} as an array. */
export function observationWeights(count: number): number[] {
  const weights = new Float64Array(count);
  fillObservationWeights(weights, count);
  return Array.from(weights);
}

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
  if (weights === undefined) fillObservationWeights(constants, n);
  else for (let k = 0; k < n; k++) constants[k] = weights[k] as number;
  for (let k = 0; k < n; k++) total += constants[k] as number;
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
  const scaledMeans = floats(buffers, 'scaledMeans', components * N);
  fillNumericKernels(points, numeric, low, high, bandwidth, dimensions.length, buffers, {
    means,
    sigmas,
    inverseWidths,
    scaledMeans,
    constants,
  });
  const counts = integers(buffers, 'counts', C);
  const choices = integers(buffers, 'choices', components * C);
  const logObserved = floats(buffers, 'logObserved', C);
  const logOther = floats(buffers, 'logOther', C);
  fillCategoricalKernels(points, categorical, coordinates, priorWeight / components, {
    counts,
    choices,
    logObserved,
    logOther,
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
    scaledMeans,
    sharedWidths: bandwidth === 'multivariate',
    constants,
    choices,
    logObserved,
    logOther,
  };
}

// The categorical kernels of `points` on the coordinates `categorical` (the prior, choice -1,
// last): each observation's choice, and the two log probabilities of a kernel. A plain loop
// rather than a callback: a callback's loop ran unoptimized, each decoded double boxed.
function fillCategoricalKernels(
  points: readonly (readonly number[])[],
  categorical: readonly number[],
  coordinates: readonly Coordinate[],
  share: number,
  into: Pick<ParzenEstimator, 'counts' | 'choices' | 'logObserved' | 'logOther'>,
): void {
  const { counts, choices, logObserved, logOther } = into;
  const n = points.length;
  const C = categorical.length;
  for (let j = 0; j < C; j++) {
    const d = categorical[j] as number;
    const coordinate = coordinates[d] as Extract<Coordinate, { kind: 'categorical' }>;
    const count = coordinate.count;
    counts[j] = count;
    logObserved[j] = Math.log((share + 1) / (share * count + 1));
    logOther[j] = Math.log(share / (share * count + 1));
    for (let k = 0; k < n; k++) {
      choices[k * C + j] = coordinate.decode((points[k] as readonly number[])[d] as number);
    }
    choices[n * C + j] = -1;
  }
}
