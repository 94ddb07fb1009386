import { describe, expect, it } from 'vitest';
import { WorkSplitter } from '../../src/runners/work-split.js';

describe('WorkSplitter', () => {
  it('sends an expensive objective to the workers one candidate per task', () => {
    const splitter = new WorkSplitter(2, { localShare: true });
    const first = splitter.plan(16);
    expect(first.local).toBe(0);
    splitter.learn(Array(16).fill(20), { count: 0, ms: 0 }, { count: 16, ms: 160 });
    expect(splitter.plan(16)).toEqual({ local: 0, chunkSize: 1 });
  });

  it('chunks a cheap objective so that a task lasts a few milliseconds', () => {
    const splitter = new WorkSplitter(2, { localShare: false });
    splitter.plan(100_000);
    splitter.learn(Array(8).fill(0.001), { count: 0, ms: 0 }, { count: 100_000, ms: 60 });
    const plan = splitter.plan(100_000);
    expect(plan.local).toBe(0);
    expect(plan.chunkSize).toBe(5000);
  });

  it('balances the calling thread and the workers by their measured rates', () => {
    const splitter = new WorkSplitter(2, { localShare: true });
    splitter.plan(1000);
    // The calling thread evaluates 1 per microsecond, the workers together 3 per microsecond.
    splitter.learn(Array(4).fill(0.01), { count: 0, ms: 0 }, { count: 3000, ms: 1 });
    for (let batch = 0; batch < 10; batch++) {
      splitter.plan(1000);
      splitter.learn(Array(4).fill(0.01), { count: 1000, ms: 1 }, { count: 3000, ms: 1 });
    }
    const plan = splitter.plan(1000);
    expect(plan.local).toBeGreaterThan(200);
    expect(plan.local).toBeLessThan(300);
  });

  it('keeps a tiny objective local, probing the workers ever less often', () => {
    const splitter = new WorkSplitter(2, { localShare: true });
    const probes: number[] = [];
    for (let batch = 1; batch <= 2000; batch++) {
      const plan = splitter.plan(1000);
      if (batch > 3 && plan.local < 1000) probes.push(batch);
      const remote = 1000 - plan.local;
      // Local: 100 per microsecond; workers: a 1 ms round trip whatever their share.
      splitter.learn(
        remote > 0 ? Array(2).fill(0.0001) : [],
        { count: plan.local, ms: plan.local / 100_000 },
        { count: remote, ms: remote > 0 ? 1 : 0 },
      );
    }
    expect(probes.slice(0, 4)).toEqual([64, 192, 448, 960]);
    expect(probes.length).toBe(5);
  });
});
