// The pruner contract: given what the study knows about every trial's intermediate values, a
// pruner judges trial k at a step. Decisions depend only on trial k's own values and on those of
// earlier trials, never on which trials happen to be further along, so that they are the same
// for any number of workers and after resume: a pruner either judges against the trials that had
// finished when k was proposed (0..seen(k)-1), or answers `wait` until the earlier trials it
// needs have reached the step or ended.

/** What the study knows of one trial. Values are minimized. */
export interface TrialProgress {
  /** Intermediate values by step (the first value reported for a step). */
  readonly intermediate: ReadonlyMap<number, number>;
  readonly state: 'running' | 'complete' | 'pruned' | 'failed';
}

/** The trials of a study, as pruners see them. */
export interface PruningHistory {
  /** Trials started so far, by 0-based number. */
  readonly trials: readonly TrialProgress[];
  /** Trials 0..seen(k)-1 were finished when trial k was proposed. */
  seen(k: number): number;
}

/** A pruner's answer; `wait`: ask again once an earlier trial has reported or ended. */
export type PruningDecision = 'prune' | 'continue' | 'wait';

/** A pruner: judges trial `k` at `step`, its last reported step. */
export interface Pruner {
  readonly type: string;
  judge(k: number, step: number, history: PruningHistory): PruningDecision;
}

/** The value of `progress` at its first reported step >= `step` (undefined: not reached yet). */
export function valueReached(
  progress: TrialProgress,
  step: number,
  upTo = Infinity,
): { step: number; value: number } | undefined {
  let found: { step: number; value: number } | undefined;
  for (const [reported, value] of progress.intermediate) {
    if (reported >= step && reported <= upTo && (found === undefined || reported < found.step)) {
      found = { step: reported, value };
    }
  }
  return found;
}

/** The p-th percentile (0-100) with linear interpolation, as numpy's default. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const position = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const fraction = position - below;
  return (sorted[below] as number) * (1 - fraction) + (sorted[above] as number) * fraction;
}
