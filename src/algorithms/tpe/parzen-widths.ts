// The widths of a Parzen estimator's numeric kernels: jointly from each coordinate's spread
// (multivariate), or from the gaps to the sorted neighbours (univariate, Optuna's rule).

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

/** The multivariate width of one coordinate over `values` (see BANDWIDTH_FACTOR). */
export function sharedWidth(
  values: Float64Array,
  sum: number,
  scott: number,
  width: number,
): number {
  const n = values.length;
  if (n < 2) return 0.2 * scott * width;
  const mean = sum / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += ((values[k] as number) - mean) ** 2;
  return BANDWIDTH_FACTOR * scott * Math.sqrt(squares / (n - 1));
}

// Optuna's univariate widths: the larger gap to the sorted neighbours (the bounds at the ends),
// the prior's centre counted as a neighbour; the outermost points take their inner gap.
export function neighbourGaps(values: Float64Array, low: number, width: number): Float64Array {
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
