import { describe, expect, it } from 'vitest';
import { Prefetch, parsePrefetch } from '../../src/queue/prefetch.js';

function recordAll(prefetch: Prefetch, ms: number, count: number, ahead = 0): void {
  for (let k = 0; k < count; k++) prefetch.record(ms, ahead);
}

describe('queue worker prefetch', () => {
  it('holds one job per thread until 8 jobs have been seen', () => {
    const prefetch = new Prefetch(2, 'auto');
    expect(prefetch.concurrency()).toBe(2);
    recordAll(prefetch, 0.1, 7);
    expect(prefetch.concurrency()).toBe(2);
    prefetch.record(0.1, 0);
    expect(prefetch.concurrency()).toBe(2 + 32);
  });

  it('holds about 20 ms of work per thread beyond the running jobs', () => {
    const prefetch = new Prefetch(2, 'auto');
    recordAll(prefetch, 5, 16);
    // floor(2 threads x 20 ms / 5 ms) extra jobs.
    expect(prefetch.concurrency()).toBe(2 + 8);
  });

  it('holds nothing extra once jobs take longer than 20 ms per thread', () => {
    const prefetch = new Prefetch(1, 'auto');
    recordAll(prefetch, 0.2, 16);
    expect(prefetch.concurrency()).toBe(17);
    // The window is the last 16 jobs: once more than half of them are long, the median is long.
    recordAll(prefetch, 40, 9);
    expect(prefetch.concurrency()).toBe(1);
  });

  it('counts the wait behind jobs already held as wait, not as work', () => {
    const waited = new Prefetch(1, 'auto');
    // 30 ms from start to end behind 5 held jobs on one thread: 5 ms of work each.
    recordAll(waited, 30, 16, 5);
    expect(waited.concurrency()).toBe(1 + 4);
    const alone = new Prefetch(1, 'auto');
    recordAll(alone, 30, 16, 0);
    expect(alone.concurrency()).toBe(1);
  });

  it('keeps a fixed number when one is given', () => {
    const prefetch = new Prefetch(3, 0);
    recordAll(prefetch, 0.01, 20);
    expect(prefetch.concurrency()).toBe(3);
    expect(new Prefetch(3, 5).concurrency()).toBe(8);
  });

  it('reads --prefetch', () => {
    expect(parsePrefetch(undefined)).toBe('auto');
    expect(parsePrefetch('auto')).toBe('auto');
    expect(parsePrefetch('0')).toBe(0);
    expect(parsePrefetch('12')).toBe(12);
    for (const bad of ['-1', '1.5', '', 'many']) {
      expect(() => parsePrefetch(bad)).toThrow(
        `--prefetch must be auto or an integer >= 0 (got ${JSON.stringify(bad)})`,
      );
    }
  });
});
