// Standard normal deviates for CMA-ES's sampling: the Box-Muller transform, both halves of each pair.
import type { Rng } from '../../core/rng.js';

/**
 * Standard normal deviates by the Box-Muller transform, both of each pair (cos and sin): half the
 * uniform draws and logarithms of one deviate per pair. Lives for one generation, so no spare
 * deviate outlasts a call (the state stays plain data).
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
    // 1 - u keeps the logarithm finite: u is in [0, 1).
    const radius = Math.sqrt(-2 * Math.log(1 - this.rng.next()));
    const angle = 2 * Math.PI * this.rng.next();
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }
}
