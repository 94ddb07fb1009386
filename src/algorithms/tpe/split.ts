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

// Per list of observations (which only ever grows): the best complete trials by (value, index)
// after its first `seen` observations, while the group's size stayed `count` and the group was
// full; the next call then only looks at the observations added since.
const bestCache = new WeakMap<object, { seen: number; count: number; best: number[] }>();

/** Indices (into `observations`) of the good group, in trial order. */
export function goodTrials(observations: readonly Observation[], options: SplitOptions): number[] {
  const count = goodCount(observations.length, options);
  const cached = bestCache.get(observations);
  const resume =
    cached !== undefined && cached.count === count && cached.seen <= observations.length;
  const best = resume ? cached.best : [];
  const pruned: number[] = [];
  const from = resume ? cached.seen : 0;
  keepBest(observations, from, count, best, pruned);
  if (best.length === count) {
    bestCache.set(observations, { seen: observations.length, count, best });
    return best.slice().sort((a, b) => a - b);
  }
  bestCache.delete(observations);
  // Fewer complete trials than the group's size: the pruned ones fill it (none were skipped,
  // since a group that was not full is never resumed).
  const value = (i: number): number => (observations[i] as Observation).value;
  const step = (i: number): number => (observations[i] as Observation).step ?? 0;
  pruned.sort((a, b) => step(b) - step(a) || value(a) - value(b) || a - b);
  return [...best, ...pruned.slice(0, count - best.length)].sort((a, b) => a - b);
}

// Adds to `best` (sorted by value, then index; at most `count`) the complete trials with finite
// values among observations from `from` on, and their pruned trials to `pruned`. One comparison
// for most trials; a plain loop over the values: no closure call and no boxed number per trial.
function keepBest(
  observations: readonly Observation[],
  from: number,
  count: number,
  best: number[],
  pruned: number[],
): void {
  let worst =
    best.length === count
      ? (observations[best[count - 1] as number] as Observation).value
      : Infinity;
  for (let i = from; i < observations.length; i++) {
    const o = observations[i] as Observation;
    if (o.status === 'pruned') pruned.push(i);
    const v = o.value;
    if (o.status !== 'complete' || !Number.isFinite(v)) continue;
    if (best.length === count && v >= worst) continue;
    let at = best.length;
    while (at > 0 && v < (observations[best[at - 1] as number] as Observation).value) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
    worst = (observations[best[best.length - 1] as number] as Observation).value;
  }
}
