// Densities on a grid for PED-ANOVA (Watanabe et al., IJCAI 2023): a Parzen estimator of a
// numeric parameter with Scott's bandwidth, discretized onto evenly spaced steps, or the
// smoothed frequencies of a categorical parameter; both mixed with a uniform prior of weight 1.

/** Steps of the grid a numeric parameter is discretized onto. */
export const GRID_STEPS = 50;

// Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7).
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  return a + ((sorted[high] as number) - a) * (position - low);
}

/**
 * Scott's rule bandwidth, 1.059 min(sd, IQR / 1.34) n^(-1/5), in grid steps, at least half a step
 * (so that equal values still spread over their own cell).
 */
export function scottBandwidth(points: readonly number[]): number {
  const n = points.length;
  if (n < 2) return Math.max(0.5, GRID_STEPS / 4);
  const mean = points.reduce((s, p) => s + p, 0) / n;
  const sd = Math.sqrt(points.reduce((s, p) => s + (p - mean) ** 2, 0) / (n - 1));
  const sorted = [...points].sort((a, b) => a - b);
  const iqr = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  return Math.max(0.5, 1.059 * spread * Math.pow(n, -0.2));
}

/**
 * The probability of each of `steps` grid cells under a mixture of truncated normal kernels at
 * `points` (grid coordinates in [0, steps - 1], rounded to the nearest step as PED-ANOVA does)
 * and a uniform prior, each of weight 1. Kernels are computed once per occupied step.
 */
export function numericGridDensity(points: readonly number[], steps = GRID_STEPS): Float64Array {
  const mass = new Float64Array(steps).fill(1 / steps);
  const rounded = points.map((p) => Math.min(steps - 1, Math.max(0, Math.round(p))));
  const sigma = scottBandwidth(rounded);
  const counts = new Float64Array(steps);
  for (const centre of rounded) counts[centre] = (counts[centre] as number) + 1;
  const lowEdge = -0.5;
  const highEdge = steps - 0.5;
  for (let centre = 0; centre < steps; centre++) {
    const count = counts[centre] as number;
    if (count === 0) continue;
    const below = normalCdf((lowEdge - centre) / sigma);
    const total = normalCdf((highEdge - centre) / sigma) - below;
    let previous = below;
    for (let i = 0; i < steps; i++) {
      const next = normalCdf((i + 0.5 - centre) / sigma);
      mass[i] = (mass[i] as number) + (count * (next - previous)) / total;
      previous = next;
    }
  }
  const weight = points.length + 1;
  for (let i = 0; i < steps; i++) mass[i] = (mass[i] as number) / weight;
  return mass;
}

/** The probability of each of `choices` categories: counts plus a uniform prior of weight 1. */
export function categoricalGridDensity(indices: readonly number[], choices: number): Float64Array {
  const mass = new Float64Array(choices).fill(1 / choices);
  for (const index of indices) mass[index] = (mass[index] as number) + 1;
  const weight = indices.length + 1;
  for (let i = 0; i < choices; i++) mass[i] = (mass[i] as number) / weight;
  return mass;
}
