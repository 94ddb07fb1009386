// maxOf / minOf: Math.max and Math.min of an array, without spreading it onto the stack.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../src/core/extremes.js';
import { makeAxis } from '../../src/report/svg/axis.js';

describe('maxOf and minOf', () => {
  it('equal Math.max and Math.min, NaN and empty arrays included', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 50 }), (values) => {
        expect(maxOf(values)).toBe(Math.max(...values));
        expect(minOf(values)).toBe(Math.min(...values));
      }),
      { numRuns: 2000 },
    );
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([1, NaN, 3])).toBeNaN();
    expect(Object.is(maxOf([-0, 0]), 0)).toBe(true);
    expect(Object.is(minOf([0, -0]), -0)).toBe(true);
  });

  it('take 200,000 values, which Math.max(...values) cannot (a report axis over a large study)', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => i / 7);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(199_999 / 7);
    expect(minOf(values)).toBe(0);
    const axis = makeAxis(values, { log: false, from: 0, to: 100 });
    expect(axis.min).toBeLessThanOrEqual(0);
    expect(axis.max).toBeGreaterThanOrEqual(199_999 / 7);
  });
});
