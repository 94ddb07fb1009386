// The TPE's tabulated normal CDF and the truncation masses of its kernels: each mass is, bit for
// bit, Phi(high) - Phi(low) with the exported CDF, tails and NaN included.
import { describe, expect, it } from 'vitest';
import { multiplyTruncationMasses, normalCdf } from '../../src/algorithms/tpe/normal-cdf.js';

describe('the normal CDF of the TPE kernels', () => {
  it('is within 2e-7 of the exact CDF and exact in the tails', () => {
    const exact = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
    for (let z = -7.9; z < 7.9; z += 0.0731) {
      expect(Math.abs(normalCdf(z) - exact(z))).toBeLessThan(2e-7);
    }
    expect(normalCdf(-8)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(8)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('multiplies each mass by Phi(high) - Phi(low), at least 1e-12, the same doubles', () => {
    const means = Float64Array.from([0.3, -4.9, 5, 12, -30, 0.5, NaN, 2.2]);
    const inverseSigmas = Float64Array.from([2, 0.7, 1.5, 3, 1, 1e-3, 1, 40]);
    const before = Float64Array.from([1, 0.5, 0.25, 1, 1, 0.125, 1, 0.75]);
    const masses = before.slice();
    multiplyTruncationMasses(means, inverseSigmas, -5, 5, masses, 7);
    for (let k = 0; k < 7; k++) {
      const mean = means[k]!;
      const mass =
        normalCdf((5 - mean) * inverseSigmas[k]!) - normalCdf((-5 - mean) * inverseSigmas[k]!);
      expect(masses[k]).toBe(before[k]! * (mass > 1e-12 ? mass : 1e-12));
    }
    expect(masses[3]).toBe(1e-12);
    expect(masses[7]).toBe(0.75);
  });
});

// The reference erf: its Maclaurin series below 3, its continued fraction beyond.
function erf(x: number): number {
  if (Math.abs(x) < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let fraction = 0;
  for (let n = 60; n >= 1; n--) fraction = n / 2 / (Math.abs(x) + fraction);
  const tail = Math.exp(-x * x) / Math.sqrt(Math.PI) / (Math.abs(x) + fraction);
  return Math.sign(x) * (1 - tail);
}
