// The median pruner (Optuna's `MedianPruner`): after `startupTrials` complete trials and
// `warmupSteps`, every `intervalSteps` steps, a trial whose best value so far is worse than the
// median of the complete trials' values at the same step is pruned. The complete trials are
// those finished when the trial was proposed, so the decision never waits and never depends on
// how fast other trials run.
import { percentile, type Pruner, type PruningHistory } from './pruner.js';

/** Parameters of the median pruner (Optuna's names and defaults). */
export interface MedianPrunerParams {
  /** Complete trials before any pruning. @defaultValue 5 */
  startupTrials: number;
  /** Steps of each trial before it may be pruned. @defaultValue 0 */
  warmupSteps: number;
  /** Judge every this many steps after the warmup. @defaultValue 1 */
  intervalSteps: number;
  /** Complete trials with a value at the step needed to judge it. @defaultValue 1 */
  minTrials: number;
}

export const MEDIAN_DEFAULTS: MedianPrunerParams = {
  startupTrials: 5,
  warmupSteps: 0,
  intervalSteps: 1,
  minTrials: 1,
};

/** A median pruner. */
export function medianPruner(params: MedianPrunerParams): Pruner {
  return {
    type: 'median',
    judge(k: number, step: number, history: PruningHistory) {
      const complete = history.trials
        .slice(0, history.seen(k))
        .filter((t) => t.state === 'complete');
      if (complete.length < params.startupTrials) return 'continue';
      if (step < params.warmupSteps) return 'continue';
      if ((step - params.warmupSteps) % params.intervalSteps !== 0) return 'continue';
      const own = history.trials[k];
      if (own === undefined) return 'continue';
      let best = Infinity;
      for (const value of own.intermediate.values()) {
        if (Number.isNaN(value)) return 'prune';
        best = Math.min(best, value);
      }
      const atStep = complete
        .map((t) => t.intermediate.get(step))
        .filter((v): v is number => v !== undefined);
      if (atStep.length < params.minTrials) return 'continue';
      const median = percentile(atStep, 50);
      if (Number.isNaN(median)) return 'continue';
      return best > median ? 'prune' : 'continue';
    },
  };
}
