// The run loop's clock after each batch: every reading for a caller's clock, skipped readings
// (bounded in time and count) for the default one.
import { describe, expect, it } from 'vitest';
import { BatchClock } from '../../src/runners/batch-clock.js';

/** A fake clock whose time the test sets, counting its readings. */
function fakeClock() {
  const clock = { time: 0, readings: 0, read: () => (clock.readings++, clock.time) };
  return clock;
}

describe('BatchClock', () => {
  it('reads a caller-given clock after every batch', () => {
    const clock = fakeClock();
    const batchClock = new BatchClock(clock.read, false);
    expect(batchClock.now()).toBe(0);
    for (let i = 1; i <= 100; i++) {
      clock.time += 0.001;
      expect(batchClock.afterBatch()).toBe(clock.time);
    }
    expect(clock.readings).toBe(101);
  });

  it('skips readings while batches are cheap, never reporting a time older than 0.05 ms + one batch', () => {
    const clock = fakeClock();
    const batchClock = new BatchClock(clock.read, true);
    batchClock.now();
    const perBatch = 0.0002; // 0.2 microseconds per batch
    let worstLag = 0;
    for (let i = 0; i < 10_000; i++) {
      clock.time += perBatch;
      worstLag = Math.max(worstLag, clock.time - batchClock.afterBatch());
    }
    expect(worstLag).toBeLessThanOrEqual(0.05 + perBatch + 1e-12);
    // At most one reading in 64 batches once the stride has grown, far fewer than 10,000.
    expect(clock.readings).toBeLessThan(10_000 / 64 + 20);
  });

  it('reads after every batch once batches take longer than the span', () => {
    const clock = fakeClock();
    const batchClock = new BatchClock(clock.read, true);
    batchClock.now();
    for (let i = 0; i < 50; i++) {
      clock.time += 1;
      expect(batchClock.afterBatch()).toBe(clock.time);
    }
    expect(clock.readings).toBe(51);
  });

  it('shrinks the stride at once when batches become slow', () => {
    const clock = fakeClock();
    const batchClock = new BatchClock(clock.read, true);
    batchClock.now();
    for (let i = 0; i < 1000; i++) {
      clock.time += 0.0001;
      batchClock.afterBatch();
    }
    // Slow batches now: the time seen lags by at most one stride of the old length.
    let worstLag = 0;
    for (let i = 0; i < 200; i++) {
      clock.time += 5;
      worstLag = Math.max(worstLag, clock.time - batchClock.afterBatch());
    }
    expect(worstLag).toBeLessThanOrEqual(64 * 5);
    clock.time += 5;
    expect(batchClock.afterBatch()).toBe(clock.time);
  });

  it('now() always reads', () => {
    const clock = fakeClock();
    const batchClock = new BatchClock(clock.read, true);
    clock.time = 7;
    expect(batchClock.now()).toBe(7);
    clock.time = 9;
    expect(batchClock.now()).toBe(9);
    expect(clock.readings).toBe(2);
  });
});
