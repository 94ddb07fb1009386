// Ranking without a comparator: the same order as a comparator sort (ties by index, NaN and
// Infinity last), and the head of it in one pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestRanked, rankOrder } from '../../../src/algorithms/operators/ranking.js';

// Few distinct values, so that ties are common; failures mixed in.
const valuesArbitrary = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -5, max: 5 }) },
    { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, NaN) },
  ),
  { maxLength: 200 },
);

function comparatorOrder(values: readonly number[]): number[] {
  const key = (i: number): number => (Number.isNaN(values[i]) ? Infinity : (values[i] as number));
  return values
    .map((_, i) => i)
    .sort((p, q) => (key(p) < key(q) ? -1 : key(p) > key(q) ? 1 : p - q));
}

describe('rankOrder', () => {
  it('orders as a comparator sort with ties by index', () => {
    fc.assert(
      fc.property(valuesArbitrary, (values) => {
        expect(rankOrder(values)).toEqual(comparatorOrder(values));
      }),
    );
  });
});

describe('bestRanked', () => {
  it('is the head of the full ranking', () => {
    fc.assert(
      fc.property(valuesArbitrary, fc.integer({ min: 0, max: 210 }), (values, count) => {
        expect(bestRanked(values, count)).toEqual(comparatorOrder(values).slice(0, count));
      }),
    );
  });
});
