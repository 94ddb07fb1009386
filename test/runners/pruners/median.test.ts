// The median pruner against Optuna's documented MedianPruner behaviour.
import { describe, expect, it } from 'vitest';
import { MEDIAN_DEFAULTS, medianPruner } from '../../../src/runners/pruners/median.js';
import { percentile } from '../../../src/runners/pruners/pruner.js';
import { history, progress } from './history.js';

const pruner = (overrides = {}) => medianPruner({ ...MEDIAN_DEFAULTS, ...overrides });
// Five complete trials whose values at step s are s + k (median at step s: s + 2).
const complete = Array.from({ length: 5 }, (_, k) => progress([1 + k, 2 + k, 3 + k]));

describe('median pruner', () => {
  it('never prunes before 5 complete trials', () => {
    const trials = [...complete.slice(0, 4), progress([100], 'running')];
    expect(pruner().judge(4, 1, history(trials))).toBe('continue');
    // Pruned and running trials do not count as complete.
    const mixed = [...complete.slice(0, 4), progress([1], 'pruned'), progress([100], 'running')];
    expect(pruner().judge(5, 1, history(mixed))).toBe('continue');
    const five = [...complete, progress([100], 'running')];
    expect(pruner().judge(5, 1, history(five))).toBe('prune');
  });

  it('counts only the trials finished when the trial was proposed', () => {
    const trials = [...complete, progress([100], 'running')];
    expect(
      pruner().judge(
        5,
        1,
        history(trials, () => 4),
      ),
    ).toBe('continue');
    expect(
      pruner().judge(
        5,
        1,
        history(trials, () => 5),
      ),
    ).toBe('prune');
  });

  it('never prunes during the warmup steps and judges every intervalSteps after it', () => {
    const trials = [...complete, progress([100, 100, 100], 'running')];
    const warm = pruner({ warmupSteps: 2 });
    expect(warm.judge(5, 1, history(trials))).toBe('continue');
    expect(warm.judge(5, 2, history(trials))).toBe('prune');
    const every = pruner({ warmupSteps: 1, intervalSteps: 2 });
    expect(every.judge(5, 2, history(trials))).toBe('continue');
    expect(every.judge(5, 3, history(trials))).toBe('prune');
  });

  it('compares the best value so far with the median of the complete trials at that step', () => {
    // Median at step 3 is 5. The trial is at 5.5 now, but was at 4 at step 1: its best (4) wins.
    const trials = [...complete, progress([4, 6, 5.5], 'running')];
    expect(pruner().judge(5, 3, history(trials))).toBe('continue');
    const worse = [...complete, progress([5.1, 6, 5.5], 'running')];
    expect(pruner().judge(5, 3, history(worse))).toBe('prune');
    // Equal to the median: kept (prune only when worse).
    const equal = [...complete, progress([9, 9, 5], 'running')];
    expect(pruner().judge(5, 3, history(equal))).toBe('continue');
  });

  it('prunes a NaN value and keeps trials at a step no complete trial reached', () => {
    expect(pruner().judge(5, 2, history([...complete, progress([1, NaN], 'running')]))).toBe(
      'prune',
    );
    expect(pruner().judge(5, 4, history([...complete, progress([9, 9, 9, 9], 'running')]))).toBe(
      'continue',
    );
  });

  it('takes numpy percentiles', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5], 25)).toBe(2);
  });
});
