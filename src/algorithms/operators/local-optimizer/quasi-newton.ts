// Projected limited-memory BFGS on a box with finite-difference gradients, as an ask/tell state
// machine over plain data. The direction is L-BFGS's two-loop recursion (Nocedal 1980; Liu &
// Nocedal 1989) on the free variables, the variables held at a bound by the gradient being
// fixed (the active-set idea of L-BFGS-B, Byrd, Lu, Nocedal & Zhu 1995, without its Cauchy
// point); the step is a backtracking Armijo search along the projected path x(a) = P(x + a d)
// (Bertsekas 1982). One gradient is one batch of d (forward) or 2d (central) points; `adaptive`
// starts forward and turns central when forward differences can no longer find a descent.
//
// API: quasiNewtonInit(x0, value0, box, options) -> state; then loop
//   points = quasiNewtonAsk(state); quasiNewtonTell(state, values)  until state.stopReason;
// the best point is state.bestX / state.bestValue. Usually driven through local-optimizer.ts.
import {
  DEFAULT_DIFFERENCE_STEP,
  gradientFromStencil,
  gradientStencil,
} from './finite-differences.js';
import { projectedGradientNorm, remember } from './lbfgs.js';
import {
  ARMIJO,
  EXPANSION_SLOPE,
  MAX_EXPANSIONS,
  MAX_TRIALS,
  backtrackFactor,
  initialStep,
  predictedDecrease,
  samePoint,
  searchDirection,
  trialPoint,
} from './line-search.js';
import {
  askPending,
  localState,
  maxAbs,
  recordValues,
  remainingEvaluations,
  stopLocal,
  type Box,
} from './local-types.js';
import type { QuasiNewtonOptions, QuasiNewtonState } from './quasi-newton-state.js';

export type { QuasiNewtonOptions, QuasiNewtonState } from './quasi-newton-state.js';

const FORWARD_TOLERANCE = 1e-6;

/** A quasi-Newton state at x0 (value0 undefined: x0 is evaluated with the first gradient). */
export function quasiNewtonInit(
  x0: readonly number[],
  value0: number | undefined,
  box: Box,
  options: QuasiNewtonOptions = {},
): QuasiNewtonState {
  const differences = options.differences ?? 'adaptive';
  const state: QuasiNewtonState = localState(x0, value0, box, options, (base) => ({
    method: 'quasi-newton' as const,
    memory: options.memory ?? 10,
    gradientTolerance: options.gradientTolerance ?? 1e-10,
    valueTolerance: options.valueTolerance ?? 1e-12,
    differences,
    differenceStep: options.differenceStep ?? null,
    scheme: differences === 'central' ? 'central' : 'forward',
    phase: 'gradient',
    x: base.bestX.slice(),
    value: value0 === undefined || Number.isNaN(value0) ? NaN : value0,
    gradient: [],
    centerPending: false,
    stencil: [],
    steps: [],
    changes: [],
    previousX: null,
    previousGradient: null,
    direction: [],
    alpha: 0,
    trials: 0,
    memoryReset: false,
    expansion: null,
  }));
  requestGradient(state);
  return state;
}

/** The points to evaluate next (empty once stopped). */
export function quasiNewtonAsk(state: QuasiNewtonState): number[][] {
  return askPending(state);
}

/** The values of the last asked points, in order. */
export function quasiNewtonTell(state: QuasiNewtonState, values: readonly number[]): void {
  if (state.phase === 'done') return;
  const told = recordValues(state, values);
  if (state.phase === 'gradient') afterGradient(state, told);
  else afterTrial(state, told[0] as number);
}

function requestGradient(state: QuasiNewtonState): void {
  const step = state.differenceStep ?? DEFAULT_DIFFERENCE_STEP[state.scheme];
  const stencil = gradientStencil(state.x, state.lower, state.upper, state.scheme, step);
  state.centerPending = Number.isNaN(state.value);
  const points = state.centerPending ? [state.x.slice(), ...stencil.points] : stencil.points;
  if (points.length === 0) return stopLocal(state, 'converged');
  state.phase = 'gradient';
  if (points.length > remainingEvaluations(state)) {
    // No room for a gradient: still evaluate x itself when its value is unknown.
    if (!state.centerPending || remainingEvaluations(state) < 1)
      return stopLocal(state, 'evaluations');
    state.stencil = [];
    state.pending = [state.x.slice()];
    return;
  }
  state.stencil = stencil.entries;
  state.pending = points;
}

function afterGradient(state: QuasiNewtonState, told: number[]): void {
  const offset = state.centerPending ? 1 : 0;
  if (state.centerPending) state.value = told[0] as number;
  state.centerPending = false;
  const d = state.x.length;
  if (state.stencil.length === 0) {
    // Only x was asked: every coordinate is fixed, or there was no room for a gradient.
    const free = state.lower.some((lo, i) => (state.upper[i] as number) > lo);
    return stopLocal(state, free ? 'evaluations' : 'converged');
  }
  state.gradient = gradientFromStencil(d, state.stencil, state.value, told, offset);
  if (!Number.isFinite(state.value)) return stopLocal(state, 'line-search');
  if (state.previousX !== null && state.previousGradient !== null) {
    remember(state, state.previousX, state.previousGradient);
    state.previousX = null;
    state.previousGradient = null;
  }
  if (projectedGradientNorm(state) <= state.gradientTolerance) {
    // A forward-difference gradient that looks flat may be truncation error: check centrally.
    if (switchToCentral(state)) return requestGradient(state);
    return stopLocal(state, 'converged');
  }
  state.memoryReset = false;
  startLineSearch(state);
}

function startLineSearch(state: QuasiNewtonState): void {
  const direction = searchDirection(state);
  if (!(maxAbs(direction) > 0)) return stopLocal(state, 'converged');
  state.direction = direction;
  state.alpha = initialStep(state, direction);
  state.trials = 0;
  requestTrial(state);
}

function requestTrial(state: QuasiNewtonState): void {
  if (remainingEvaluations(state) < 1) return stopLocal(state, 'evaluations');
  const trial = trialPoint(state);
  if (samePoint(trial, state.x)) return lineSearchFailed(state);
  state.phase = 'line-search';
  state.pending = [trial];
}

function afterTrial(state: QuasiNewtonState, value: number): void {
  const trial = state.pending[0] as number[];
  const decrease = predictedDecrease(state, trial);
  // The value still falls as fast as the slope predicts: the step is probably too short.
  const linear = decrease < 0 && value - state.value <= EXPANSION_SLOPE * decrease;
  const expansion = state.expansion;
  if (expansion !== null) {
    if (!(value < expansion.value)) return acceptStep(state, expansion.x, expansion.value);
    if (linear && state.trials < MAX_EXPANSIONS) return expand(state, trial, value);
    return acceptStep(state, trial, value);
  }
  if (value <= state.value + ARMIJO * decrease) {
    if (linear && state.trials === 0) return expand(state, trial, value);
    return acceptStep(state, trial, value);
  }
  state.trials++;
  state.alpha *= backtrackFactor(state, value, decrease);
  if (state.trials >= MAX_TRIALS) return lineSearchFailed(state);
  requestTrial(state);
}

// Doubles the step while the value keeps falling linearly, keeping the best point so far (a
// function-value-only stand-in for the curvature condition of a Wolfe line search).
function expand(state: QuasiNewtonState, trial: number[], value: number): void {
  state.expansion = { x: trial, value };
  state.trials++;
  state.alpha *= 2;
  const next = trialPoint(state);
  if (samePoint(next, trial)) return acceptStep(state, trial, value);
  if (remainingEvaluations(state) < 1) return stopLocal(state, 'evaluations');
  state.pending = [next];
}

function acceptStep(state: QuasiNewtonState, trial: number[], value: number): void {
  state.expansion = null;
  const previousValue = state.value;
  state.previousX = state.x;
  state.previousGradient = state.gradient;
  state.x = trial;
  state.value = value;
  state.iterations++;
  const scale = Math.max(Math.abs(previousValue), Math.abs(value), 1);
  const progress = previousValue - value;
  // Forward differences err by about h * f'' (h ~ 1e-8): once steps gain little, their error
  // steers the search, and central differences take over well before the final tolerance.
  if (progress <= FORWARD_TOLERANCE * scale && switchToCentral(state))
    return requestGradient(state);
  if (progress <= state.valueTolerance * scale) return stopLocal(state, 'stalled');
  if (state.iterations >= state.maxIterations) return stopLocal(state, 'iterations');
  requestGradient(state);
}

function lineSearchFailed(state: QuasiNewtonState): void {
  if (switchToCentral(state)) return requestGradient(state);
  if (!state.memoryReset && state.steps.length > 0) {
    // The quasi-Newton model may be stale: retry once along the steepest descent.
    state.memoryReset = true;
    state.steps = [];
    state.changes = [];
    return startLineSearch(state);
  }
  stopLocal(state, 'line-search');
}

function switchToCentral(state: QuasiNewtonState): boolean {
  if (state.differences !== 'adaptive' || state.scheme === 'central') return false;
  state.scheme = 'central';
  return true;
}
