// Recombination of bounded real vectors: blend crossover BLX-alpha (Eshelman & Schaffer 1993)
// and whole arithmetic crossover (Michalewicz 1996). SBX lives in ./real.ts.
import type { Rng } from '../../core/rng.js';
import { reflect } from './real.js';

/**
 * Blend crossover BLX-alpha: each coordinate of each child is drawn uniformly from the
 * parents' interval widened by `alpha` times its length on both sides,
 * [min - alpha d, max + alpha d] with d = |a_i - b_i|, then reflected into the box.
 * alpha = 0.5 keeps the population's spread on average; 0 never leaves the parents' hull.
 */
export function blendCrossover(
  a: readonly number[],
  b: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  alpha: number,
  rng: Rng,
): [number[], number[]] {
  const n = a.length;
  const c1 = new Array<number>(n);
  const c2 = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const low = Math.min(x, y);
    const spread = Math.abs(x - y);
    const from = low - alpha * spread;
    const width = (1 + 2 * alpha) * spread;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    c1[i] = reflect(from + width * rng.next(), lo, hi);
    c2[i] = reflect(from + width * rng.next(), lo, hi);
  }
  return [c1, c2];
}

/**
 * Whole arithmetic crossover: with one weight w drawn uniformly from [0, 1) per pair, the
 * children are w a + (1 - w) b and (1 - w) a + w b. Children lie on the segment between the
 * parents, so they stay in any box (and any convex set) that holds the parents.
 */
export function arithmeticCrossover(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
): [number[], number[]] {
  const w = rng.next();
  const n = a.length;
  const c1 = new Array<number>(n);
  const c2 = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const low = x < y ? x : y;
    const high = x < y ? y : x;
    // Clamped to the parents' interval: rounding must not step past a parent on a bound.
    c1[i] = Math.min(high, Math.max(low, y + w * (x - y)));
    c2[i] = Math.min(high, Math.max(low, x + w * (y - x)));
  }
  return [c1, c2];
}
