// The summaries say why a run stopped in words, for every stop reason of runs and trainings.
import { expect, it } from 'vitest';
import { describeStop } from '../../src/cli/stop-reason.js';
import type { StopReason } from '../../src/runners/budget.js';
import type { TrainStopReason } from '../../src/training/train-result.js';

const runReasons: Record<StopReason, true> = {
  evaluations: true,
  seconds: true,
  target: true,
  stagnation: true,
  epochs: true,
  aborted: true,
  converged: true,
};
const trainReasons: Record<TrainStopReason, true> = {
  epochs: true,
  'early-stopping': true,
  diverged: true,
  stopped: true,
};

it('phrases every stop reason (no "stopped by aborted" or "stopped by stopped")', () => {
  for (const reason of [...Object.keys(runReasons), ...Object.keys(trainReasons)]) {
    const text = describeStop(reason);
    expect(text).toMatch(/^stopped: /);
    expect(text).not.toBe(`stopped: ${reason}`);
  }
  expect(describeStop('aborted')).toBe('stopped: interrupted');
  expect(describeStop('stopped')).toBe('stopped: interrupted');
});
