// The start of annealing on tours: the Lin-Kernighan optimum of the construction, and an initial
// temperature that does not melt it: a low-temperature start from a good tour (Johnson, Aragon,
// McGeoch & Schevon 1989; Johnson & McGeoch 1997 for the TSP) rather than the melted start of
// Aarts & Korst 1989 (most uphill moves accepted), so that a short run spends its time at the
// temperatures where the tour still improves rather than undoing its start.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { MoveChainState } from './move-chain.js';
import type { Walk } from './move-proposals.js';
import { fittedAcceptance } from './time-plan.js';
import { polishTour } from './tour-polish.js';

/**
 * Share of `initialAcceptance` asked of an average uphill candidate move at a polished start
 * (0.8 gives 0.3). At the Lin-Kernighan optimum of the greedy tour the uphill deltas of the
 * candidate moves are the scale of the tour's own edges; at an acceptance of 0.8 of them the
 * chain melts the start (on d1291 the current tour doubles in length, +100% above the optimum,
 * a third of the way into a 10 CPU-second cycle), and where the cycle freezes again depends on
 * the seed (d1291: 1.3% to 4.1% over 5 seeds).
 */
export const POLISHED_START_SHARE = 0.375;

/**
 * The final temperature of a cycle from a polished start, as a fraction of the initial one (when
 * `finalTemperatureRatio` is not given): the cycle ends about where its moves freeze, and the
 * Lin-Kernighan polish that ends each cycle does the quench. On d1291 the tour stopped changing
 * below about T0 / 35; with the general 1e-3, nearly half of a cycle's proposals came after that.
 */
export const POLISHED_START_FINAL_RATIO = 0.01;

/** Polishes the start tour of the walk in place with Lin-Kernighan (never lengthens it). */
export function polishStart(state: MoveChainState, walk: Walk, moves: MoveModel, rng: Rng): void {
  const polished = polishTour(walk.x, state.currentValue, moves, rng);
  if (polished < state.currentValue) {
    walk.reindex();
    state.currentValue = polished;
    state.bestValue = polished;
  }
}

/**
 * The acceptance asked of the sampled uphill moves for the initial temperature of a run of
 * `planned` proposals over `n` elements: `initialAcceptance` off tours; on tours fitted to the
 * cycle's length (time-plan.ts), after a share POLISHED_START_SHARE when the run starts from its
 * polished construction.
 */
export function startAcceptance(state: MoveChainState, planned: number, n: number): number {
  if (state.moveKind !== 'tour') return state.initialAcceptance;
  const acceptance = state.polish
    ? state.initialAcceptance * POLISHED_START_SHARE
    : state.initialAcceptance;
  return fittedAcceptance(acceptance, planned, n);
}
