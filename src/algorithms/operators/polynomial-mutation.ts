// Polynomial mutation, bounded (Deb & Goyal 1996; the bounded form of Deb's NSGA-II code, as in
// pymoo): a perturbation with a polynomial distribution that never leaves the bounds.
import type { Rng } from '../../core/rng.js';

/** A copy of x with each variable mutated with probability `rate` (distribution index `eta`). */
export function polynomialMutation(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  rate: number,
  eta: number,
  rng: Rng,
): number[] {
  const y = x.slice();
  const power = 1 / (eta + 1);
  for (let i = 0; i < y.length; i++) {
    if (!rng.bool(rate)) continue;
    const low = lower[i] as number;
    const high = upper[i] as number;
    const range = high - low;
    if (!(range > 0)) continue;
    const v = y[i] as number;
    const u = rng.next();
    let delta: number;
    if (u < 0.5) {
      const room = 1 - (v - low) / range;
      const value = 2 * u + (1 - 2 * u) * room ** (eta + 1);
      delta = value ** power - 1;
    } else {
      const room = 1 - (high - v) / range;
      const value = 2 * (1 - u) + 2 * (u - 0.5) * room ** (eta + 1);
      delta = 1 - value ** power;
    }
    y[i] = Math.min(Math.max(v + delta * range, low), high);
  }
  return y;
}
