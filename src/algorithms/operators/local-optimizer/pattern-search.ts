// Hooke & Jeeves 1961 pattern search on a box, as an ask/tell state machine over plain data: a
// derivative-free local optimizer for rough or noisy objectives. Exploratory moves try +step then
// -step on each coordinate in turn (one point per batch); a successful exploration is followed
// by a pattern move along the last improvement; a failed one halves the steps.
//
// API: patternSearchInit(x0, value0, box, options) -> state; then loop
//   points = patternSearchAsk(state); patternSearchTell(state, values)  until state.stopReason;
// the best point is state.bestX / state.bestValue. Usually driven through local-optimizer.ts.
import {
  askPending,
  clamp,
  localState,
  recordValues,
  remainingEvaluations,
  stopLocal,
  type Box,
  type LocalCommonOptions,
  type LocalStateBase,
} from './local-types.js';

/** Options of the pattern search. */
export interface PatternSearchOptions extends LocalCommonOptions {
  /**
   * First step of each coordinate, as a fraction of its range.
   * @defaultValue 0.05
   */
  initialStep?: number;
  /**
   * Factor applied to every step after an exploration that found nothing better.
   * @defaultValue 0.5
   */
  stepReduction?: number;
  /**
   * Stop when every step is below this fraction of its coordinate's range.
   * @defaultValue 1e-10
   */
  stepTolerance?: number;
}

/** Plain-data state of the pattern search. */
export interface PatternSearchState extends LocalStateBase {
  method: 'pattern';
  stepReduction: number;
  stepTolerance: number;
  steps: number[];
  phase: 'start' | 'explore' | 'pattern' | 'done';
  /** The base point of the pattern and its value. */
  base: number[];
  baseValue: number;
  /** The exploration's current point and value, coordinate and direction being tried. */
  point: number[];
  pointValue: number;
  coordinate: number;
  direction: 1 | -1;
  /** The exploration started at a pattern point (not at the base). */
  fromPattern: boolean;
}

/** A pattern-search state at x0 (value0 undefined: x0 is evaluated first). */
export function patternSearchInit(
  x0: readonly number[],
  value0: number | undefined,
  box: Box,
  options: PatternSearchOptions = {},
): PatternSearchState {
  const initialStep = options.initialStep ?? 0.05;
  const state: PatternSearchState = localState(x0, value0, box, options, (base) => ({
    method: 'pattern' as const,
    stepReduction: options.stepReduction ?? 0.5,
    stepTolerance: options.stepTolerance ?? 1e-10,
    steps: base.lower.map((lo, i) => initialStep * ((base.upper[i] as number) - lo)),
    phase: 'start',
    base: base.bestX.slice(),
    baseValue: base.bestValue,
    point: base.bestX.slice(),
    pointValue: base.bestValue,
    coordinate: 0,
    direction: 1 as const,
    fromPattern: false,
  }));
  if (value0 === undefined || Number.isNaN(value0)) {
    if (remainingEvaluations(state) < 1) stopLocal(state, 'evaluations');
    else state.pending = [state.point.slice()];
  } else {
    startExploration(state, false);
  }
  return state;
}

/** The points to evaluate next (empty once stopped). */
export function patternSearchAsk(state: PatternSearchState): number[][] {
  return askPending(state);
}

/** The values of the last asked points, in order. */
export function patternSearchTell(state: PatternSearchState, values: readonly number[]): void {
  if (state.phase === 'done') return;
  const value = recordValues(state, values)[0] as number;
  const asked = state.pending[0] as number[];
  switch (state.phase) {
    case 'start':
      state.base = asked;
      state.baseValue = value;
      state.point = asked.slice();
      state.pointValue = value;
      return startExploration(state, false);
    case 'pattern':
      state.point = asked;
      state.pointValue = value;
      return startExploration(state, true);
    case 'explore':
      if (improves(state, value, state.pointValue)) {
        state.point = asked;
        state.pointValue = value;
        state.coordinate++;
        state.direction = 1;
      } else if (state.direction === 1) {
        state.direction = -1;
      } else {
        state.coordinate++;
        state.direction = 1;
      }
      return continueExploration(state);
  }
}

// Sufficient decrease (the forcing function rho(step) = c step^2 of Kolda, Lewis & Torczon 2003,
// floored at rounding noise): without it, moves that gain only rounding error can cycle forever.
function improves(state: PatternSearchState, value: number, reference: number): boolean {
  let step = 0;
  for (let i = 0; i < state.steps.length; i++) {
    const width = (state.upper[i] as number) - (state.lower[i] as number);
    if (width > 0) step = Math.max(step, (state.steps[i] as number) / width);
  }
  const threshold = Math.max(FORCING * step * step, NOISE) * Math.max(1, Math.abs(reference));
  return value < reference - threshold;
}

const FORCING = 1e-6;
const NOISE = 1e-15;

function startExploration(state: PatternSearchState, fromPattern: boolean): void {
  state.phase = 'explore';
  state.fromPattern = fromPattern;
  state.coordinate = 0;
  state.direction = 1;
  continueExploration(state);
}

// Asks the next exploratory point, skipping moves that a bound makes void.
function continueExploration(state: PatternSearchState): void {
  const d = state.point.length;
  while (state.coordinate < d) {
    const i = state.coordinate;
    const current = state.point[i] as number;
    const moved = clamp(
      current + state.direction * (state.steps[i] as number),
      state.lower[i] as number,
      state.upper[i] as number,
    );
    if (moved !== current) {
      if (remainingEvaluations(state) < 1) return stopLocal(state, 'evaluations');
      const trial = state.point.slice();
      trial[i] = moved;
      state.pending = [trial];
      return;
    }
    if (state.direction === 1) state.direction = -1;
    else {
      state.coordinate++;
      state.direction = 1;
    }
  }
  endExploration(state);
}

function endExploration(state: PatternSearchState): void {
  if (improves(state, state.pointValue, state.baseValue)) {
    // Success: move the base and jump as far again along the improvement (the pattern move).
    const previous = state.base;
    state.base = state.point;
    state.baseValue = state.pointValue;
    state.iterations++;
    if (state.iterations >= state.maxIterations) return stopLocal(state, 'iterations');
    const pattern = state.base.map((v, i) =>
      clamp(2 * v - (previous[i] as number), state.lower[i] as number, state.upper[i] as number),
    );
    if (pattern.every((v, i) => v === state.base[i])) return restartAtBase(state);
    if (remainingEvaluations(state) < 1) return stopLocal(state, 'evaluations');
    state.phase = 'pattern';
    state.pending = [pattern];
    return;
  }
  if (state.fromPattern) return restartAtBase(state);
  // Nothing better around the base: refine the steps.
  let largest = 0;
  for (let i = 0; i < state.steps.length; i++) {
    const width = (state.upper[i] as number) - (state.lower[i] as number);
    state.steps[i] = (state.steps[i] as number) * state.stepReduction;
    if (width > 0) largest = Math.max(largest, (state.steps[i] as number) / width);
  }
  if (largest < state.stepTolerance) return stopLocal(state, 'converged');
  restartAtBase(state);
}

function restartAtBase(state: PatternSearchState): void {
  state.point = state.base.slice();
  state.pointValue = state.baseValue;
  startExploration(state, false);
}
