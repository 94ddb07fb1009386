// The medians of CMA-ES's stagnation test: selection on a scratch copy gives the same value as
// sorting the slice, without changing the history.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianOf } from '../../src/algorithms/cma-es/history.js';

function sortedMedian(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('cma-es history medians', () => {
  it('equals the median of the sorted slice, ties and infinite values included', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(Infinity),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.nat(), (values, at) => {
        const start = at % values.length;
        const count = values.length - start;
        const copy = values.slice();
        expect(medianOf(values, start, count)).toBe(sortedMedian(values.slice(start)));
        expect(values).toEqual(copy);
      }),
    );
  });
});
