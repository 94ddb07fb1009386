// Bit-flip mutation of bit strings (Holland 1975; Goldberg 1989's point mutation).
import type { Rng } from '../../core/rng.js';

/** Flips each bit independently with probability `rate`. Returns a new array. */
export function bitFlipMutation(x: readonly number[], rate: number, rng: Rng): number[] {
  const y = x.slice();
  for (let i = 0; i < y.length; i++) if (rng.next() < rate) y[i] = 1 - (y[i] as number);
  return y;
}
