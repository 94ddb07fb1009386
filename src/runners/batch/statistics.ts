// Statistics of a batch: quantiles of final values, success rate, and the expected running time
// (ERT) to a target as COCO defines it (Auger & Hansen 2005; Hansen et al. 2021, "COCO: a
// platform for comparing continuous optimizers in a black-box setting").

/**
 * The q-quantile (0 <= q <= 1) of `sorted` (ascending), interpolating linearly between order
 * statistics (Hyndman & Fan 1996 type 7, NumPy's default). NaN for an empty list.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  const weight = position - below;
  return weight === 0 || low === high ? low : low + weight * (high - low);
}

/** Ascending copy of the finite-or-infinite (non-NaN) values. */
export function sortedValues(values: Iterable<number>): Float64Array {
  const kept = [...values].filter((v) => !Number.isNaN(v));
  return Float64Array.from(kept).sort();
}

/** Median, quartiles and extremes of values to minimize. */
export interface Spread {
  median: number;
  q1: number;
  q3: number;
  /** Q3 - Q1. */
  iqr: number;
  min: number;
  max: number;
}

/** The spread of `values` (NaN entries ignored); every field NaN when none is left. */
export function spread(values: Iterable<number>): Spread {
  const sorted = sortedValues(values);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return {
    median: quantile(sorted, 0.5),
    q1,
    q3,
    iqr: q3 - q1,
    min: sorted.length === 0 ? NaN : (sorted[0] as number),
    max: sorted.length === 0 ? NaN : (sorted[sorted.length - 1] as number),
  };
}

/** How one run went with respect to a target. */
export interface TargetRun {
  /** Evaluations the run spent in all. */
  evaluations: number;
  /** The evaluation at which it first reached the target; null when it never did. */
  hitEvaluations: number | null;
}

/** Fraction of the runs that reached the target; NaN without runs. */
export function successRate(runs: readonly TargetRun[]): number {
  if (runs.length === 0) return NaN;
  return runs.filter((r) => r.hitEvaluations !== null).length / runs.length;
}

/**
 * Expected running time to the target: the evaluations spent by all runs until they reached
 * the target (successful runs) or until they ended (unsuccessful ones), divided by the number
 * of successful runs. Infinity when no run succeeded; NaN without runs.
 */
export function expectedRunningTime(runs: readonly TargetRun[]): number {
  if (runs.length === 0) return NaN;
  let spent = 0;
  let successes = 0;
  for (const run of runs) {
    if (run.hitEvaluations !== null) {
      successes++;
      spent += run.hitEvaluations;
    } else spent += run.evaluations;
  }
  return successes === 0 ? Infinity : spent / successes;
}

/** Mean of the non-NaN values; NaN when there are none. */
export function mean(values: Iterable<number>): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}
