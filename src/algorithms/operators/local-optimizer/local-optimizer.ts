// The continuous local optimizer as an ask/tell state machine over plain data: one facade over
// the quasi-Newton (default) and pattern-search methods. It never calls the objective: it
// proposes batches of points inside the box and learns from their values, so a solver can run
// it inside its own ask/tell (iterated local search on real spaces, polishing in DE).
//
// API (all state is JSON data that survives parseState(stringifyState(state))):
//   const state = localInit(x0, value0, { lower, upper }, { method: 'quasi-newton', maxEvaluations: 500 });
//   while (!localDone(state)) {
//     const points = localAsk(state);            // a batch, never empty until done
//     localTell(state, points.map(evaluate));    // failed evaluations as Infinity
//   }
//   const { x, value } = localBest(state);
// value0 may be undefined when f(x0) is not known yet: x0 is then evaluated with the first batch.
import {
  patternSearchAsk,
  patternSearchInit,
  patternSearchTell,
  type PatternSearchOptions,
  type PatternSearchState,
} from './pattern-search.js';
import {
  quasiNewtonAsk,
  quasiNewtonInit,
  quasiNewtonTell,
  type QuasiNewtonOptions,
  type QuasiNewtonState,
} from './quasi-newton.js';
import type { Box, LocalStopReason } from './local-types.js';

export type { Box, LocalStopReason } from './local-types.js';
export type { QuasiNewtonOptions, QuasiNewtonState } from './quasi-newton.js';
export type { PatternSearchOptions, PatternSearchState } from './pattern-search.js';

/** The local optimizers: `quasi-newton` (smooth objectives) and `pattern` (derivative-free). */
export type LocalMethod = 'quasi-newton' | 'pattern';

/** Every local method, in a stable order (for schemas and listings). */
export const LOCAL_METHODS: readonly LocalMethod[] = ['quasi-newton', 'pattern'];

/** Options of {@link localInit}: the method and its options. */
export type LocalOptimizerOptions =
  | ({ method?: 'quasi-newton' } & QuasiNewtonOptions)
  | ({ method: 'pattern' } & PatternSearchOptions);

/** The state of any local optimizer (discriminated by `method`). */
export type LocalOptimizerState = QuasiNewtonState | PatternSearchState;

/**
 * Starts a local optimization at x0 (projected onto the box) whose value is `value0`, or
 * unknown when undefined.
 */
export function localInit(
  x0: readonly number[],
  value0: number | undefined,
  box: Box,
  options: LocalOptimizerOptions = {},
): LocalOptimizerState {
  if (options.method === 'pattern') return patternSearchInit(x0, value0, box, options);
  return quasiNewtonInit(x0, value0, box, options);
}

/** The next batch of points to evaluate (copies; empty once done). */
export function localAsk(state: LocalOptimizerState): number[][] {
  return state.method === 'pattern' ? patternSearchAsk(state) : quasiNewtonAsk(state);
}

/**
 * The batch {@link localAsk} would return, without copying it: for callers that copy or only
 * read the points (they must not change them).
 */
export function localPending(state: LocalOptimizerState): readonly (readonly number[])[] {
  return state.pending;
}

/** The values of the last asked batch, in order; failed evaluations as Infinity (or NaN). */
export function localTell(state: LocalOptimizerState, values: readonly number[]): void {
  if (state.method === 'pattern') patternSearchTell(state, values);
  else quasiNewtonTell(state, values);
}

/** True once the optimizer has stopped (converged, stalled, or out of evaluations). */
export function localDone(state: LocalOptimizerState): boolean {
  return state.stopReason !== undefined;
}

/** Why it stopped, or undefined while it runs. */
export function localStopReason(state: LocalOptimizerState): LocalStopReason | undefined {
  return state.stopReason;
}

/** The best point told so far and its value (x0 and value0, or Infinity, before any). */
export function localBest(state: LocalOptimizerState): { x: number[]; value: number } {
  return { x: state.bestX.slice(), value: state.bestValue };
}

/** Evaluations asked and told so far. */
export function localEvaluations(state: LocalOptimizerState): number {
  return state.evaluations;
}
