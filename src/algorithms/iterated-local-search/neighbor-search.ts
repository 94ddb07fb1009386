// Iterated local search on spaces without a move model or a vector form: a descent over
// sampled neighbours, asked batch by batch.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import type { IlsState } from './ils-state.js';
import { finishLocalSearch, startingPoint } from './iteration.js';
import {
  neighborDescentAsk,
  neighborDescentInit,
  neighborDescentTell,
  type NeighborDescentSettings,
  type NeighborDescentState,
} from './neighbor-descent.js';

function descentSettings(state: IlsState): NeighborDescentSettings {
  const p = state.params;
  return {
    sample: p.neighborSample,
    patience: p.descentPatience,
    improvement: p.improvement,
    maxEvaluations: p.localSearchEvaluations > 0 ? p.localSearchEvaluations : Infinity,
  };
}

export function askNeighbor<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X[] {
  const space = context.space;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (state.descent === null) {
      state.descent = neighborDescentInit<unknown>(startingPoint(state, space, rng).x);
    }
    const descent = state.descent as NeighborDescentState<X>;
    const batch = neighborDescentAsk(descent, space, descentSettings(state), rng);
    if (batch.length > 0) return batch;
    state.descent = null;
    finishLocalSearch(state, descent.current, descent.currentValue, rng, context);
  }
  return [space.sample(rng)];
}

/** Tells the running descent its values; ends the iteration when the descent is done. */
export function tellNeighbor<X>(
  state: IlsState,
  context: SolverContext<X>,
  candidates: X[],
  values: number[],
  rng: Rng,
): void {
  const descent = state.descent;
  if (descent === null) return;
  neighborDescentTell(descent, candidates, values, descentSettings(state));
  if (!descent.done) return;
  state.descent = null;
  finishLocalSearch(state, descent.current, descent.currentValue, rng, context);
}
