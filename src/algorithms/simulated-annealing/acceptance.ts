// Acceptance rules of annealing: Metropolis et al. 1953, and the generalized rule of Tsallis &
// Stariolo 1996 that reduces to it as q_a -> 1.
import type { Rng } from '../../core/rng.js';

/**
 * Metropolis acceptance probability of a move that changes the value by `delta` at
 * `temperature`: 1 downhill, exp(-delta / T) uphill, 0 for a failed (NaN or +Infinity) value.
 */
export function metropolisProbability(delta: number, temperature: number): number {
  if (delta <= 0) return 1;
  if (!(delta < Infinity) || !(temperature > 0)) return 0;
  return Math.exp(-delta / temperature);
}

/**
 * The Metropolis decision: downhill moves are accepted without drawing, uphill ones with
 * probability exp(-delta / T) (one uniform draw).
 */
export function metropolisAccepts(delta: number, temperature: number, rng: Rng): boolean {
  if (delta <= 0) return true;
  if (!(delta < Infinity) || !(temperature > 0)) return false;
  const exponent = delta / temperature;
  if (exponent <= SKIP_EXPONENT || exponent > POSITIVE_EXPONENT) {
    const probability = Math.exp(-exponent);
    return probability > 0 && rng.next() < probability;
  }
  // exp(-exponent) is positive (so the draw is made, as above) and below SKIP_BOUND: a draw at
  // or above that bound is refused without computing it. Most uphill moves of a cool walk.
  const u = rng.next();
  return u < SKIP_BOUND && u < Math.exp(-exponent);
}

/** Above this exponent, exp(-exponent) < SKIP_BOUND (with a margin of a whole unit). */
const SKIP_EXPONENT = 24;
const SKIP_BOUND = Math.exp(-23);
/** Up to this exponent exp(-exponent) is a positive double (it underflows to 0 past 745.13). */
const POSITIVE_EXPONENT = 745;

/**
 * Generalized acceptance probability (Tsallis & Stariolo 1996):
 * min(1, [1 - (1 - q_a) delta / T]^(1 / (1 - q_a))), zero where the bracket is not positive
 * (q_a < 1); q_a -> 1 gives back exp(-delta / T).
 */
export function generalizedProbability(
  delta: number,
  temperature: number,
  acceptanceIndex: number,
): number {
  if (delta <= 0) return 1;
  if (!(delta < Infinity) || !(temperature > 0)) return 0;
  if (Math.abs(acceptanceIndex - 1) < 1e-12) return Math.exp(-delta / temperature);
  const base = 1 - ((1 - acceptanceIndex) * delta) / temperature;
  if (base <= 0) return 0;
  return Math.min(1, Math.exp(Math.log(base) / (1 - acceptanceIndex)));
}
