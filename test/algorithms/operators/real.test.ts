// SBX and polynomial mutation: their powers (by products and roots) agree with the textbook
// formulas written with Math.pow, their fair coins and mutation jumps have the right frequencies,
// and the in-place mutation changes no result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closedSpread,
  polynomialMutation,
  sbxCrossover,
  sbxSpread,
} from '../../../src/algorithms/operators/real.js';
import {
  closedAlphaLimit,
  realPower,
  realRoot,
} from '../../../src/algorithms/operators/real-powers.js';
import { createRng } from '../../../src/core/rng.js';

// The spread factor of the bounded SBX of Deb's NSGA-II code, with every power by Math.pow.
function referenceSpread(beta: number, u: number, eta: number): number {
  const alpha = 2 - Math.pow(beta, -(eta + 1));
  return u <= 1 / alpha
    ? Math.pow(u * alpha, 1 / (eta + 1))
    : Math.pow(1 / (2 - u * alpha), 1 / (eta + 1));
}

const etas = fc.constantFrom(0, 1, 2, 5, 15, 20, 30.5, 100);

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
  it('powers by products and roots agree with Math.pow to a few units in the last place', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 101 }),
        (x, n) => {
          const power = Math.pow(x, n);
          if (power < 1e300) {
            expect(Math.abs(realPower(x, n) - power)).toBeLessThanOrEqual(1e-13 * n * power);
          }
          if (n > 0) {
            // Math.pow's own error grows with |ln x|: its exponent 1/n is rounded.
            const root = Math.pow(x, 1 / n);
            expect(Math.abs(realRoot(x, n) - root)).toBeLessThanOrEqual(
              (2 + Math.abs(Math.log(x))) * 2.3e-16 * root,
            );
          }
        },
      ),
    );
    expect(realPower(3, 2.5)).toBe(Math.pow(3, 2.5));
    expect(realRoot(3, 31.5)).toBe(Math.pow(3, 1 / 31.5));
  });

  it('the SBX spread factor agrees with the textbook formula, for any distribution index', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e13, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        etas,
        (beta, u, eta) => {
          const reference = referenceSpread(beta, u, eta);
          expect(Math.abs(sbxSpread(beta, u, eta + 1) - reference)).toBeLessThanOrEqual(
            1e-13 * reference,
          );
        },
      ),
    );
  });

  it('past closedAlphaLimit the spread without the power is the same double', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1024 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (exponent, factor, u) => {
          const limit = closedAlphaLimit(exponent);
          // At the limit itself, and past it by any factor.
          for (const beta of [limit, limit * factor]) {
            expect(closedSpread(u, exponent)).toBe(sbxSpread(beta, u, exponent));
          }
        },
      ),
    );
    // Just below the limit alpha need not be 2 (here it is not, for exponent 1).
    expect(2 - 1 / realPower(closedAlphaLimit(1) / 4, 1)).toBeLessThan(2);
    expect(closedAlphaLimit(30.5)).toBe(Infinity);
  });

  it('SBX keeps children in the box and recombines each coordinate with probability 1/2', () => {
    fc.assert(
      fc.property(parents, etas, fc.nat(), ({ a, b, lower, upper }, eta, seed) => {
        const [c1, c2] = sbxCrossover(a, b, lower, upper, eta, createRng(seed));
        for (const child of [c1, c2]) {
          child.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(lower[i] as number);
            expect(v).toBeLessThanOrEqual(upper[i] as number);
          });
        }
      }),
    );
    // Parents apart in every coordinate of 20: recombined coordinates differ from both
    // parents' values; which child takes the lower value is a fair coin too.
    const rng = createRng(3);
    const a = Array.from({ length: 20 }, () => -1);
    const b = Array.from({ length: 20 }, () => 1);
    const lower = a.map(() => -5);
    const upper = a.map(() => 5);
    let recombined = 0;
    let swapped = 0;
    const trials = 5000;
    for (let t = 0; t < trials; t++) {
      const [c1] = sbxCrossover(a, b, lower, upper, 15, rng);
      for (const v of c1) {
        if (v !== -1 && v !== 1) {
          recombined++;
          if (v > 0) swapped++;
        }
      }
    }
    const n = trials * a.length;
    expect(Math.abs(recombined / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    expect(Math.abs(swapped / recombined - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / recombined));
  });

  it('polynomial mutation changes each coordinate with probability rate, independently', () => {
    const rng = createRng(5);
    const d = 12;
    const x = Array.from({ length: d }, () => 0.25);
    const lower = x.map(() => -1);
    const upper = x.map(() => 1);
    for (const rate of [0.05, 1 / d, 0.5, 0.9, 1]) {
      const perCoordinate = Array.from({ length: d }, () => 0);
      let sum = 0;
      let squares = 0;
      const trials = 8000;
      for (let t = 0; t < trials; t++) {
        const y = polynomialMutation(x, lower, upper, rate, 5, rng);
        let changed = 0;
        y.forEach((v, i) => {
          if (v !== 0.25) {
            changed++;
            perCoordinate[i] = (perCoordinate[i] as number) + 1;
          }
        });
        sum += changed;
        squares += changed * changed;
      }
      const mean = sum / trials;
      // Binomial(d, rate): mean d rate, variance d rate (1 - rate).
      const variance = d * rate * (1 - rate);
      expect(Math.abs(mean - d * rate)).toBeLessThan(5 * Math.sqrt(variance / trials) + 1e-9);
      expect(Math.abs(squares / trials - mean * mean - variance)).toBeLessThan(
        0.1 * variance + 1e-9,
      );
      for (const count of perCoordinate) {
        expect(Math.abs(count / trials - rate)).toBeLessThan(
          5 * Math.sqrt((rate * (1 - rate)) / trials) + 1e-9,
        );
      }
    }
    expect(polynomialMutation(x, lower, upper, 0, 5, rng)).toEqual(x);
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
