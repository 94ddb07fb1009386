// The TPE's split of the trials into a good group and the rest (Optuna's `_split_trials`):
// finished trials ranked complete first (by value), then pruned (deeper last step first, then
// by value), then failed; the best gamma(n) are good; trials still running join the rest
// (the constant liar), and gamma counts finished trials only.

/** A trial as the TPE remembers it; the embedding and the coordinates it uses. */
export interface Observation {
  vector: number[];
  active: boolean[];
  /** Minimized value (the last intermediate value when pruned; Infinity when failed). */
  value: number;
  status: 'complete' | 'pruned' | 'failed';
  /** The last step reached (pruned trials). */
  step?: number;
}

/** Options of the split. */
export interface SplitOptions {
  goodFraction: number;
  maxGood: number;
}

/** gamma(n) = min(ceil(goodFraction n), maxGood), at least 1. */
export function goodCount(finished: number, options: SplitOptions): number {
  return Math.min(options.maxGood, Math.max(1, Math.ceil(options.goodFraction * finished)));
}

/** Indices (into `observations`) of the good group, in trial order. */
export function goodTrials(observations: readonly Observation[], options: SplitOptions): number[] {
  const count = goodCount(observations.length, options);
  const value = (i: number): number => (observations[i] as Observation).value;
  const step = (i: number): number => (observations[i] as Observation).step ?? 0;
  const pruned: number[] = [];
  // The best `count` complete trials by (value, index), kept sorted: one comparison for most.
  // A plain loop over the values: no closure call and no boxed number per trial.
  const good: number[] = [];
  let worst = Infinity;
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i] as Observation;
    if (o.status === 'pruned') pruned.push(i);
    const v = o.value;
    if (o.status !== 'complete' || !Number.isFinite(v)) continue;
    if (good.length === count && v >= worst) continue;
    let at = good.length;
    while (at > 0 && v < value(good[at - 1] as number)) at--;
    good.splice(at, 0, i);
    if (good.length > count) good.pop();
    worst = value(good[good.length - 1] as number);
  }
  if (good.length < count) {
    pruned.sort((a, b) => step(b) - step(a) || value(a) - value(b) || a - b);
    good.push(...pruned.slice(0, count - good.length));
  }
  return good.sort((a, b) => a - b);
}
