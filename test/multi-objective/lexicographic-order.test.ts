// The order of points by first then second coordinate: the radix path (512 points and more)
// and the comparator path give the order of a plain comparator sort, with negative values,
// zeros of both signs, infinities and many ties; the 2-D hypervolume on large shuffled sets is
// the same to the last bit as a sweep in that order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume2d } from '../../src/multi-objective/hypervolume-2d.js';
import { lexicographicOrder } from '../../src/multi-objective/lexicographic-order.js';

// Values with many repeats, both zeros, infinities, subnormals and both signs.
const coordinate = fc.oneof(
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1, -1, 0.5, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE),
  fc.integer({ min: -3, max: 3 }),
);

function naiveOrder(first: Float64Array, second: Float64Array): number[] {
  return Array.from(first, (_, i) => i).sort((a, b) => {
    const x = (first[a] as number) - (first[b] as number);
    if (x < 0 || (x > 0 && !Number.isNaN(x))) return x;
    const y = (second[a] as number) - (second[b] as number);
    return Number.isNaN(y) || y === 0 ? 0 : y;
  });
}

// Two orders agree when they list the same (first, second) pairs in turn (equal pairs may
// swap their indices).
function pairs(order: ArrayLike<number>, first: Float64Array, second: Float64Array): string[] {
  return Array.from(
    order,
    (i) => `${first[i] === 0 ? 0 : first[i]},${second[i] === 0 ? 0 : second[i]}`,
  );
}

describe('lexicographicOrder', () => {
  for (const [label, minLength, maxLength] of [
    ['comparator', 0, 60],
    ['radix', 512, 1500],
  ] as const) {
    it(`orders like a comparator sort (${label} path)`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(coordinate, coordinate), { minLength, maxLength }),
          (points) => {
            const first = Float64Array.from(points, (p) => p[0]);
            const second = Float64Array.from(points, (p) => p[1]);
            const order = lexicographicOrder(first, second, points.length);
            expect([...order].sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
            expect(pairs(order, first, second)).toEqual(
              pairs(naiveOrder(first, second), first, second),
            );
          },
        ),
        { numRuns: label === 'radix' ? 15 : 100 },
      );
    });
  }

  it('reads only the first count entries', () => {
    const first = Float64Array.from({ length: 700 }, (_, i) => 700 - i);
    const second = new Float64Array(700);
    first[600] = -5;
    const order = lexicographicOrder(first, second, 600);
    expect(order.length).toBe(600);
    expect(order[0]).toBe(599);
    expect(order[599]).toBe(0);
  });
});

describe('hypervolume2d on large sets', () => {
  it('equals a comparator-ordered sweep to the last bit', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -1, max: 1.2, noNaN: true }), fc.integer({ min: 0, max: 40 })),
          { minLength: 512, maxLength: 3000 },
        ),
        (raw) => {
          const points = raw.map(([x, y]) => [x, y / 40]);
          const sorted = [...points].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
          let area = 0;
          let ceiling = 1.1;
          for (const [x, y] of sorted) {
            if (x! < 1.1 && y! < ceiling) {
              area += (1.1 - x!) * (ceiling - y!);
              ceiling = y!;
            }
          }
          expect(hypervolume2d(points, [1.1, 1.1])).toBe(area);
        },
      ),
      { numRuns: 15 },
    );
  });
});
