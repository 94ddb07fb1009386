// The ziggurat normal sampler: its layers' equal areas, the moments and tails of its deviates, the
// Kolmogorov-Smirnov distances of the whole and of the tail sampler to their distributions, and a
// chi-square test of a fine histogram (where a wrong wedge test shows).
import { describe, expect, it } from 'vitest';
import {
  edges,
  heights,
  LAYER_AREA,
  normalTail,
  standardNormal,
  TAIL_START,
} from '../../../src/algorithms/operators/ziggurat.js';
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

/** The integral of the unnormalized density exp(-t^2 / 2) over [a, b], Simpson with 2000 panels. */
function densityIntegral(a: number, b: number): number {
  const panels = 2000;
  const h = (b - a) / panels;
  let sum = 0;
  for (let k = 0; k <= panels; k++) {
    const t = a + k * h;
    const weight = k === 0 || k === panels ? 1 : k % 2 === 1 ? 4 : 2;
    sum += weight * Math.exp(-0.5 * t * t);
  }
  return (sum * h) / 3;
}

describe('ziggurat layers (Marsaglia & Tsang 2000, 128 layers)', () => {
  const f = (x: number): number => Math.exp(-0.5 * x * x);

  it('gives every layer the same area v, the base strip with its tail included', () => {
    expect(edges[1]).toBe(TAIL_START);
    expect(edges[128]).toBe(0);
    // Base: the rectangle [0, r] x [0, f(r)] plus the tail beyond r.
    const base = TAIL_START * f(TAIL_START) + densityIntegral(TAIL_START, TAIL_START + 12);
    expect(base / LAYER_AREA - 1).toBeCloseTo(0, 8);
    expect(edges[0]! * f(TAIL_START)).toBeCloseTo(LAYER_AREA, 15);
    // Layers 1..127, the top one (up to f(0) = 1) included: it closes only if r and v match.
    for (let i = 1; i < 128; i++) {
      const area = edges[i]! * (heights[i + 1]! - heights[i]!);
      expect(area / LAYER_AREA - 1).toBeCloseTo(0, 8);
    }
    for (let i = 0; i < 128; i++) expect(edges[i + 1]!).toBeLessThan(edges[i]!);
  });
});

describe('normalTail', () => {
  it('follows the normal distribution conditioned on x > r (Kolmogorov-Smirnov)', () => {
    const rng = createRng(21);
    const count = 50_000;
    const xs = Float64Array.from({ length: count }, () => normalTail(rng)).sort();
    const total = densityIntegral(TAIL_START, TAIL_START + 12);
    let distance = 0;
    for (let i = 0; i < count; i += 53) {
      const cdf = densityIntegral(TAIL_START, xs[i]!) / total;
      distance = Math.max(distance, Math.abs(cdf - i / count), Math.abs(cdf - (i + 1) / count));
    }
    expect(xs[0]).toBeGreaterThan(TAIL_START);
    expect(distance).toBeLessThan(1.63 / Math.sqrt(count));
  });
});

describe('standardNormal histogram', () => {
  it('fills bins of width 0.05 as the normal density does (chi-square, 1% level)', () => {
    // Bins of |x| over [0, 3.5) and the rest: the wedges of the layers are a few hundredths wide,
    // so a wrong wedge test shows here long before it moves the moments.
    const width = 0.05;
    const bins = 70;
    const count = 1_000_000;
    const observed = new Float64Array(bins + 1);
    const rng = createRng(17);
    for (let i = 0; i < count; i++) {
      const bin = Math.floor(Math.abs(standardNormal(rng)) / width);
      observed[Math.min(bin, bins)]!++;
    }
    const half = densityIntegral(0, 40);
    let chiSquare = 0;
    for (let b = 0; b <= bins; b++) {
      const mass =
        b < bins
          ? densityIntegral(b * width, (b + 1) * width) / half
          : densityIntegral(bins * width, 40) / half;
      const expected = mass * count;
      chiSquare += (observed[b]! - expected) ** 2 / expected;
    }
    // 70 degrees of freedom: the 1% critical value is 100.4.
    expect(chiSquare).toBeLessThan(100.4);
  });
});
