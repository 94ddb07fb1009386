// Iterated local search on a move model (tours, assignments, bit strings): the kick and the
// descent run inside `ask` on deltas only, and the resulting candidate is asked for a full
// evaluation.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import { flipDescent } from '../operators/local-search/flip-descent.js';
import { linKernighan } from '../operators/local-search/lin-kernighan.js';
import { swapDescent } from '../operators/local-search/swap-descent.js';
import { twoOptOrOpt } from '../operators/local-search/tour-local-search.js';
import type { IlsState } from './ils-state.js';
import { startingPoint } from './iteration.js';

// One iteration of a move-model local search: kick, descend on deltas, ask the result.
export function moveSearch<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X {
  const moves = context.moves;
  const { x, kick } = startingPoint(state, context.space, rng, moves);
  if (moves === undefined) return x;
  const params = state.params;
  const start = x as number[];
  switch (state.localSearch) {
    case 'lin-kernighan':
      return linKernighan(start, NaN, moves, rng, {
        depth: params.linKernighanDepth,
        neighborListSize: params.neighborListSize,
        orOpt: params.orOpt,
        ...(kick?.touched == null ? {} : { start: kick.touched }),
      }).x as X;
    case 'two-opt':
      return twoOptOrOpt(start, NaN, moves, rng, {
        orOpt: params.orOpt,
        neighborListSize: params.neighborListSize,
        improvement: params.improvement,
        dontLookBits: params.dontLookBits,
        ...(kick?.touched == null || !params.dontLookBits ? {} : { start: kick.touched }),
      }).x as X;
    case 'swap':
      return swapDescent(start, NaN, moves, rng, { improvement: params.improvement }).x as X;
    case 'flip':
      return flipDescent(start, NaN, moves, rng, { improvement: params.improvement }).x as X;
    default:
      return x;
  }
}
