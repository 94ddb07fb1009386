// Standard normal deviates for CMA-ES's sampling: Marsaglia's polar method, both of each pair.
import type { Rng } from '../../core/rng.js';

/**
 * Standard normal deviates by Marsaglia's polar method (Marsaglia & Bray 1964): a uniform point
 * of the unit disc (u, v), s = u^2 + v^2, gives the pair (u, v) sqrt(-2 ln s / s); one logarithm
 * and no sine or cosine per pair, about 1.27 pairs of uniform draws per pair of deviates. Lives
 * for one generation, so no spare deviate outlasts a call (the state stays plain data).
 */
export class NormalPairs {
  private spare = 0;
  private hasSpare = false;

  constructor(private readonly rng: Rng) {}

  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.rng.next() - 1;
      v = 2 * this.rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    this.hasSpare = true;
    return u * factor;
  }
}
