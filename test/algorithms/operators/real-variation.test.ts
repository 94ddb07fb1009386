// Real-vector crossover and mutation: children stay in the box, parents are left untouched,
// and each operator has its defining property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arithmeticCrossover,
  blendCrossover,
} from '../../../src/algorithms/operators/real-crossover.js';
import {
  gaussianMutation,
  uniformResetMutation,
} from '../../../src/algorithms/operators/real-mutation.js';
import { createRng } from '../../../src/core/rng.js';

const seedArbitrary = fc.integer({ min: 0, max: 2 ** 31 - 1 });

// A box and two parents inside it (some coordinates fixed, some parents on the bounds).
const boxAndParents = fc
  .array(
    fc.tuple(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e3, noNaN: true })),
      fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
      fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((rows) => {
    const lower = rows.map(([lo]) => lo);
    const upper = rows.map(([lo, width]) => lo + width);
    const at = (t: number, i: number): number =>
      Math.min(
        upper[i] as number,
        (lower[i] as number) + t * ((upper[i] as number) - (lower[i] as number)),
      );
    return {
      lower,
      upper,
      a: rows.map(([, , t], i) => at(t, i)),
      b: rows.map(([, , , t], i) => at(t, i)),
    };
  });

function inBox(x: readonly number[], lower: readonly number[], upper: readonly number[]): boolean {
  return x.every(
    (v, i) => Number.isFinite(v) && v >= (lower[i] as number) && v <= (upper[i] as number),
  );
}

describe('real crossover', () => {
  it('blend children stay in the box; alpha = 0 keeps them between the parents', () => {
    fc.assert(
      fc.property(
        boxAndParents,
        fc.double({ min: 0, max: 2, noNaN: true }),
        seedArbitrary,
        (box, alpha, seed) => {
          const { lower, upper, a, b } = box;
          const a0 = a.slice();
          const children = blendCrossover(a, b, lower, upper, alpha, createRng(seed));
          for (const c of children) expect(inBox(c, lower, upper)).toBe(true);
          expect(a).toEqual(a0);
          const hull = blendCrossover(a, b, lower, upper, 0, createRng(seed));
          for (const c of hull)
            c.forEach((v, i) => {
              expect(v).toBeGreaterThanOrEqual(Math.min(a[i] as number, b[i] as number));
              expect(v).toBeLessThanOrEqual(Math.max(a[i] as number, b[i] as number));
            });
        },
      ),
    );
  });

  it('blend with alpha 0.5 reaches past the parents', () => {
    const lower = [-100];
    const upper = [100];
    const rng = createRng(1);
    let outside = 0;
    for (let k = 0; k < 1000; k++) {
      const [c] = blendCrossover([0], [1], lower, upper, 0.5, rng);
      const v = c[0] as number;
      expect(v).toBeGreaterThanOrEqual(-0.5);
      expect(v).toBeLessThanOrEqual(1.5);
      if (v < 0 || v > 1) outside++;
    }
    // Half of [-0.5, 1.5] lies outside [0, 1].
    expect(outside / 1000).toBeCloseTo(0.5, 1);
  });

  it('arithmetic children lie between the parents, and their sum equals the parents sum', () => {
    fc.assert(
      fc.property(boxAndParents, seedArbitrary, (box, seed) => {
        const { lower, upper, a, b } = box;
        const [c1, c2] = arithmeticCrossover(a, b, createRng(seed));
        for (const c of [c1, c2]) {
          expect(inBox(c, lower, upper)).toBe(true);
          c.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(Math.min(a[i] as number, b[i] as number));
            expect(v).toBeLessThanOrEqual(Math.max(a[i] as number, b[i] as number));
          });
        }
        c1.forEach((v, i) => {
          const scale = Math.abs(a[i] as number) + Math.abs(b[i] as number) + 1;
          expect(
            Math.abs(v + (c2[i] as number) - (a[i] as number) - (b[i] as number)),
          ).toBeLessThan(1e-12 * scale);
        });
      }),
    );
  });
});

describe('real mutation', () => {
  it('gaussian and uniform reset stay in the box and do nothing at rate 0', () => {
    fc.assert(
      fc.property(
        boxAndParents,
        fc.double({ min: 0, max: 1, noNaN: true }),
        seedArbitrary,
        (box, rate, seed) => {
          const { lower, upper, a } = box;
          const a0 = a.slice();
          expect(
            inBox(gaussianMutation(a, lower, upper, rate, 0.3, createRng(seed)), lower, upper),
          ).toBe(true);
          expect(
            inBox(uniformResetMutation(a, lower, upper, rate, createRng(seed)), lower, upper),
          ).toBe(true);
          expect(gaussianMutation(a, lower, upper, 0, 0.3, createRng(seed))).toEqual(a);
          expect(uniformResetMutation(a, lower, upper, 0, createRng(seed))).toEqual(a);
          expect(a).toEqual(a0);
        },
      ),
    );
  });

  it('mutate each coordinate with probability rate', () => {
    const n = 2000;
    const x = new Array<number>(n).fill(0.5);
    const lower = new Array<number>(n).fill(0);
    const upper = new Array<number>(n).fill(1);
    const changed = (y: number[]): number => y.filter((v) => v !== 0.5).length / n;
    expect(changed(gaussianMutation(x, lower, upper, 0.1, 0.1, createRng(1)))).toBeCloseTo(0.1, 1);
    expect(changed(uniformResetMutation(x, lower, upper, 0.3, createRng(2)))).toBeCloseTo(0.3, 1);
  });

  it('gaussian steps have the documented spread', () => {
    const n = 4000;
    const y = gaussianMutation(
      new Array<number>(n).fill(0),
      new Array<number>(n).fill(-100),
      new Array<number>(n).fill(100),
      1,
      0.01,
      createRng(3),
    );
    const sd = Math.sqrt(y.reduce((s, v) => s + v * v, 0) / n);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
  });
});
