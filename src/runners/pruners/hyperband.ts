// Hyperband (Li et al., JMLR 2018; Optuna's `HyperbandPruner`): several successive-halving
// brackets, bracket b starting at rung minResource x factor^b; each trial belongs to one bracket,
// drawn with probability proportional to ceil(n x factor^s / (s + 1)), s = n - 1 - b, and
// competes only with the earlier trials of its bracket (all of them, or those finished when it
// was proposed: see successive-halving.ts).
import { createRng } from '../../core/rng.js';
import type { Pruner } from './pruner.js';
import { judgeRungs, rungSteps, type CompareWith } from './successive-halving.js';

/** Parameters of the Hyperband pruner. */
export interface HyperbandParams {
  /** Step of the first rung of the most aggressive bracket. @defaultValue 1 */
  minResource: number;
  /** The largest step a trial reaches (trainer problems: the epoch bound). */
  maxResource?: number;
  /** @defaultValue 3 */
  reductionFactor: number;
  /** The earlier trials of its bracket a trial competes with. @defaultValue 'earlier' */
  compareWith: CompareWith;
}

export const HYPERBAND_DEFAULTS: HyperbandParams = {
  minResource: 1,
  reductionFactor: 3,
  compareWith: 'earlier',
};

/** One bracket: its early-stopping rate, its share of the trials and its first rung. */
export interface Bracket {
  rate: number;
  share: number;
  firstRung: number;
}

/** The brackets of Hyperband: floor(log_factor(max / min)) + 1 of them. */
export function hyperbandBrackets(
  minResource: number,
  maxResource: number,
  factor: number,
): Bracket[] {
  let count = 1;
  while (minResource * factor ** count <= maxResource * (1 + 1e-12)) count++;
  return Array.from({ length: count }, (_, rate) => {
    const s = count - 1 - rate;
    return {
      rate,
      share: Math.ceil(Number(((count * factor ** s) / (s + 1)).toPrecision(12))),
      firstRung: minResource * factor ** rate,
    };
  });
}

/** The bracket of trial k (0-based), from the study's seed. */
export function bracketOf(k: number, brackets: readonly Bracket[], seed: number | string): number {
  const total = brackets.reduce((sum, b) => sum + b.share, 0);
  let u = createRng(seed).fork('hyperband').fork(String(k)).int(total);
  for (let b = 0; b < brackets.length; b++) {
    u -= (brackets[b] as Bracket).share;
    if (u < 0) return b;
  }
  return brackets.length - 1;
}

/** A Hyperband pruner over steps up to `maxResource`. */
export function hyperbandPruner(
  params: HyperbandParams & { maxResource: number },
  seed: number | string,
): Pruner {
  const factor = params.reductionFactor;
  const brackets = hyperbandBrackets(params.minResource, params.maxResource, factor);
  const rungs = brackets.map((b) =>
    rungSteps(params.minResource, params.maxResource, factor, b.rate),
  );
  const memo: number[] = [];
  const bracket = (k: number): number => (memo[k] ??= bracketOf(k, brackets, seed));
  return {
    type: 'hyperband',
    judge(k, step, history) {
      const own = bracket(k);
      return judgeRungs(k, step, history, {
        rungs: rungs[own] as number[],
        factor,
        bootstrapCount: 0,
        compareWith: params.compareWith,
        peer: (j) => bracket(j) === own,
      });
    },
  };
}
