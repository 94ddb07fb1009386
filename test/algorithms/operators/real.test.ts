// SBX and polynomial mutation give, bit for bit, what the textbook formulas give: the shortcut
// that skips a power once alpha rounds to 2, and the in-place mutation, change no result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polynomialMutation, sbxCrossover } from '../../../src/algorithms/operators/real.js';
import { createRng, type Rng } from '../../../src/core/rng.js';

// The bounded SBX of Deb's NSGA-II code, written out with every power computed.
function referenceSbx(
  a: readonly number[],
  b: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  eta: number,
  rng: Rng,
): [number[], number[]] {
  const c1 = a.slice();
  const c2 = b.slice();
  const spread = (beta: number, u: number): number => {
    const alpha = 2 - Math.pow(beta, -(eta + 1));
    return u <= 1 / alpha
      ? Math.pow(u * alpha, 1 / (eta + 1))
      : Math.pow(1 / (2 - u * alpha), 1 / (eta + 1));
  };
  for (let i = 0; i < a.length; i++) {
    if (rng.next() >= 0.5) continue;
    const x1 = Math.min(a[i] as number, b[i] as number);
    const x2 = Math.max(a[i] as number, b[i] as number);
    if (x2 - x1 < 1e-14) continue;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const u = rng.next();
    const low = spread(1 + (2 * (x1 - lo)) / (x2 - x1), u);
    const high = spread(1 + (2 * (hi - x2)) / (x2 - x1), u);
    let y1 = 0.5 * (x1 + x2 - low * (x2 - x1));
    let y2 = 0.5 * (x1 + x2 + high * (x2 - x1));
    y1 = y1 < lo ? lo : y1 > hi ? hi : y1;
    y2 = y2 < lo ? lo : y2 > hi ? hi : y2;
    const swap = rng.next() < 0.5;
    c1[i] = swap ? y2 : y1;
    c2[i] = swap ? y1 : y2;
  }
  return [c1, c2];
}

// Parents in [-5, 5]^d at distances from 1e-12 to the whole box: betas from 1 to about 1e13,
// across the point where the power is skipped.
const parents = fc
  .array(
    fc.tuple(
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.double({ min: -12, max: 1, noNaN: true }),
      fc.boolean(),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows) => {
    const a = rows.map(([x]) => x);
    const b = rows.map(([x, exponent, up]) =>
      Math.min(5, Math.max(-5, x + (up ? 1 : -1) * 10 ** exponent)),
    );
    return { a, b, lower: rows.map(() => -5), upper: rows.map(() => 5) };
  });

describe('real-vector variation', () => {
  it('SBX equals the textbook formula bit for bit, for any distribution index', () => {
    fc.assert(
      fc.property(
        parents,
        fc.constantFrom(0, 1, 2, 5, 15, 20, 30.5, 100),
        fc.nat(),
        ({ a, b, lower, upper }, eta, seed) => {
          const fast = sbxCrossover(a, b, lower, upper, eta, createRng(seed));
          const reference = referenceSbx(a, b, lower, upper, eta, createRng(seed));
          expect(fast.map((c) => c.map((v) => (Object.is(v, -0) ? '-0' : v)))).toEqual(
            reference.map((c) => c.map((v) => (Object.is(v, -0) ? '-0' : v))),
          );
        },
      ),
    );
  });

  it('polynomial mutation in place gives the same vector as the copying form', () => {
    fc.assert(
      fc.property(parents, fc.nat(), ({ a, lower, upper }, seed) => {
        const copy = polynomialMutation(a, lower, upper, 0.5, 5, createRng(seed));
        const target = a.slice();
        const same = polynomialMutation(target, lower, upper, 0.5, 5, createRng(seed), true);
        expect(same).toBe(target);
        expect(same).toEqual(copy);
      }),
    );
  });
});
