// Bound handling for differential-evolution trial vectors: what happens to a coordinate that a
// mutation pushed outside the box. The midpoint rule is JADE's (Zhang & Sanderson 2009), kept by
// SHADE and L-SHADE (Tanabe & Fukunaga 2013, 2014); reinitialization is SciPy's choice.
import type { Rng } from '../../core/rng.js';
import { reflect } from './real.js';

/**
 * - `midpoint`: halfway between the violated bound and the parent's coordinate (the parent is
 *   inside, so the trial approaches the bound without sticking to it)
 * - `reflect`: mirrored back into the box at the violated bound
 * - `clip`: set to the violated bound
 * - `reinitialize`: drawn uniformly in [lower, upper] again
 */
export type BoundHandling = 'midpoint' | 'reflect' | 'clip' | 'reinitialize';

/** Every bound-handling rule, in documentation order. */
export const BOUND_HANDLINGS: readonly BoundHandling[] = [
  'midpoint',
  'reflect',
  'clip',
  'reinitialize',
];

/**
 * Brings every coordinate of `trial` back into [lower, upper], in place, by `rule`. `parent` is
 * the target vector (inside the box), used by `midpoint`. Non-finite coordinates are redrawn.
 */
export function repairTrial(
  trial: number[],
  parent: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  rule: BoundHandling,
  rng: Rng,
): number[] {
  for (let j = 0; j < trial.length; j++) {
    const v = trial[j] as number;
    const lo = lower[j] as number;
    const hi = upper[j] as number;
    if (v >= lo && v <= hi) continue;
    const bound = v < lo ? lo : hi;
    const p = parent[j] as number;
    let w: number;
    if (Number.isNaN(v) || rule === 'reinitialize') w = rng.uniform(lo, hi);
    else if (rule === 'reflect') w = reflect(v, lo, hi);
    // A parent outside (never, unless the caller broke the invariant) falls back to clip.
    else if (rule === 'midpoint' && p >= lo && p <= hi) w = p + (bound - p) / 2;
    else w = bound;
    // Rounding at extreme magnitudes may land a hair outside: the box is a hard guarantee.
    trial[j] = w < lo ? lo : w > hi ? hi : w;
  }
  return trial;
}
