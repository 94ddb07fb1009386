// Operators on bounded real vectors: bound handling, gaussian steps, polynomial mutation, SBX.
// Polynomial mutation and simulated binary crossover follow Deb & Agrawal 1995 and
// Deb & Goyal 1996 (the bounded forms used by NSGA-II).
import type { Rng } from '../../core/rng.js';

/** Clamps each coordinate into [lower_i, upper_i], in place. */
export function clampInPlace(
  x: number[],
  lower: readonly number[],
  upper: readonly number[],
): number[] {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    x[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return x;
}

/** Reflects a coordinate back into [low, high] (mirror at the bounds), clamping after many widths. */
export function reflect(value: number, low: number, high: number): number {
  if (value >= low && value <= high) return value;
  const width = high - low;
  if (!(width > 0)) return low;
  if (!Number.isFinite(value)) return value > 0 ? high : low;
  // Fold onto [0, 2 * width): the second half mirrors the first.
  let offset = (value - low) % (2 * width);
  if (offset < 0) offset += 2 * width;
  return offset <= width ? low + offset : high - (offset - width);
}

/** Reflects every coordinate into the box, in place. */
export function reflectInPlace(
  x: number[],
  lower: readonly number[],
  upper: readonly number[],
): number[] {
  for (let i = 0; i < x.length; i++)
    x[i] = reflect(x[i] as number, lower[i] as number, upper[i] as number);
  return x;
}

/**
 * Gaussian step on every coordinate: x_i + N(0, (scale * (upper_i - lower_i))^2), reflected
 * into the box. Returns a new vector.
 */
export function gaussianStep(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  scale: number,
  rng: Rng,
): number[] {
  const y = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    y[i] = reflect((x[i] as number) + rng.normal(0, scale * (hi - lo)), lo, hi);
  }
  return y;
}

/** Gaussian step on one random coordinate, reflected into the box. Returns a new vector. */
export function gaussianCoordinateStep(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  scale: number,
  rng: Rng,
): number[] {
  const y = x.slice();
  const i = rng.int(x.length);
  const lo = lower[i] as number;
  const hi = upper[i] as number;
  y[i] = reflect((x[i] as number) + rng.normal(0, scale * (hi - lo)), lo, hi);
  return y;
}

/** Uniform point in the box. */
export function uniformVector(
  lower: readonly number[],
  upper: readonly number[],
  rng: Rng,
): number[] {
  const x = new Array<number>(lower.length);
  for (let i = 0; i < lower.length; i++) x[i] = rng.uniform(lower[i] as number, upper[i] as number);
  return x;
}

/**
 * Polynomial mutation (bounded form): each coordinate mutates with probability `rate`;
 * `distributionIndex` (eta_m) controls the spread, larger is closer to the parent. Returns a
 * new vector, or x itself changed when `inPlace` (a child that nothing else holds yet).
 */
export function polynomialMutation(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  rate: number,
  distributionIndex: number,
  rng: Rng,
  inPlace = false,
): number[] {
  const y = inPlace ? (x as number[]) : x.slice();
  const power = 1 / (distributionIndex + 1);
  for (let i = 0; i < y.length; i++) {
    if (rng.next() >= rate) continue;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const width = hi - lo;
    if (!(width > 0)) continue;
    const v = y[i] as number;
    const delta1 = (v - lo) / width;
    const delta2 = (hi - v) / width;
    const u = rng.next();
    let deltaQ: number;
    if (u < 0.5) {
      const base = 2 * u + (1 - 2 * u) * Math.pow(1 - delta1, distributionIndex + 1);
      deltaQ = Math.pow(base, power) - 1;
    } else {
      const base = 2 * (1 - u) + 2 * (u - 0.5) * Math.pow(1 - delta2, distributionIndex + 1);
      deltaQ = 1 - Math.pow(base, power);
    }
    const next = v + deltaQ * width;
    y[i] = next < lo ? lo : next > hi ? hi : next;
  }
  return y;
}

/**
 * Simulated binary crossover (bounded form), applied per coordinate with probability 0.5;
 * `distributionIndex` (eta_c) controls how close children stay to their parents.
 */
export function sbxCrossover(
  a: readonly number[],
  b: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  distributionIndex: number,
  rng: Rng,
): [number[], number[]] {
  const c1 = a.slice();
  const c2 = b.slice();
  const power = 1 / (distributionIndex + 1);
  for (let i = 0; i < a.length; i++) {
    if (rng.next() >= 0.5) continue;
    const x1 = Math.min(a[i] as number, b[i] as number);
    const x2 = Math.max(a[i] as number, b[i] as number);
    if (x2 - x1 < 1e-14) continue;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const u = rng.next();
    const betaLow = 1 + (2 * (x1 - lo)) / (x2 - x1);
    const betaHigh = 1 + (2 * (hi - x2)) / (x2 - x1);
    // Parents far from both bounds (the common case once a population has converged) spread
    // alike on both sides: one power instead of four.
    const spreadLow = childSpread(betaLow, u, distributionIndex, power);
    const spreadHigh =
      betaHigh >= openLimit && betaLow >= openLimit
        ? spreadLow
        : childSpread(betaHigh, u, distributionIndex, power);
    let y1 = 0.5 * (x1 + x2 - spreadLow * (x2 - x1));
    let y2 = 0.5 * (x1 + x2 + spreadHigh * (x2 - x1));
    y1 = y1 < lo ? lo : y1 > hi ? hi : y1;
    y2 = y2 < lo ? lo : y2 > hi ? hi : y2;
    if (rng.next() < 0.5) {
      c1[i] = y2;
      c2[i] = y1;
    } else {
      c1[i] = y1;
      c2[i] = y2;
    }
  }
  return [c1, c2];
}

// The spread factor beta_q of one side. alpha = 2 - beta^-(eta+1) rounds to exactly 2 once
// beta^-(eta+1) <= 2^-54, under half the gap between 2 and the double below it: from
// `openLimit` on, the power is not computed, and the result is the same double.
function childSpread(beta: number, u: number, eta: number, power: number): number {
  if (eta !== openLimitEta) setOpenLimit(eta);
  const alpha = beta >= openLimit ? 2 : 2 - Math.pow(beta, -(eta + 1));
  return u <= 1 / alpha ? Math.pow(u * alpha, power) : Math.pow(1 / (2 - u * alpha), power);
}

// The smallest beta tried from which beta^-(eta+1) <= 2^-56 as Math.pow computes it (a factor 4
// below the 2^-54 that alpha's rounding allows, for the power's own rounding), for the last eta.
let openLimitEta = NaN;
let openLimit = Infinity;

function setOpenLimit(eta: number): void {
  let limit = eta + 1 > 0 ? Math.pow(2, 56 / (eta + 1)) : Infinity;
  while (limit < Infinity && !(Math.pow(limit, -(eta + 1)) <= 2 ** -56)) limit *= 2;
  openLimit = limit;
  openLimitEta = eta;
}
