// The calibration of the move-model path: a short first-improvement descent from the start,
// then sampled moves whose uphill deltas set the initial temperature (Ben-Ameur 2004, see
// initial-temperature.ts).
import type { Rng } from '../../core/rng.js';
import type { UphillTransition } from './initial-temperature.js';
import type { MoveChainState } from './move-chain.js';
import type { Walk } from './move-proposals.js';

/**
 * A first-improvement descent from the start (at most one chunk of moves), so that the moves
 * sampled next show the scale of the landscape near good points rather than at a random one
 * (with a penalty for infeasibility, the two can differ by orders of magnitude).
 */
function descend(state: MoveChainState, walk: Walk, rng: Rng): number {
  const patience = Math.max(200, 10 * walk.n);
  let idle = 0;
  let m = 0;
  for (; m < state.movesPerEvaluation && idle < patience; m++) {
    const delta = walk.propose(rng);
    if (!(delta < 0)) {
      idle++;
      continue;
    }
    walk.apply();
    state.currentValue += delta;
    idle = 0;
  }
  if (state.currentValue < state.bestValue) {
    state.bestValue = state.currentValue;
    state.currentIsBest = true;
  }
  return m;
}

// Samples moves after a short descent for the initial temperature (uphill transitions, and the
// mean absolute delta as a fallback); also counts the proposals it made (for the first estimate
// of the proposal rate).
export interface Calibration {
  transitions: UphillTransition[];
  meanDelta: number;
  proposals: number;
}

export function calibrate(state: MoveChainState, walk: Walk, rng: Rng): Calibration {
  const descended = descend(state, walk, rng);
  const transitions: UphillTransition[] = [];
  let spread = 0;
  let count = 0;
  for (let k = 0; k < state.temperatureSamples; k++) {
    const delta = walk.propose(rng);
    if (!Number.isFinite(delta)) continue;
    if (delta > 0)
      transitions.push({ before: state.currentValue, after: state.currentValue + delta });
    spread += Math.abs(delta);
    count++;
  }
  const meanDelta = spread > 0 ? spread / count : 1;
  return { transitions, meanDelta, proposals: descended + state.temperatureSamples };
}
