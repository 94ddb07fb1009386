// A pruning history built from plain arrays, for the pruner tests.
import type { PruningHistory, TrialProgress } from '../../../src/runners/pruners/pruner.js';

/** A trial with values at steps 1, 2, ... (or the given steps). */
export function progress(
  values: readonly number[],
  state: TrialProgress['state'] = 'complete',
  steps: readonly number[] = values.map((_, i) => i + 1),
): TrialProgress {
  return { intermediate: new Map(values.map((v, i) => [steps[i] as number, v])), state };
}

/** A history of `trials`, where trial k was proposed once trials < seen(k) had finished. */
export function history(
  trials: TrialProgress[],
  seen: (k: number) => number = (k) => k,
): PruningHistory {
  return { trials, seen };
}
