// What CMA-ES's stop criteria remember of a run's generations (Hansen 2009, "Benchmarking a
// BI-population CMA-ES on the BBOB-2009 function testbed", section 2): the recent best values
// (TolHistFun), whether the best and the k-th best value were equal (EqualFunValues), and the
// best and median values over the last fifth of the run (Stagnation).
import type { CmaRun } from './distribution.js';

/** Generations of the recent-history criteria: 10 + ceil(30 n / lambda). */
export function recentWindow(dimension: number, populationSize: number): number {
  return 10 + Math.ceil((30 * dimension) / populationSize);
}

/** Generations the stagnation test looks back: the last 20%, at least 120 + 30 n / lambda, at most 20,000. */
export function stagnationWindow(run: CmaRun): number {
  const { dimension, populationSize } = run.constants;
  const least = 120 + Math.ceil((30 * dimension) / populationSize);
  return Math.min(20_000, Math.max(least, Math.ceil(0.2 * run.generation)));
}

/** Appends one generation: `values` (NaN already +Infinity) ranked by `order`. */
export function recordGeneration(
  run: CmaRun,
  values: Float64Array,
  order: readonly number[],
): void {
  const lambda = order.length;
  const best = values[order[0]!]!;
  const worst = values[order[lambda - 1]!]!;
  run.lastSpread = Number.isFinite(worst) ? worst - best : Infinity;
  const window = recentWindow(run.constants.dimension, lambda);
  run.recentBest.push(best);
  if (run.recentBest.length > window) run.recentBest.shift();
  // k = 1 + ceil(0.1 + lambda / 4), 1-based.
  const kth = values[order[Math.min(lambda - 1, Math.ceil(0.1 + lambda / 4))]!]!;
  run.equalBest.push(kth === best ? 1 : 0);
  if (run.equalBest.length > window) run.equalBest.shift();
  run.bestHistory.push(best);
  run.medianHistory.push(values[order[Math.floor(lambda / 2)]!]!);
  const keep = stagnationWindow(run);
  if (run.bestHistory.length > keep) {
    run.bestHistory.splice(0, run.bestHistory.length - keep);
    run.medianHistory.splice(0, run.medianHistory.length - keep);
  }
}

/**
 * Stagnation: over the stagnation window, the median of the most recent 30% of the best values
 * is no better than the median of the first 30%, and the same for the generations' medians.
 */
export function stagnated(run: CmaRun): boolean {
  const length = stagnationWindow(run);
  if (run.bestHistory.length < length) return false;
  return !improved(run.bestHistory, length) && !improved(run.medianHistory, length);
}

function improved(history: readonly number[], length: number): boolean {
  const start = history.length - length;
  const part = Math.max(1, Math.floor(0.3 * length));
  const first = medianOf(history, start, part);
  const last = medianOf(history, history.length - part, part);
  return last < first;
}

// Scratch of the medians: the stagnation test runs every few generations, without allocating.
let scratch = new Float64Array(64);

/** The median of values[start .. start + count), by selection (Hoare) on a scratch copy. */
export function medianOf(values: readonly number[], start: number, count: number): number {
  if (scratch.length < count) scratch = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) scratch[i] = values[start + i]!;
  const middle = count >> 1;
  const upper = select(scratch, count, middle);
  if (count % 2 === 1) return upper;
  // The largest of the lower half, which selection left below the middle.
  let lower = -Infinity;
  for (let i = 0; i < middle; i++) lower = Math.max(lower, scratch[i]!);
  return (lower + upper) / 2;
}

/** The k-th smallest of a[0 .. count), partitioning a in place around it. */
function select(a: Float64Array, count: number, k: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const pivot = a[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return a[k]!;
}
