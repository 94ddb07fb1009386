// L-SHADE's size reduction: the members kept are the head of the ranking, in their order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepBest } from '../../src/algorithms/differential-evolution/population.js';

describe('keepBest', () => {
  it('keeps the size best (ties by index) in population order and returns the rest', () => {
    const arbitrary = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)), {
        minLength: 1,
        maxLength: 60,
      })
      .chain((values) => fc.tuple(fc.constant(values), fc.integer({ min: 0, max: values.length })));
    fc.assert(
      fc.property(arbitrary, ([values, size]) => {
        const vectors = values.map((v, i) => [i, v]);
        const ranked = values
          .map((_, i) => i)
          .sort((p, q) => (values[p] as number) - (values[q] as number) || p - q);
        const kept = ranked.slice(0, size).sort((a, b) => a - b);
        const copy = values.slice();
        const dropped = keepBest(vectors, copy, size);
        expect(vectors.map((v) => v[0])).toEqual(kept);
        expect(copy).toEqual(kept.map((i) => values[i]));
        expect(dropped.map((v) => v[0]).sort((a, b) => (a as number) - (b as number))).toEqual(
          ranked.slice(size).sort((a, b) => a - b),
        );
      }),
    );
  });
});
