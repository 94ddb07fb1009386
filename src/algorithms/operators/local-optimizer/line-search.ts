// The quasi-Newton optimizer's line search, its arithmetic: the direction (L-BFGS, else steepest
// descent), the first step, the trial point on the projected path x(a) = P(x + a d) (Bertsekas
// 1982), and the backtracking step of an Armijo search (Nocedal & Wright 2006, 3.5). The
// control flow (expansion, acceptance, failure) is in quasi-newton.ts.
import { freeMask, lbfgsDirection } from './lbfgs.js';
import { clamp, dot, maxAbs } from './local-types.js';
import type { QuasiNewtonState } from './quasi-newton-state.js';

/** Sufficient decrease: f(trial) <= f(x) + ARMIJO * g.(trial - x). */
export const ARMIJO = 1e-4;
/** Trials of one line search before it fails. */
export const MAX_TRIALS = 40;
/** A trial whose decrease is at least this share of the predicted one calls for a longer step. */
export const EXPANSION_SLOPE = 0.9;
/** Doublings of the step at most. */
export const MAX_EXPANSIONS = 10;

/**
 * -H g on the free coordinates; steepest descent (and the memory dropped) when that is not a
 * descent direction or not finite.
 */
export function searchDirection(state: QuasiNewtonState): number[] {
  const free = freeMask(state);
  const direction = lbfgsDirection(state, free);
  let finite = true;
  for (const v of direction) if (!Number.isFinite(v)) finite = false;
  if (dot(direction, state.gradient) < 0 && finite) return direction;
  state.steps = [];
  state.changes = [];
  return state.gradient.map((g, i) => (free[i] === true ? -g : 0));
}

/**
 * The first step length along a direction that is not null. Without curvature information the
 * first step has unit length (as L-BFGS-B does); no step is wider than the box.
 */
export function initialStep(state: QuasiNewtonState, direction: readonly number[]): number {
  const size = maxAbs(direction);
  let alpha = state.steps.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(direction, direction))) : 1;
  let widest = 0;
  for (let i = 0; i < state.x.length; i++)
    widest = Math.max(widest, (state.upper[i] as number) - (state.lower[i] as number));
  if (alpha * size > widest) alpha = widest / size;
  return alpha;
}

/** P(x + alpha d): the step projected onto the box. */
export function trialPoint(state: QuasiNewtonState): number[] {
  const { x, direction, lower, upper, alpha } = state;
  const trial = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    trial[i] = clamp(
      (x[i] as number) + alpha * (direction[i] as number),
      lower[i] as number,
      upper[i] as number,
    );
  }
  return trial;
}

/** The change of the value a linear model predicts from x to `trial`: g.(trial - x). */
export function predictedDecrease(state: QuasiNewtonState, trial: readonly number[]): number {
  let decrease = 0;
  for (let i = 0; i < trial.length; i++)
    decrease += (state.gradient[i] as number) * ((trial[i] as number) - (state.x[i] as number));
  return decrease;
}

/**
 * The factor of the next, shorter step: the minimizer of the quadratic through f(x), the slope
 * and f(trial), kept within [0.1, 0.5] of the current step; 0.25 without a usable quadratic.
 */
export function backtrackFactor(state: QuasiNewtonState, value: number, decrease: number): number {
  if (!(Number.isFinite(value) && decrease < 0)) return 0.25;
  const curvature = value - state.value - decrease;
  return curvature > 0 ? clamp(-decrease / (2 * curvature), 0.1, 0.5) : 0.25;
}

/** Whether two points are equal coordinate by coordinate. */
export function samePoint(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
