// Successive halving and Hyperband against their papers and Optuna's rules.
import { describe, expect, it } from 'vitest';
import {
  bracketOf,
  hyperbandBrackets,
  hyperbandPruner,
} from '../../../src/runners/pruners/hyperband.js';
import {
  SUCCESSIVE_HALVING_DEFAULTS,
  promotable,
  rungSteps,
  successiveHalvingPruner,
} from '../../../src/runners/pruners/successive-halving.js';
import { createRng } from '../../../src/core/rng.js';
import { history, progress } from './history.js';

// Synchronous successive halving with the promotion rule: every trial at a rung is judged
// against all n trials of that rung. Returns how many trials reach each rung.
function synchronous(count: number, rungs: readonly number[], factor: number, seed: number) {
  const rng = createRng(seed);
  let alive = Array.from({ length: count }, (_, i) => i);
  const quality = alive.map(() => rng.next());
  const reached: number[] = [];
  for (const rung of rungs) {
    reached.push(alive.length);
    const values = alive.map((i) => (quality[i] as number) + 0.01 * Math.log(rung));
    alive = alive.filter((_, k) => promotable(values[k] as number, values, factor));
  }
  return reached;
}

describe('successive halving', () => {
  it('promotes exactly the best floor(n/3) of a rung when all n are judged together', () => {
    for (const n of [3, 4, 5, 9, 10, 26, 27, 100]) {
      const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
      const promoted = values.filter((v) => promotable(v, values, 3));
      expect(promoted.length).toBe(Math.floor(n / 3));
      expect(Math.max(...promoted)).toBeLessThan(
        Math.min(...values.filter((v) => !promoted.includes(v))),
      );
    }
    // Fewer than factor trials: only the best.
    expect(promotable(1, [1, 2], 3)).toBe(true);
    expect(promotable(2, [1, 2], 3)).toBe(false);
  });

  it('places the rungs at minResource x factor^(rate + r) below the maximum', () => {
    expect(rungSteps(1, 81, 3, 0)).toEqual([1, 3, 9, 27]);
    expect(rungSteps(1, 81, 3, 2)).toEqual([9, 27]);
    expect(rungSteps(60 / 9, 60, 3, 0).map((s) => +s.toFixed(9))).toEqual([6.666666667, 20]);
  });

  const asha = successiveHalvingPruner({
    ...SUCCESSIVE_HALVING_DEFAULTS,
    minResource: 1,
    maxResource: 9,
  });
  const finished = successiveHalvingPruner({
    ...SUCCESSIVE_HALVING_DEFAULTS,
    minResource: 1,
    maxResource: 9,
    compareWith: 'finished',
  });

  it('judges trial k against every earlier trial, waiting for those still below the rung', () => {
    expect(SUCCESSIVE_HALVING_DEFAULTS.compareWith).toBe('earlier');
    const done = [progress([0.5, 0.4, 0.3]), progress([0.6, 0.5, 0.4])];
    // Trial 2 still running below rung 1: trial 3 waits, whatever it was proposed from.
    const below = [...done, progress([], 'running'), progress([0.45], 'running')];
    expect(
      asha.judge(
        3,
        1,
        history(below, () => 0),
      ),
    ).toBe('wait');
    // Once trial 2 reports 0.3 at rung 1, 0.45 ranks 3rd of 4 (floor(4/3) = 1 promoted).
    const reached = [...done, progress([0.3], 'running'), progress([0.45], 'running')];
    expect(
      asha.judge(
        3,
        1,
        history(reached, () => 0),
      ),
    ).toBe('prune');
    // Trial 2 failed before the rung: it does not compete, 0.45 is the best of 3.
    const ended = [...done, progress([], 'failed'), progress([0.45], 'running')];
    expect(
      asha.judge(
        3,
        1,
        history(ended, () => 0),
      ),
    ).toBe('continue');
    // A later trial never counts and never makes an earlier one wait.
    const later = [progress([0.9], 'running'), progress([], 'running')];
    expect(asha.judge(0, 1, history(later))).toBe('continue');
    // A rung already passed is not judged again: at step 2 (no rung) trial 3 is judged at rung 1
    // only, with the same answer.
    expect(
      asha.judge(
        3,
        2,
        history(reached, () => 0),
      ),
    ).toBe('prune');
  });

  it('with compareWith "finished", judges trial k against the trials finished when it was proposed, never waiting', () => {
    const asha = finished;
    const done = [progress([0.5, 0.4, 0.3]), progress([0.6, 0.5, 0.4]), progress([0.7, 0.6, 0.5])];
    // Rung 1 (step 1): 0.55 among [0.5, 0.6, 0.7, 0.55]: floor(4/3) = 1, only the best.
    expect(asha.judge(3, 1, history([...done, progress([0.55], 'running')]))).toBe('prune');
    expect(asha.judge(3, 1, history([...done, progress([0.45], 'running')]))).toBe('continue');
    // Trial 3 proposed while trial 2 was still running (seen 2): trial 2 does not count, even
    // once it has reached the rung with a better value, so the answer is the same whichever
    // trial is faster.
    const faster = [...done.slice(0, 2), progress([0.3], 'running'), progress([0.45], 'running')];
    expect(asha.judge(3, 1, history(faster))).toBe('prune');
    expect(
      asha.judge(
        3,
        1,
        history(faster, (k) => Math.max(0, k - 1)),
      ),
    ).toBe('continue');
    const slower = [...done.slice(0, 2), progress([], 'running'), progress([0.45], 'running')];
    expect(
      asha.judge(
        3,
        1,
        history(slower, (k) => Math.max(0, k - 1)),
      ),
    ).toBe('continue');
    // A finished trial that ended before the rung does not compete.
    const ended = [...done.slice(0, 2), progress([], 'failed'), progress([0.45], 'running')];
    expect(asha.judge(3, 1, history(ended))).toBe('continue');
    // Later trials never count.
    const later = [progress([0.9], 'running'), progress([0.1], 'running')];
    expect(asha.judge(0, 1, history(later))).toBe('continue');
  });

  it('promotes through every rung up to the step, and prunes NaN', () => {
    const trials = [
      progress([0.5, 0.5, 0.1]),
      progress([0.6, 0.6, 0.05]),
      progress([0.4, 0.9, 0.9], 'running'),
    ];
    // Step 3 is rung 3: 0.9 against [0.1, 0.05] (values at step 3): pruned there.
    expect(asha.judge(2, 3, history(trials))).toBe('prune');
    expect(asha.judge(2, 1, history(trials))).toBe('continue');
    expect(asha.judge(0, 1, history([progress([NaN], 'running')]))).toBe('prune');
  });

  it('waits for bootstrapCount results at a rung instead of pruning (optuna#3330)', () => {
    const bootstrap = successiveHalvingPruner({
      ...SUCCESSIVE_HALVING_DEFAULTS,
      minResource: 1,
      maxResource: 9,
      bootstrapCount: 2,
    });
    const trials = [progress([0.1]), progress([0.9], 'running')];
    // Two results at the rung, itself included: not judged, so not pruned (Optuna prunes).
    expect(bootstrap.judge(1, 1, history(trials))).toBe('continue');
    expect(asha.judge(1, 1, history(trials))).toBe('prune');
    const three = [progress([0.1]), progress([0.2]), progress([0.9], 'running')];
    expect(bootstrap.judge(2, 1, history(three))).toBe('prune');
  });
});

describe('hyperband', () => {
  it('has the brackets of Li et al. for R = 81, factor 3: 81@1, 34@3, 15@9, 8@27, 5@81', () => {
    const brackets = hyperbandBrackets(1, 81, 3);
    expect(brackets.map((b) => [b.share, b.firstRung])).toEqual([
      [81, 1],
      [34, 3],
      [15, 9],
      [8, 27],
      [5, 81],
    ]);
  });

  it('halves each bracket synchronously down to its last rung', () => {
    // Bracket 0 of R = 81: 81 trials at 1, 27 at 3, 9 at 9, 3 at 27, 1 reaches 81.
    expect(synchronous(81, rungSteps(1, 81, 3, 0), 3, 1)).toEqual([81, 27, 9, 3]);
    expect(synchronous(34, rungSteps(1, 81, 3, 1), 3, 2)).toEqual([34, 11, 3]);
    expect(synchronous(15, rungSteps(1, 81, 3, 2), 3, 3)).toEqual([15, 5]);
    expect(synchronous(8, rungSteps(1, 81, 3, 3), 3, 4)).toEqual([8]);
    expect(rungSteps(1, 81, 3, 4)).toEqual([]);
  });

  it('assigns trials to brackets in proportion to their shares, the same for a seed', () => {
    const brackets = hyperbandBrackets(1, 81, 3);
    const counts = new Array(5).fill(0);
    for (let k = 0; k < 14300; k++) counts[bracketOf(k, brackets, 7)]++;
    brackets.forEach((b, i) =>
      expect(Math.abs(counts[i] / 100 - b.share)).toBeLessThan(b.share * 0.15 + 1),
    );
    expect(bracketOf(12, brackets, 7)).toBe(bracketOf(12, brackets, 7));
  });

  it('lets a trial compete only with the earlier trials of its bracket', () => {
    const pruner = hyperbandPruner(
      { minResource: 1, maxResource: 81, reductionFactor: 3, compareWith: 'earlier' },
      7,
    );
    const brackets = hyperbandBrackets(1, 81, 3);
    const zero = Array.from({ length: 40 }, (_, k) => k).filter(
      (k) => bracketOf(k, brackets, 7) === 0,
    );
    const other = Array.from({ length: 40 }, (_, k) => k).find(
      (k) => bracketOf(k, brackets, 7) !== 0,
    )!;
    const [a, b] = zero as [number, number];
    const trials = Array.from({ length: Math.max(b, other) + 1 }, () => progress([], 'failed'));
    trials[a] = progress([0.5]);
    // A better trial of another bracket, still running, does not make b wait or lose.
    trials[other] = other < b ? progress([], 'running') : progress([0.1]);
    trials[b] = progress([0.4], 'running');
    expect(pruner.judge(b, 1, history(trials))).toBe('continue');
    trials[b] = progress([0.6], 'running');
    expect(pruner.judge(b, 1, history(trials))).toBe('prune');
  });
});
