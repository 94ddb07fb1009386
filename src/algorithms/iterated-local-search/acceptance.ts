// Acceptance criteria of iterated local search (Lourenço, Martin & Stützle 2003, section 3.4):
// which local optimum the next kick starts from.
import type { Rng } from '../../core/rng.js';
import type { AcceptanceKind } from './strategy.js';

/**
 * True when the new local optimum (value `candidate`) replaces the current one (`current`).
 * `restart` accepts like `better`; its restarts are decided by the solver. `annealing` accepts
 * a worse value with probability exp(-(candidate - current) / (temperature * |current|)), the
 * Metropolis rule of Martin, Otto & Felten 1991's large-step Markov chains.
 */
export function accepts(
  rule: AcceptanceKind,
  candidate: number,
  current: number,
  temperature: number,
  rng: Rng,
): boolean {
  if (!Number.isFinite(current)) return Number.isFinite(candidate) || rule === 'random-walk';
  switch (rule) {
    case 'better':
    case 'restart':
      return candidate < current;
    case 'better-or-equal':
      return candidate <= current;
    case 'random-walk':
      return true;
    case 'annealing': {
      if (candidate <= current) return true;
      if (!Number.isFinite(candidate)) return false;
      const scale = temperature * Math.abs(current);
      if (!(scale > 0)) return false;
      return rng.next() < Math.exp(-(candidate - current) / scale);
    }
  }
}

/**
 * The annealing temperature once `spent` of the budget is used: `temperature` times
 * `finalRatio` to the power `spent` (geometric cooling to `finalRatio` at the end), constant
 * when the budget is unknown.
 */
export function annealingTemperature(
  temperature: number,
  finalRatio: number,
  spent: number | undefined,
): number {
  if (finalRatio === 1 || spent === undefined) return temperature;
  return temperature * finalRatio ** Math.min(1, Math.max(0, spent));
}
