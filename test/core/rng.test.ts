// The seeded Rng: determinism, forks, state snapshots and distributions.
import { describe, expect, it } from 'vitest';
import { createRng, restoreRng } from '../../src/core/rng.js';

const draw = (rng: ReturnType<typeof createRng>, n: number): number[] =>
  Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    expect(draw(createRng(7), 20)).toEqual(draw(createRng(7), 20));
    expect(draw(createRng(7), 20)).not.toEqual(draw(createRng(8), 20));
    expect(draw(createRng('abc'), 5)).toEqual(draw(createRng('abc'), 5));
  });

  it('resumes exactly from a JSON snapshot', () => {
    const rng = createRng(3);
    draw(rng, 17);
    const snapshot = JSON.parse(JSON.stringify(rng.getState()));
    const resumed = restoreRng(snapshot);
    expect(draw(resumed, 50)).toEqual(draw(rng, 50));
    expect(resumed.seed).toBe(rng.seed);
  });

  it('forks independent streams without advancing the parent', () => {
    const rng = createRng(5);
    const before = rng.getState();
    const a = rng.fork('a');
    const b = rng.fork('b');
    expect(rng.getState()).toEqual(before);
    expect(draw(a, 10)).not.toEqual(draw(b, 10));
    expect(draw(createRng(5).fork('a'), 10)).toEqual(draw(createRng(5).fork('a'), 10));
  });

  it('draws within range with the right moments', () => {
    const rng = createRng(11);
    const n = 50000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.normal(2, 3);
      sum += v;
      squares += v * v;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(squares / n - mean * mean)).toBeCloseTo(3, 1);
    for (let i = 0; i < 1000; i++) {
      const k = rng.integer(-2, 3);
      expect(k).toBeGreaterThanOrEqual(-2);
      expect(k).toBeLessThanOrEqual(3);
      const u = rng.uniform(4, 5);
      expect(u >= 4 && u < 5).toBe(true);
    }
    expect(rng.permutation(10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(NaN)).toThrow(/seed must be a finite number/);
  });
});
