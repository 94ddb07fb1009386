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
  type DifferenceScheme,
  type StencilEntry,
} from './finite-differences.js';
import {
  askPending,
  clamp,
  localState,
  dot,
  maxAbs,
  recordValues,
  remainingEvaluations,
  stopLocal,
  type Box,
  type LocalCommonOptions,
  type LocalStateBase,
} from './local-types.js';

/** Options of the quasi-Newton local optimizer. */
export interface QuasiNewtonOptions extends LocalCommonOptions {
  /**
   * Correction pairs kept by L-BFGS.
   * @defaultValue 10
   */
  memory?: number;
  /**
   * Stop when every component of the projected gradient is at most this (absolute).
   * @defaultValue 1e-10
   */
  gradientTolerance?: number;
  /**
   * Stop when an iteration decreases the value by at most this, relative to max(|f|, 1).
   * @defaultValue 1e-12
   */
  valueTolerance?: number;
  /**
   * Gradient approximation: `forward` (d points), `central` (2d points, more accurate) or
   * `adaptive` (forward, then central once forward differences stop making progress).
   * @defaultValue 'adaptive'
   */
  differences?: DifferenceScheme | 'adaptive';
  /** Relative finite-difference step; defaults to sqrt(eps) (forward) or eps^(1/3) (central). */
  differenceStep?: number;
}

/** Plain-data state of the quasi-Newton optimizer. */
export interface QuasiNewtonState extends LocalStateBase {
  method: 'quasi-newton';
  memory: number;
  gradientTolerance: number;
  valueTolerance: number;
  differences: DifferenceScheme | 'adaptive';
  differenceStep: number | null;
  /** The scheme in use now. */
  scheme: DifferenceScheme;
  phase: 'gradient' | 'line-search' | 'done';
  /** Current iterate, its value (NaN until known) and gradient (empty until known). */
  x: number[];
  value: number;
  gradient: number[];
  /** The pending gradient batch starts with x itself (its value is not known yet). */
  centerPending: boolean;
  stencil: StencilEntry[];
  /** Last accepted step s and gradient change y, oldest first. */
  steps: number[][];
  changes: number[][];
  previousX: number[] | null;
  previousGradient: number[] | null;
  /** Line search: direction, step length, trials so far, whether memory was already reset. */
  direction: number[];
  alpha: number;
  trials: number;
  memoryReset: boolean;
  /** While the step is being expanded: the best trial so far. */
  expansion: { x: number[]; value: number } | null;
}

const ARMIJO = 1e-4;
const MAX_TRIALS = 40;
const EXPANSION_SLOPE = 0.9;
const MAX_EXPANSIONS = 10;
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
  state.gradient = gradientFromStencil(d, state.stencil, state.value, told.slice(offset));
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

function remember(state: QuasiNewtonState, previousX: number[], previousGradient: number[]): void {
  const s = state.x.map((v, i) => v - (previousX[i] as number));
  const y = state.gradient.map((v, i) => v - (previousGradient[i] as number));
  const sy = dot(s, y);
  // Skip pairs without positive curvature: they would make the inverse Hessian indefinite.
  if (!(sy > Number.EPSILON * dot(y, y))) return;
  state.steps.push(s);
  state.changes.push(y);
  if (state.steps.length > state.memory) {
    state.steps.shift();
    state.changes.shift();
  }
}

function projectedGradientNorm(state: QuasiNewtonState): number {
  let norm = 0;
  for (let i = 0; i < state.x.length; i++) {
    const xi = state.x[i] as number;
    const step =
      clamp(
        xi - (state.gradient[i] as number),
        state.lower[i] as number,
        state.upper[i] as number,
      ) - xi;
    norm = Math.max(norm, Math.abs(step));
  }
  return norm;
}

// Coordinates the step may move: not fixed, and not held at a bound by the gradient.
function freeMask(state: QuasiNewtonState): boolean[] {
  return state.x.map((xi, i) => {
    const lo = state.lower[i] as number;
    const hi = state.upper[i] as number;
    const g = state.gradient[i] as number;
    if (!(hi > lo)) return false;
    return !((xi <= lo && g > 0) || (xi >= hi && g < 0));
  });
}

// L-BFGS two-loop recursion: -H g on the free coordinates, H0 = gamma I (Nocedal & Wright 7.2).
function lbfgsDirection(state: QuasiNewtonState, free: readonly boolean[]): number[] {
  const q = state.gradient.map((g, i) => (free[i] === true ? g : 0));
  const m = state.steps.length;
  const alphas = new Array<number>(m);
  for (let k = m - 1; k >= 0; k--) {
    const s = state.steps[k] as number[];
    const y = state.changes[k] as number[];
    const a = dot(s, q) / dot(y, s);
    alphas[k] = a;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) - a * (y[i] as number);
  }
  if (m > 0) {
    const s = state.steps[m - 1] as number[];
    const y = state.changes[m - 1] as number[];
    const gamma = dot(s, y) / dot(y, y);
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) * gamma;
  }
  for (let k = 0; k < m; k++) {
    const s = state.steps[k] as number[];
    const y = state.changes[k] as number[];
    const b = dot(y, q) / dot(y, s);
    const a = alphas[k] as number;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) + (a - b) * (s[i] as number);
  }
  return q.map((v, i) => (free[i] === true ? -v : 0));
}

function startLineSearch(state: QuasiNewtonState): void {
  const free = freeMask(state);
  let direction = lbfgsDirection(state, free);
  if (!(dot(direction, state.gradient) < 0) || !direction.every(Number.isFinite)) {
    state.steps = [];
    state.changes = [];
    direction = state.gradient.map((g, i) => (free[i] === true ? -g : 0));
  }
  const size = maxAbs(direction);
  if (!(size > 0)) return stopLocal(state, 'converged');
  // Without curvature information the first step has unit length (as L-BFGS-B does).
  let alpha = state.steps.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(direction, direction))) : 1;
  let widest = 0;
  for (let i = 0; i < state.x.length; i++)
    widest = Math.max(widest, (state.upper[i] as number) - (state.lower[i] as number));
  if (alpha * size > widest) alpha = widest / size;
  state.direction = direction;
  state.alpha = alpha;
  state.trials = 0;
  requestTrial(state);
}

function trialPoint(state: QuasiNewtonState): number[] {
  return state.x.map((xi, i) =>
    clamp(
      xi + state.alpha * (state.direction[i] as number),
      state.lower[i] as number,
      state.upper[i] as number,
    ),
  );
}

function requestTrial(state: QuasiNewtonState): void {
  if (remainingEvaluations(state) < 1) return stopLocal(state, 'evaluations');
  const trial = trialPoint(state);
  if (trial.every((v, i) => v === state.x[i])) return lineSearchFailed(state);
  state.phase = 'line-search';
  state.pending = [trial];
}

function afterTrial(state: QuasiNewtonState, value: number): void {
  const trial = state.pending[0] as number[];
  let decrease = 0;
  for (let i = 0; i < trial.length; i++)
    decrease += (state.gradient[i] as number) * ((trial[i] as number) - (state.x[i] as number));
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
  // Backtrack to the minimizer of the quadratic through f(x), the slope and f(trial), kept
  // within [0.1, 0.5] of the current step (Nocedal & Wright 3.5).
  let factor = 0.25;
  if (Number.isFinite(value) && decrease < 0) {
    const curvature = value - state.value - decrease;
    if (curvature > 0) factor = clamp(-decrease / (2 * curvature), 0.1, 0.5);
  }
  state.alpha *= factor;
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
  if (next.every((v, i) => v === trial[i])) return acceptStep(state, trial, value);
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
