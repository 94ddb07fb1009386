// The run loop's clock after each batch: every reading for a caller's clock, skipped readings
// (bounded in time and count) for the default one.
import { describe, expect, it } from 'vitest';
import { BatchClock } from '../../src/runners/batch-clock.js';

/** A fake clock whose time the test sets, counting its readings, and a BatchClock on it. */
function clocks(skipping: boolean, { started = true } = {}) {
  const clock = { time: 0, readings: 0, read: () => (clock.readings++, clock.time) };
  const batchClock = new BatchClock(clock.read, skipping);
  if (started) batchClock.now();
  /** Runs `batches` batches of `step` each; returns the largest lag of the time reported. */
  const run = (batches: number, step: number): number => {
    let worstLag = 0;
    for (let i = 0; i < batches; i++) {
      clock.time += step;
      worstLag = Math.max(worstLag, clock.time - batchClock.afterBatch());
    }
    return worstLag;
  };
  return { clock, batchClock, run };
}

describe('BatchClock', () => {
  it('reads a caller-given clock after every batch', () => {
    const { clock, run } = clocks(false);
    expect(run(100, 0.001)).toBe(0);
    expect(clock.readings).toBe(101);
  });

  it('skips readings while batches are cheap, never reporting a time older than 0.05 ms + one batch', () => {
    const { clock, run } = clocks(true);
    const perBatch = 0.0002; // 0.2 microseconds per batch
    expect(run(10_000, perBatch)).toBeLessThanOrEqual(0.05 + perBatch + 1e-12);
    // At most one reading in 64 batches once the stride has grown, far fewer than 10,000.
    expect(clock.readings).toBeLessThan(10_000 / 64 + 20);
  });

  it('reads after every batch once batches take longer than the span', () => {
    const { clock, run } = clocks(true);
    expect(run(50, 1)).toBe(0);
    expect(clock.readings).toBe(51);
  });

  it('shrinks the stride at once when batches become slow', () => {
    const { clock, batchClock, run } = clocks(true);
    run(1000, 0.0001);
    // Slow batches now: the time seen lags by at most one stride of the old length.
    expect(run(200, 5)).toBeLessThanOrEqual(64 * 5);
    clock.time += 5;
    expect(batchClock.afterBatch()).toBe(clock.time);
  });

  it('now() always reads', () => {
    const { clock, batchClock } = clocks(true, { started: false });
    clock.time = 7;
    expect(batchClock.now()).toBe(7);
    clock.time = 9;
    expect(batchClock.now()).toBe(9);
    expect(clock.readings).toBe(2);
  });
});
