// Per-coordinate mutation of bounded real vectors: gaussian (Schwefel 1981's normal step; DEAP's
// mutGaussian) and uniform reset (Michalewicz 1996's uniform mutation). Polynomial mutation
// lives in ./real.ts.
import type { Rng } from '../../core/rng.js';
import { reflect } from './real.js';

/**
 * Gaussian mutation: each coordinate, with probability `rate`, moves by a normal step of
 * standard deviation `scale` times its range, reflected into the box. Returns a new vector.
 */
export function gaussianMutation(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  rate: number,
  scale: number,
  rng: Rng,
): number[] {
  const y = x.slice();
  for (let i = 0; i < y.length; i++) {
    if (rng.next() >= rate) continue;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    y[i] = reflect((y[i] as number) + rng.normal(0, scale * (hi - lo)), lo, hi);
  }
  return y;
}

/**
 * Uniform (reset) mutation: each coordinate, with probability `rate`, is redrawn uniformly
 * from its range. Returns a new vector.
 */
export function uniformResetMutation(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  rate: number,
  rng: Rng,
): number[] {
  const y = x.slice();
  for (let i = 0; i < y.length; i++) {
    if (rng.next() >= rate) continue;
    y[i] = rng.uniform(lower[i] as number, upper[i] as number);
  }
  return y;
}
