// Statistics of a batch on hand-made data: quantiles, success rate and COCO's ERT.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedRunningTime,
  mean,
  quantile,
  sortedValues,
  spread,
  successRate,
} from '../../../src/runners/batch/statistics.js';

describe('quantiles', () => {
  it('interpolates between order statistics like NumPy (type 7)', () => {
    const sorted = sortedValues([7, 1, 3, 5]);
    expect([...sorted]).toEqual([1, 3, 5, 7]);
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 0.25)).toBe(2.5);
    expect(quantile(sorted, 0.5)).toBe(4);
    expect(quantile(sorted, 0.75)).toBe(5.5);
    expect(quantile(sorted, 1)).toBe(7);
    expect(quantile(sortedValues([]), 0.5)).toBeNaN();
  });

  it('gives median, IQR and extremes, ignoring NaN and keeping infinities', () => {
    expect(spread([4, NaN, 1, 3, 2, 5])).toEqual({
      median: 3,
      q1: 2,
      q3: 4,
      iqr: 2,
      min: 1,
      max: 5,
    });
    const withFailure = spread([1, 2, Infinity]);
    expect(withFailure.median).toBe(2);
    expect(withFailure.max).toBe(Infinity);
    expect(spread([]).median).toBeNaN();
  });

  it('stays between the extremes and grows with q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, a, b) => {
          const sorted = sortedValues(values);
          const [low, high] = a <= b ? [a, b] : [b, a];
          const qa = quantile(sorted, low);
          const qb = quantile(sorted, high);
          expect(qa).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(qb).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
          expect(qa).toBeLessThanOrEqual(qb);
        },
      ),
    );
  });
});

describe('success rate and ERT (COCO)', () => {
  it('divides the evaluations spent until success or budget end by the successes', () => {
    // Two successes at 100 and 300 evaluations, one failure after its whole 1,000.
    const runs = [
      { evaluations: 1000, hitEvaluations: 100 },
      { evaluations: 1000, hitEvaluations: 300 },
      { evaluations: 1000, hitEvaluations: null },
    ];
    expect(successRate(runs)).toBeCloseTo(2 / 3, 15);
    expect(expectedRunningTime(runs)).toBe((100 + 300 + 1000) / 2);
  });

  it('counts a run that stopped early without success by what it spent', () => {
    const runs = [
      { evaluations: 400, hitEvaluations: 400 },
      { evaluations: 250, hitEvaluations: null },
    ];
    expect(expectedRunningTime(runs)).toBe(650);
    expect(successRate(runs)).toBe(0.5);
  });

  it('is the mean hitting time when every run succeeds', () => {
    const runs = [10, 20, 60].map((hit) => ({ evaluations: 100, hitEvaluations: hit }));
    expect(expectedRunningTime(runs)).toBe(30);
    expect(successRate(runs)).toBe(1);
  });

  it('is infinite without a success, and undefined (NaN) without runs', () => {
    const runs = [
      { evaluations: 50, hitEvaluations: null },
      { evaluations: 70, hitEvaluations: null },
    ];
    expect(expectedRunningTime(runs)).toBe(Infinity);
    expect(successRate(runs)).toBe(0);
    expect(expectedRunningTime([])).toBeNaN();
    expect(successRate([])).toBeNaN();
  });

  it('is at least the mean hitting time of the successful runs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            evaluations: fc.integer({ min: 1, max: 10_000 }),
            hit: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (drawn) => {
          const runs = drawn.map((r) => ({
            evaluations: r.evaluations,
            hitEvaluations: r.hit === null ? null : Math.min(r.hit, r.evaluations),
          }));
          const hits = runs.flatMap((r) => (r.hitEvaluations === null ? [] : [r.hitEvaluations]));
          const ert = expectedRunningTime(runs);
          if (hits.length === 0) expect(ert).toBe(Infinity);
          else expect(ert).toBeGreaterThanOrEqual(mean(hits) - 1e-9);
        },
      ),
    );
  });
});
