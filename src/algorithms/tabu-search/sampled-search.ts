// Tabu search without a move model (Glover 1989): each iteration asks a candidate list of
// neighbours as one batch (their evaluation is the natural parallelism), moves to the best
// admissible one, and makes the attributes it destroyed tabu.
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { sampleNeighbors } from './sampled-moves.js';
import { endIteration, noteCurrent, type SampledMove, type TabuState } from './search-state.js';
import { moveTenure } from './tenure.js';

// Expired attributes are dropped from the tabu list this often (in iterations).
const PRUNE_INTERVAL = 64;

/** The candidate list of the next iteration; empty when the neighbourhood is empty. */
export function sampledAsk(state: TabuState, space: Space<unknown>, rng: Rng): unknown[] {
  const params = state.params;
  const full = params.candidateList === 'full';
  const neighbors = sampleNeighbors(
    space,
    state.move,
    state.current,
    state.step,
    params.candidateCount,
    full,
    rng,
  );
  state.pending = neighbors.map((n) => n.move);
  return neighbors.map((n) => n.candidate);
}

function isTabu(move: SampledMove, tabu: Record<string, number>, iteration: number): boolean {
  const active = (attribute: string): boolean => (tabu[attribute] ?? -1) >= iteration;
  return move.tabuIfAll ? move.attributes.every(active) : move.attributes.some(active);
}

/**
 * Moves to the best admissible neighbour: not tabu, or tabu but better than the best value
 * (aspiration). When every neighbour is tabu, the best of them is taken all the same.
 */
export function sampledTell(
  state: TabuState,
  space: Space<unknown>,
  candidates: unknown[],
  values: number[],
  rng: Rng,
): void {
  const params = state.params;
  const tabu = state.tabuAttributes;
  const iteration = state.iteration;
  let chosen = -1;
  let chosenValue = Infinity;
  let fallback = -1;
  let fallbackValue = Infinity;
  for (let k = 0; k < candidates.length; k++) {
    const value = values[k] as number;
    if (!Number.isFinite(value)) continue;
    if (value < fallbackValue) {
      fallbackValue = value;
      fallback = k;
    }
    if (value >= chosenValue) continue;
    const aspired = params.aspiration && value < state.bestValue;
    if (aspired || !isTabu(state.pending[k] as SampledMove, tabu, iteration)) {
      chosenValue = value;
      chosen = k;
    }
  }
  if (chosen < 0) {
    chosen = fallback;
    chosenValue = fallbackValue;
  }
  state.iteration++;
  if (chosen >= 0) {
    const move = state.pending[chosen] as SampledMove;
    for (const attribute of move.reverse)
      tabu[attribute] = iteration + moveTenure(state.tenure, params, iteration, rng);
    state.current = candidates[chosen];
    const before = state.bestValue;
    noteCurrent(state, chosenValue, false);
    if (state.bestValue < before) state.stepImprovement = state.iteration;
  }
  state.pending = [];
  if (state.iteration - state.stepImprovement >= params.stepPatience) {
    state.step = Math.max(params.minStepSize, state.step * params.stepShrink);
    state.stepImprovement = state.iteration;
  }
  if (state.iteration % PRUNE_INTERVAL === 0) {
    for (const attribute of Object.keys(tabu))
      if ((tabu[attribute] as number) < state.iteration) delete tabu[attribute];
  }
  endIteration(state, space, rng, undefined);
}
