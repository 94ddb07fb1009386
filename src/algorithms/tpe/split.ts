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
  const rank = (o: Observation): number =>
    o.status === 'complete' && Number.isFinite(o.value) ? 0 : o.status === 'pruned' ? 1 : 2;
  const ranked = observations
    .map((o, i) => ({ o, i, r: rank(o) }))
    .sort(
      (a, b) =>
        a.r - b.r ||
        (a.r === 1 ? (b.o.step ?? 0) - (a.o.step ?? 0) : 0) ||
        (a.r === 2 ? 0 : a.o.value - b.o.value || 0) ||
        a.i - b.i,
    );
  return ranked
    .slice(0, goodCount(observations.length, options))
    .filter((r) => r.r < 2)
    .map((r) => r.i)
    .sort((a, b) => a - b);
}
