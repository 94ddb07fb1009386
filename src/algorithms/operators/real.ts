// Operators on bounded real vectors: bound handling, gaussian steps, polynomial mutation, SBX.
// Polynomial mutation and simulated binary crossover follow Deb & Agrawal 1995 and
// Deb & Goyal 1996 (the bounded forms used by NSGA-II).
import type { Rng } from '../../core/rng.js';
import { closedAlphaLimit, realPower, realRoot } from './real-powers.js';

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
 * new vector, or x itself changed when `inPlace` (a child that nothing else holds yet). The
 * mutated coordinates are found by geometric jumps: one draw per mutated coordinate, plus one,
 * instead of one per coordinate.
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
  if (!(rate > 0)) return y;
  const exponent = distributionIndex + 1;
  const logKeep = logKeepOf(rate);
  for (
    let i = skippedCoordinates(logKeep, rng);
    i < y.length;
    i += 1 + skippedCoordinates(logKeep, rng)
  ) {
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const width = hi - lo;
    if (!(width > 0)) continue;
    const v = y[i] as number;
    const u = rng.next();
    let deltaQ: number;
    if (u < 0.5) {
      const base = 2 * u + (1 - 2 * u) * realPower(1 - (v - lo) / width, exponent);
      deltaQ = realRoot(base, exponent) - 1;
    } else {
      const base = 2 * (1 - u) + 2 * (u - 0.5) * realPower(1 - (hi - v) / width, exponent);
      deltaQ = 1 - realRoot(base, exponent);
    }
    const next = v + deltaQ * width;
    y[i] = next < lo ? lo : next > hi ? hi : next;
  }
  return y;
}

// log(1 - rate) for the last rate asked about: every call of a run mutates at one rate.
let keepRate = NaN;
let keepLog = 0;
function logKeepOf(rate: number): number {
  if (rate !== keepRate) {
    keepRate = rate;
    keepLog = Math.log1p(-Math.min(rate, 1));
  }
  return keepLog;
}

// Coordinates left alone before the next mutated one: Geometric(rate) on 0, 1, 2..., drawn by
// inversion, floor(log U / log(1 - rate)) with U in (0, 1] (logKeep = log(1 - rate)).
function skippedCoordinates(logKeep: number, rng: Rng): number {
  return Math.floor(Math.log(1 - rng.next()) / logKeep);
}

/** Coordinates per uniform draw in SBX: two fair coins each, from the top 16 bits of the draw. */
const COORDINATES_PER_DRAW = 8;
const COIN_WORDS = 2 ** (2 * COORDINATES_PER_DRAW);

/**
 * Simulated binary crossover (bounded form), applied per coordinate with probability 0.5;
 * `distributionIndex` (eta_c) controls how close children stay to their parents. The fair coins
 * (does a coordinate recombine, which child takes which value) are bits of one uniform draw per
 * eight coordinates: floor(U 2^16) is uniform on 16 bits, each an independent fair coin.
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
  const exponent = distributionIndex + 1;
  const limit = closedAlphaLimit(exponent);
  let coins = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % COORDINATES_PER_DRAW === 0) coins = rng.int(COIN_WORDS);
    const pair = (coins >>> (2 * (i % COORDINATES_PER_DRAW))) & 3;
    if ((pair & 1) === 1) continue;
    const x1 = Math.min(a[i] as number, b[i] as number);
    const x2 = Math.max(a[i] as number, b[i] as number);
    if (x2 - x1 < 1e-14) continue;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const u = rng.next();
    const betaLow = 1 + (2 * (x1 - lo)) / (x2 - x1);
    const betaHigh = 1 + (2 * (hi - x2)) / (x2 - x1);
    // Past the limit alpha is exactly 2 (no power to take): once a population has converged,
    // both sides usually are, and share one root.
    const spreadLow = spreadAt(betaLow, u, exponent, limit);
    const spreadHigh =
      betaHigh === betaLow || (betaHigh >= limit && betaLow >= limit)
        ? spreadLow
        : spreadAt(betaHigh, u, exponent, limit);
    let y1 = 0.5 * (x1 + x2 - spreadLow * (x2 - x1));
    let y2 = 0.5 * (x1 + x2 + spreadHigh * (x2 - x1));
    y1 = y1 < lo ? lo : y1 > hi ? hi : y1;
    y2 = y2 < lo ? lo : y2 > hi ? hi : y2;
    if ((pair & 2) === 2) {
      c1[i] = y2;
      c2[i] = y1;
    } else {
      c1[i] = y1;
      c2[i] = y2;
    }
  }
  return [c1, c2];
}

/**
 * The spread factor beta_q of one side of SBX for the uniform u, where the parents lie
 * (beta - 1) / 2 gaps from the bound and `exponent` = eta_c + 1 (Deb & Agrawal 1995, bounded):
 * alpha = 2 - beta^-exponent, then (u alpha)^(1/exponent) if u <= 1/alpha, else
 * (1 / (2 - u alpha))^(1/exponent).
 */
export function sbxSpread(beta: number, u: number, exponent: number): number {
  const alpha = 2 - 1 / realPower(beta, exponent);
  return u <= 1 / alpha ? realRoot(u * alpha, exponent) : realRoot(1 / (2 - u * alpha), exponent);
}

// The spread at beta: the closed form once beta is at or past `limit` (alpha exactly 2).
function spreadAt(beta: number, u: number, exponent: number, limit: number): number {
  return beta >= limit ? closedSpread(u, exponent) : sbxSpread(beta, u, exponent);
}

/** {@link sbxSpread} where alpha is exactly 2 (beta at or past closedAlphaLimit): same doubles. */
export function closedSpread(u: number, exponent: number): number {
  return u <= 0.5 ? realRoot(u * 2, exponent) : realRoot(1 / (2 - u * 2), exponent);
}
