// The ziggurat normal sampler: its layers, the moments and tails of its deviates, and the
// Kolmogorov-Smirnov distance of a large sample to the normal distribution.
import { describe, expect, it } from 'vitest';
import { standardNormal } from '../../../src/algorithms/operators/ziggurat.js';
import { createRng, type Rng } from '../../../src/core/rng.js';

/** Phi(x) by Simpson's rule on [0, |x|] (400 panels: error far below the tolerances here). */
function normalCdf(x: number): number {
  const t = Math.abs(x);
  const panels = 400;
  const h = t / panels;
  let sum = 0;
  for (let k = 0; k <= panels; k++) {
    const weight = k === 0 || k === panels ? 1 : k % 2 === 1 ? 4 : 2;
    sum += weight * Math.exp((-(k * h) * (k * h)) / 2);
  }
  const half = (sum * h) / 3 / Math.sqrt(2 * Math.PI);
  return x >= 0 ? 0.5 + half : 0.5 - half;
}

describe('standardNormal (ziggurat)', () => {
  const count = 200_000;
  const sample = (seed: number): Float64Array => {
    const rng = createRng(seed);
    const xs = new Float64Array(count);
    for (let i = 0; i < count; i++) xs[i] = standardNormal(rng);
    return xs;
  };

  it('has mean 0, variance 1, kurtosis 3 and the normal tails', () => {
    const xs = sample(11);
    let sum = 0;
    let squares = 0;
    let fourth = 0;
    let beyondTwo = 0;
    let beyondTail = 0;
    for (const x of xs) {
      sum += x;
      squares += x * x;
      fourth += x ** 4;
      if (Math.abs(x) > 2) beyondTwo++;
      if (Math.abs(x) > 3.442619855899) beyondTail++;
    }
    // Standard errors: mean 0.0022, variance 0.0032, kurtosis 0.022, P(|z| > 2) 0.00047,
    // P(|z| > r) 0.000054 (its expectation 0.000576: the base layer's tail).
    expect(Math.abs(sum / count)).toBeLessThan(0.01);
    expect(Math.abs(squares / count - 1)).toBeLessThan(0.015);
    expect(Math.abs(fourth / count - 3)).toBeLessThan(0.1);
    expect(Math.abs(beyondTwo / count - 0.0455)).toBeLessThan(0.0025);
    expect(Math.abs(beyondTail / count - 0.000576)).toBeLessThan(0.00025);
  });

  it('is within the Kolmogorov-Smirnov bound of the normal distribution', () => {
    const xs = sample(3).sort();
    let distance = 0;
    for (let i = 0; i < count; i += 97) {
      const cdf = normalCdf(xs[i]!);
      distance = Math.max(distance, Math.abs(cdf - i / count), Math.abs(cdf - (i + 1) / count));
    }
    // 1.63 / sqrt(n) is the 1% critical value.
    expect(distance).toBeLessThan(1.63 / Math.sqrt(count));
  });

  it('takes one uniform draw for nearly every deviate, and is a function of the stream', () => {
    const base = createRng(5);
    let draws = 0;
    const counting = { next: () => (draws++, base.next()) } as Rng;
    for (let i = 0; i < count; i++) standardNormal(counting);
    // 1.2% of the draws fall outside the inner rectangles and take one or two more.
    expect(draws / count).toBeGreaterThan(1.005);
    expect(draws / count).toBeLessThan(1.06);
    const first = createRng(9);
    const second = createRng(9);
    const same = Array.from({ length: 1000 }, () => standardNormal(first));
    expect(Array.from({ length: 1000 }, () => standardNormal(second))).toEqual(same);
  });
});
