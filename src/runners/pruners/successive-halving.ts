// Asynchronous successive halving (ASHA: Li et al., MLSys 2020; Optuna's
// `SuccessiveHalvingPruner`), ordered: rung r sits at step minResource x factor^(rate + r); a
// trial reaching it continues iff its value there is among the best floor(n / factor) of the n
// trials that reached it (the best one while n < factor): itself and, by default, every earlier
// trial j < k (trial k waits at the rung while an earlier trial still running has not reached
// it), or only the trials that had finished when k was proposed (never waits). Either way the
// decision depends on trial numbers, not timing: the same at any number of workers and after
// resume.
import { valueReached, type Pruner, type PruningDecision, type PruningHistory } from './pruner.js';

/** Parameters of the successive-halving pruner. */
export interface SuccessiveHalvingParams {
  /** Step of the first rung; default maxResource / factor^2. */
  minResource?: number;
  /** The largest step a trial reaches (trainer problems: the epoch bound). */
  maxResource?: number;
  /** Keep 1 / factor of the trials at each rung. @defaultValue 3 */
  reductionFactor: number;
  /** Rungs skipped at the start (Optuna's min_early_stopping_rate). @defaultValue 0 */
  minEarlyStoppingRate: number;
  /**
   * A trial is judged at a rung only once more than this many trials (itself included) reached
   * it; until then it continues (Optuna prunes it, optuna#3330). @defaultValue 0
   */
  bootstrapCount: number;
  /**
   * The trials a trial competes with at a rung: `earlier`, every trial before it (it waits at
   * the rung for those still running); `finished`, those finished when it was proposed (it never
   * waits, but the TPE proposed it from them, so it beats them more often than 1 in factor).
   * @defaultValue 'earlier'
   */
  compareWith: CompareWith;
}

/** Which earlier trials a trial competes with at a rung (see SuccessiveHalvingParams). */
export type CompareWith = 'earlier' | 'finished';

/** The values of {@link CompareWith}. */
export const COMPARE_WITH = ['earlier', 'finished'] as const;

export const SUCCESSIVE_HALVING_DEFAULTS: SuccessiveHalvingParams = {
  reductionFactor: 3,
  minEarlyStoppingRate: 0,
  bootstrapCount: 0,
  compareWith: 'earlier',
};

/**
 * Whether `value` is promoted among `competing` (which includes it): among the best
 * floor(n / factor), or the best when n < factor (Optuna's rule).
 */
export function promotable(value: number, competing: readonly number[], factor: number): boolean {
  const sorted = [...competing].sort((a, b) => a - b);
  const index = Math.max(0, Math.floor(sorted.length / factor) - 1);
  return value <= (sorted[index] as number);
}

/** The steps of the rungs below `maxResource`, from rate `rate`. */
export function rungSteps(
  minResource: number,
  maxResource: number,
  factor: number,
  rate: number,
): number[] {
  const steps: number[] = [];
  for (let r = rate; ; r++) {
    const step = minResource * factor ** r;
    if (step >= maxResource * (1 - 1e-12)) return steps;
    steps.push(step);
  }
}

/** Options of one successive-halving judgement. */
export interface RungOptions {
  rungs: readonly number[];
  factor: number;
  bootstrapCount: number;
  compareWith: CompareWith;
  /** Whether trial j competes with k (Hyperband: the same bracket). */
  peer: (j: number) => boolean;
}

/**
 * Judges trial k at `step` over the rungs up to it; `wait` while an earlier trial it competes
 * with is still running below the rung (compareWith `earlier`).
 */
export function judgeRungs(
  k: number,
  step: number,
  history: PruningHistory,
  options: RungOptions,
): PruningDecision {
  const own = history.trials[k];
  if (own === undefined) return 'continue';
  const known = options.compareWith === 'earlier' ? k : Math.min(k, history.seen(k));
  for (const rung of options.rungs) {
    if (rung > step) break;
    const reached = valueReached(own, rung, step);
    if (reached === undefined) continue;
    if (Number.isNaN(reached.value)) return 'prune';
    const competing = [reached.value];
    for (let j = 0; j < known; j++) {
      if (!options.peer(j)) continue;
      const earlier = history.trials[j];
      if (earlier === undefined) return 'wait';
      const value = valueReached(earlier, rung);
      if (value !== undefined) competing.push(value.value);
      else if (earlier.state === 'running') return 'wait';
    }
    if (competing.length <= options.bootstrapCount) continue;
    if (!promotable(reached.value, competing, options.factor)) return 'prune';
  }
  return 'continue';
}

/** A successive-halving pruner (ASHA on a fixed schedule) over steps up to `maxResource`. */
export function successiveHalvingPruner(
  params: SuccessiveHalvingParams & { maxResource: number },
): Pruner {
  const factor = params.reductionFactor;
  const minResource = params.minResource ?? params.maxResource / factor ** 2;
  const rungs = rungSteps(minResource, params.maxResource, factor, params.minEarlyStoppingRate);
  return {
    type: 'asha',
    judge: (k, step, history) =>
      judgeRungs(k, step, history, {
        rungs,
        factor,
        bootstrapCount: params.bootstrapCount,
        compareWith: params.compareWith,
        peer: () => true,
      }),
  };
}
