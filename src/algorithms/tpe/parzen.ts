// Parzen estimators of the tree-structured Parzen estimator (Bergstra, Bardenet, Bengio & Kegl
// 2011): a mixture of normals truncated to [low, high] for numeric coordinates, smoothed
// frequencies for categorical ones; each includes a broad prior component.
import type { Rng } from '../../core/rng.js';

/** A numeric density: a truncated normal mixture. */
export interface NumericParzen {
  means: number[];
  sigmas: number[];
  weights: number[];
  low: number;
  high: number;
}

/** A categorical density over `count` values. */
export interface CategoricalParzen {
  probabilities: number[];
}

/**
 * Observation weights: equal for the last 25, linearly smaller for older ones (older trials
 * describe the search less well), as Optuna's default does.
 */
export function observationWeights(count: number): number[] {
  if (count <= 25) return new Array<number>(count).fill(1);
  const ramp = count - 25;
  return Array.from({ length: count }, (_, i) =>
    i < ramp ? 1 / count + ((1 - 1 / count) * i) / ramp : 1,
  );
}

/**
 * Builds the mixture over `points` (with their weights) plus a prior centred on the domain.
 * Bandwidths are the larger gap to the neighbouring points (endpoints use the bounds), clipped
 * to [width / min(100, n + 1), width] (the "magic clip" of Bergstra et al.).
 */
export function numericParzen(
  points: readonly number[],
  weights: readonly number[],
  low: number,
  high: number,
  priorWeight: number,
): NumericParzen {
  const width = high - low;
  const entries = points.map((mean, i) => ({ mean, weight: weights[i] as number, prior: false }));
  entries.push({ mean: low + width / 2, weight: priorWeight, prior: true });
  entries.sort((a, b) => a.mean - b.mean);
  const n = entries.length;
  const minimum = width / Math.min(100, n + 1);
  const sigmas = entries.map((entry, i) => {
    if (entry.prior) return width;
    const left = entry.mean - (i > 0 ? (entries[i - 1] as { mean: number }).mean : low);
    const right = (i < n - 1 ? (entries[i + 1] as { mean: number }).mean : high) - entry.mean;
    return Math.min(width, Math.max(minimum, left, right));
  });
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  return {
    means: entries.map((e) => e.mean),
    sigmas,
    weights: entries.map((e) => e.weight / total),
    low,
    high,
  };
}

/** A draw from the truncated mixture. */
export function sampleNumeric(density: NumericParzen, rng: Rng): number {
  const k = pickIndex(density.weights, rng);
  const mean = density.means[k] as number;
  const sigma = density.sigmas[k] as number;
  for (let attempt = 0; attempt < 100; attempt++) {
    const x = rng.normal(mean, sigma);
    if (x >= density.low && x <= density.high) return x;
  }
  return Math.min(density.high, Math.max(density.low, mean));
}

/** log density of the truncated mixture at x. */
export function logNumericDensity(density: NumericParzen, x: number): number {
  let sum = 0;
  for (let k = 0; k < density.means.length; k++) {
    const mean = density.means[k] as number;
    const sigma = density.sigmas[k] as number;
    const mass = normalCdf((density.high - mean) / sigma) - normalCdf((density.low - mean) / sigma);
    const z = (x - mean) / sigma;
    sum +=
      ((density.weights[k] as number) * Math.exp(-0.5 * z * z)) /
      (sigma * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
  }
  return Math.log(Math.max(sum, 1e-300));
}

/** Smoothed frequencies: weighted counts plus the prior weight spread over every value. */
export function categoricalParzen(
  indices: readonly number[],
  weights: readonly number[],
  count: number,
  priorWeight: number,
): CategoricalParzen {
  const counts = new Array<number>(count).fill(priorWeight / count);
  indices.forEach((index, i) => {
    counts[index] = (counts[index] as number) + (weights[i] as number);
  });
  const total = counts.reduce((a, b) => a + b, 0);
  return { probabilities: counts.map((c) => c / total) };
}

/** A draw (a value index) from the categorical density. */
export function sampleCategorical(density: CategoricalParzen, rng: Rng): number {
  return pickIndex(density.probabilities, rng);
}

function pickIndex(weights: readonly number[], rng: Rng): number {
  let u = rng.next();
  for (let k = 0; k < weights.length; k++) {
    u -= weights[k] as number;
    if (u < 0) return k;
  }
  return weights.length - 1;
}

// Standard normal CDF through erf (Abramowitz & Stegun 7.1.26, error below 1.5e-7).
function normalCdf(z: number): number {
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
