// The polish that ends a cooling cycle on tours: a Lin-Kernighan local search (Lin & Kernighan
// 1973, the flip form of Johnson & McGeoch 1997) of the cycle's best tour, through the problem's
// move model. An annealed tour is close to a 2-opt/Or-opt optimum already, so the polish is
// short (a few look-ups per city); it removes the deeper defects that single moves at a low
// temperature no longer fix. Deterministic: the cities are looked at in tour order.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import { linKernighan } from '../operators/local-search/index.js';

/** True when the move model can polish tours (it gives edge lengths). */
export function canPolishTours(moves: MoveModel): boolean {
  return moves.distance !== undefined;
}

/**
 * Polishes `tour` (of length `value`) in place with Lin-Kernighan and returns its new length
 * (never more than `value`; the tour is left as it was when the search finds nothing).
 */
export function polishTour(tour: number[], value: number, moves: MoveModel, rng: Rng): number {
  const result = linKernighan(tour, value, moves, rng, { start: tour });
  if (!(result.value < value)) return value;
  for (let k = 0; k < tour.length; k++) tour[k] = result.x[k] as number;
  return result.value;
}
