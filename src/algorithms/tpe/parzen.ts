// The Parzen estimator of the TPE (Bergstra et al. 2011; Optuna's `_ParzenEstimator`): a weighted
// mixture of product kernels, one per observation plus a broad prior, over a group of coordinates.
// Numeric coordinates get normals truncated to their interval, categorical ones smoothed choices.
import type { Rng } from '../../core/rng.js';
import type { Coordinate } from './coordinates.js';

/** How kernel widths are chosen. */
export type Bandwidth = 'multivariate' | 'univariate';

/**
 * A mixture over the coordinates `dimensions`: component k has weight exp(logWeights[k]); its
 * numeric kernels have means[k * N + j] and sigmas[k * N + j] for the j-th numeric coordinate,
 * its categorical kernels probabilities[j][k * count + c].
 */
export interface ParzenEstimator {
  numeric: number[];
  categorical: number[];
  low: number[];
  high: number[];
  counts: number[];
  logWeights: Float64Array;
  cumulativeWeights: Float64Array;
  means: Float64Array;
  sigmas: Float64Array;
  /** 1 / (sigma sqrt 2), so that a kernel's exponent is -((x - mean) x this)^2. */
  inverseWidths: Float64Array;
  /** Per component: the log of its numeric kernels' normalizers (truncation mass included). */
  logNormalizers: Float64Array;
  probabilities: Float64Array[];
  logProbabilities: Float64Array[];
  /** Scratch space of {@link logParzenDensity}: one term per component. */
  terms: Float64Array;
}

/**
 * Observation weights: equal for the last 25, a ramp from 1/n for older ones (older trials
 * describe the search less well), as Optuna's default does.
 */
export function observationWeights(count: number): number[] {
  if (count <= 25) return new Array<number>(count).fill(1);
  const ramp = count - 25;
  return Array.from({ length: count }, (_, i) =>
    i < ramp ? 1 / count + ((1 - 1 / count) * i) / Math.max(1, ramp - 1) : 1,
  );
}

/**
 * Builds the estimator of `points` (embedding vectors, oldest first) over `dimensions`.
 * Multivariate widths follow Optuna: sigma = 0.2 n^(-1/(d+4)) x range for every kernel;
 * univariate ones are the larger gap to the sorted neighbours, the prior's centre counted among
 * them as Optuna does. Both are clipped to
 * [range / min(100, n + 2), range] (the "magic clip"); the prior kernel is centred, sigma = range.
 * `weights` (one per point) replaces the default observation weights (the multi-objective TPE
 * weighs its good points by their hypervolume contributions).
 */
export function buildParzenEstimator(
  points: readonly (readonly number[])[],
  dimensions: readonly number[],
  coordinates: readonly Coordinate[],
  bandwidth: Bandwidth,
  priorWeight: number,
  weights?: readonly number[],
): ParzenEstimator {
  const n = points.length;
  const components = n + 1;
  const numeric: number[] = [];
  const categorical: number[] = [];
  for (const d of dimensions) {
    ((coordinates[d] as Coordinate).kind === 'numeric' ? numeric : categorical).push(d);
  }
  const low = numeric.map((d) => (coordinates[d] as { low: number }).low);
  const high = numeric.map((d) => (coordinates[d] as { high: number }).high);
  const counts = categorical.map((d) => (coordinates[d] as { count: number }).count);
  const raw = [...(weights ?? observationWeights(n)), priorWeight];
  const total = raw.reduce((a, b) => a + b, 0);
  const logWeights = Float64Array.from(raw, (w) => Math.log(w / total));
  const cumulativeWeights = new Float64Array(components);
  let running = 0;
  raw.forEach((w, k) => (cumulativeWeights[k] = running += w / total));
  const N = numeric.length;
  const means = new Float64Array(components * N);
  const sigmas = new Float64Array(components * N);
  const inverseWidths = new Float64Array(components * N);
  const logNormalizers = new Float64Array(components);
  const scott = Math.max(n, 1) ** (-1 / (dimensions.length + 4));
  const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);
  // The truncation masses of a component's kernels, multiplied, then one log per component.
  const masses = new Float64Array(components).fill(1);
  const values = new Float64Array(n);
  for (let j = 0; j < N; j++) {
    const d = numeric[j] as number;
    const lo = low[j] as number;
    const width = (high[j] as number) - lo;
    for (let k = 0; k < n; k++) values[k] = (points[k] as readonly number[])[d] as number;
    // Univariate widths count the prior's centre as a neighbour, as Optuna's do.
    const widths =
      bandwidth === 'multivariate'
        ? undefined
        : neighbourGaps([...values, lo + width / 2], lo, lo + width).slice(0, n);
    const shared = 0.2 * scott * width;
    const minimum = width / Math.min(100, components + 1);
    let lastSigma = NaN;
    let logSigma = NaN;
    let inverseSigma = NaN;
    for (let k = 0; k < components; k++) {
      const prior = k === n;
      const mean = prior ? lo + width / 2 : (values[k] as number);
      const sigma = prior
        ? width
        : Math.min(
            width,
            Math.max(
              minimum,
              widths === undefined ? shared : (widths[k] as number),
              Number.MIN_VALUE,
            ),
          );
      if (sigma !== lastSigma) {
        lastSigma = sigma;
        logSigma = Math.log(sigma) + halfLogTwoPi;
        inverseSigma = 1 / sigma;
      }
      means[k * N + j] = mean;
      sigmas[k * N + j] = sigma;
      inverseWidths[k * N + j] = inverseSigma * Math.SQRT1_2;
      const mass =
        normalCdf((lo + width - mean) * inverseSigma) - normalCdf((lo - mean) * inverseSigma);
      masses[k] = (masses[k] as number) * (mass > 1e-12 ? mass : 1e-12);
      logNormalizers[k] = (logNormalizers[k] as number) - logSigma;
    }
  }
  for (let k = 0; k < components; k++) {
    logNormalizers[k] = (logNormalizers[k] as number) - Math.log(masses[k] as number);
  }
  const probabilities = categorical.map((d, j) => {
    const count = counts[j] as number;
    const coordinate = coordinates[d] as Extract<Coordinate, { kind: 'categorical' }>;
    const table = new Float64Array(components * count);
    for (let k = 0; k < components; k++) {
      if (k === n) {
        table.fill(1 / count, k * count, (k + 1) * count);
        continue;
      }
      const share = priorWeight / components;
      const observed = coordinate.decode(points[k]?.[d] as number);
      for (let c = 0; c < count; c++) {
        table[k * count + c] = (share + (c === observed ? 1 : 0)) / (share * count + 1);
      }
    }
    return table;
  });
  return {
    numeric,
    categorical,
    low,
    high,
    counts,
    logWeights,
    cumulativeWeights,
    means,
    sigmas,
    inverseWidths,
    logNormalizers,
    probabilities,
    logProbabilities: probabilities.map((table) => table.map(Math.log)),
    terms: new Float64Array(components),
  };
}

/** Draws one point: a component by weight, then each coordinate from that component's kernel. */
export function sampleParzen(estimator: ParzenEstimator, rng: Rng, into: number[]): void {
  const u = rng.next();
  const cumulative = estimator.cumulativeWeights;
  let k = 0;
  while (k < cumulative.length - 1 && u >= (cumulative[k] as number)) k++;
  const N = estimator.numeric.length;
  estimator.numeric.forEach((d, j) => {
    const lo = estimator.low[j] as number;
    const hi = estimator.high[j] as number;
    const mean = estimator.means[k * N + j] as number;
    const sigma = estimator.sigmas[k * N + j] as number;
    let x = Math.min(hi, Math.max(lo, mean));
    for (let attempt = 0; attempt < 100; attempt++) {
      const draw = rng.normal(mean, sigma);
      if (draw >= lo && draw <= hi) {
        x = draw;
        break;
      }
    }
    into[d] = x;
  });
  estimator.categorical.forEach((d, j) => {
    const count = estimator.counts[j] as number;
    const table = estimator.probabilities[j] as Float64Array;
    let v = rng.next();
    let c = 0;
    for (; c < count - 1; c++) {
      v -= table[k * count + c] as number;
      if (v < 0) break;
    }
    into[d] = c;
  });
}

/**
 * log density of the mixture at `point` (numeric coordinates as values, categorical ones as
 * choice indices), by log-sum-exp over the components.
 */
export function logParzenDensity(estimator: ParzenEstimator, point: readonly number[]): number {
  const { numeric, categorical, means, inverseWidths, logWeights, logNormalizers, counts, terms } =
    estimator;
  const N = numeric.length;
  const components = logWeights.length;
  const x = numeric.map((d) => point[d] as number);
  const choices = categorical.map((d) => point[d] as number);
  let largest = -Infinity;
  for (let k = 0, base = 0; k < components; k++, base += N) {
    let log = (logWeights[k] as number) + (logNormalizers[k] as number);
    for (let j = 0; j < N; j++) {
      const z =
        ((x[j] as number) - (means[base + j] as number)) * (inverseWidths[base + j] as number);
      log -= z * z;
    }
    for (let j = 0; j < choices.length; j++) {
      const table = estimator.logProbabilities[j] as Float64Array;
      log += table[k * (counts[j] as number) + (choices[j] as number)] as number;
    }
    terms[k] = log;
    if (log > largest) largest = log;
  }
  if (largest === -Infinity) return -Infinity;
  // Terms below e^-50 of the largest cannot change the sum of up to 10^5 terms in double
  // precision: their exponentials are skipped.
  const floor = largest - 50;
  let sum = 0;
  for (let k = 0; k < components; k++) {
    const term = terms[k] as number;
    if (term > floor) sum += Math.exp(term - largest);
  }
  return largest + Math.log(sum);
}

// Optuna's univariate widths: the larger gap to the sorted neighbours (the bounds at the ends);
// the outermost points take their inner gap (endpoints not considered).
function neighbourGaps(values: ArrayLike<number>, low: number, high: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const sorted = [low, ...order.map((i) => values[i] as number), high];
  const gaps = order.map((_, r) =>
    Math.max(
      (sorted[r + 1] as number) - (sorted[r] as number),
      (sorted[r + 2] as number) - (sorted[r + 1] as number),
    ),
  );
  if (order.length >= 2) {
    gaps[0] = (sorted[2] as number) - (sorted[1] as number);
    gaps[order.length - 1] =
      (sorted[order.length] as number) - (sorted[order.length - 1] as number);
  }
  const widths = new Array<number>(values.length);
  order.forEach((i, r) => (widths[i] = gaps[r] as number));
  return widths;
}

// Standard normal CDF through erf (Abramowitz & Stegun 7.1.26, error below 1.5e-7).
function erfNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    t *
      (0.254829592 +
        t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

// The CDF tabulated on [-8, 8] every 1/1024 and interpolated linearly (interpolation error below
// h^2/8 x max |phi'| = 3e-8, under the formula's own): a table read instead of an exponential,
// for the thousands of truncated kernels an estimator normalizes.
const TABLE_STEPS_PER_UNIT = 1024;
const TABLE_LIMIT = 8;
const CDF_TABLE = Float64Array.from(
  { length: 2 * TABLE_LIMIT * TABLE_STEPS_PER_UNIT + 2 },
  (_, i) => erfNormalCdf(i / TABLE_STEPS_PER_UNIT - TABLE_LIMIT),
);

function normalCdf(z: number): number {
  if (!(z > -TABLE_LIMIT)) return z === z ? 0 : NaN;
  if (z >= TABLE_LIMIT) return 1;
  const position = (z + TABLE_LIMIT) * TABLE_STEPS_PER_UNIT;
  const index = Math.floor(position);
  const fraction = position - index;
  const below = CDF_TABLE[index] as number;
  return below + ((CDF_TABLE[index + 1] as number) - below) * fraction;
}
