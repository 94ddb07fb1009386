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
  const probability = metropolisProbability(delta, temperature);
  return probability > 0 && rng.next() < probability;
}

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
