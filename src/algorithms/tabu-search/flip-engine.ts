// The flip engine: tabu search on bit strings with the problem's flip delta (Glover 1989).
// Every iteration examines all n flips, takes the best admissible one, and forbids flipping
// that bit back for a while.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { endIteration, noteCurrent, type TabuState } from './search-state.js';
import { hashKey, moveTenure } from './tenure.js';

/**
 * Runs iterations until about `movesPerAsk` flip deltas were examined, the iteration limit is
 * reached, or the current solution jumps (restart, escape) and must be evaluated.
 */
export function flipChunk(
  state: TabuState,
  space: Space<unknown>,
  moves: MoveModel,
  rng: Rng,
): void {
  const params = state.params;
  const flip = moves.flip;
  const x = state.current as number[];
  const n = x.length;
  if (flip === undefined || n < 1) return;
  const tabu = state.tabuList;
  const maxIterations = params.maxIterations ?? Infinity;
  const hash = (): number => hashKey(x);
  let work = 0;
  while (work < params.movesPerAsk && state.iteration < maxIterations) {
    const iteration = state.iteration;
    const target = params.aspiration ? state.bestValue - state.currentValue : -Infinity;
    let chosen = -1;
    let bestDelta = Infinity;
    for (let i = 0; i < n; i++) {
      const delta = flip(x, i);
      if (delta >= bestDelta) continue;
      if (delta >= target && (tabu[i] as number) >= iteration) continue;
      bestDelta = delta;
      chosen = i;
    }
    work += n;
    if (chosen < 0) {
      chosen = rng.int(n);
      bestDelta = flip(x, chosen);
    }
    x[chosen] = 1 - (x[chosen] as number);
    tabu[chosen] = iteration + moveTenure(state.tenure, params, iteration, rng);
    state.iteration++;
    noteCurrent(state, state.currentValue + bestDelta, true);
    if (endIteration(state, space, rng, hash)) return;
  }
}
