// Types shared by the continuous local optimizers (quasi-Newton, pattern search, Nelder-Mead):
// the box, the common options, and the bookkeeping every state carries.

/** A box [lower_i, upper_i]. Coordinates with lower_i = upper_i are fixed. */
export interface Box {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** Why a local optimizer stopped; `undefined` while it runs. */
export type LocalStopReason =
  /** The projected gradient (or the simplex / step size) fell below its tolerance. */
  | 'converged'
  /** The relative decrease of the value over an iteration fell below `valueTolerance`. */
  | 'stalled'
  /** The line search found no decrease along a descent direction (flat, noisy or at a kink). */
  | 'line-search'
  | 'evaluations'
  | 'iterations';

/** Options every local optimizer takes. */
export interface LocalCommonOptions {
  /**
   * Evaluations the optimizer may ask for, the first evaluation of `x0` included.
   * @defaultValue Infinity
   */
  maxEvaluations?: number;
  /**
   * Iterations (accepted steps of the method) before it stops.
   * @defaultValue Infinity
   */
  maxIterations?: number;
}

/** Bookkeeping fields every local optimizer state carries (plain data). */
export interface LocalStateBase {
  lower: number[];
  upper: number[];
  maxEvaluations: number;
  maxIterations: number;
  /** Points asked and told so far. */
  evaluations: number;
  iterations: number;
  /** The points of the current batch, waiting for `tell`. */
  pending: number[][];
  /** Best point told so far (x0 until something better arrives). */
  bestX: number[];
  bestValue: number;
  stopReason: LocalStopReason | undefined;
}

/**
 * A fresh state of one method: the method's own fields, which `own` builds (as one object
 * literal) from the bookkeeping, followed by the bookkeeping fields (x0 projected onto the box).
 * One builder for every method, so the shared fields are written once. They are added by
 * named stores: Object.assign or a spread would add them as keyed stores, and past a dozen
 * such fields V8 turns the state into a slow dictionary object.
 */
export function localState<Own extends object>(
  x0: readonly number[],
  value0: number | undefined,
  box: Box,
  options: LocalCommonOptions,
  own: (base: LocalStateBase) => Own,
): LocalStateBase & Own {
  const base = baseState(x0, value0, box, options);
  const state = own(base) as LocalStateBase & Own;
  state.lower = base.lower;
  state.upper = base.upper;
  state.maxEvaluations = base.maxEvaluations;
  state.maxIterations = base.maxIterations;
  state.evaluations = base.evaluations;
  state.iterations = base.iterations;
  state.pending = base.pending;
  state.bestX = base.bestX;
  state.bestValue = base.bestValue;
  state.stopReason = base.stopReason;
  return state;
}

/** The points of the current batch, copied (the state keeps its own). */
export function askPending(state: LocalStateBase): number[][] {
  return state.pending.map((p) => p.slice());
}

/** Ends a run: no more points, and why. */
export function stopLocal(
  state: LocalStateBase & { phase: string },
  reason: LocalStopReason,
): void {
  state.phase = 'done';
  state.stopReason = reason;
  state.pending = [];
}

/** The bookkeeping fields of a fresh state. */
function baseState(
  x0: readonly number[],
  value0: number | undefined,
  box: Box,
  options: LocalCommonOptions,
): LocalStateBase {
  const lower = box.lower.slice();
  const upper = box.upper.slice();
  const start = x0.map((v, i) => clamp(v, lower[i] as number, upper[i] as number));
  return {
    lower,
    upper,
    maxEvaluations: options.maxEvaluations ?? Infinity,
    maxIterations: options.maxIterations ?? Infinity,
    evaluations: 0,
    iterations: 0,
    pending: [],
    bestX: start,
    bestValue: value0 === undefined || Number.isNaN(value0) ? Infinity : value0,
    stopReason: undefined,
  };
}

/** Records told values in the best-so-far; NaN counts as Infinity. Returns the cleaned values. */
export function recordValues(state: LocalStateBase, values: readonly number[]): number[] {
  const points = state.pending;
  const clean = new Array<number>(points.length);
  for (let k = 0; k < points.length; k++) {
    const raw = values[k];
    const value = raw === undefined || Number.isNaN(raw) ? Infinity : raw;
    clean[k] = value;
    if (value < state.bestValue) {
      state.bestValue = value;
      state.bestX = (points[k] as number[]).slice();
    }
  }
  state.evaluations += points.length;
  return clean;
}

/** Evaluations still allowed. */
export function remainingEvaluations(state: LocalStateBase): number {
  return state.maxEvaluations - state.evaluations;
}

export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Projects `x` onto the box, in place. */
export function projectInPlace(x: number[], lower: readonly number[], upper: readonly number[]) {
  for (let i = 0; i < x.length; i++)
    x[i] = clamp(x[i] as number, lower[i] as number, upper[i] as number);
  return x;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

export function maxAbs(a: readonly number[]): number {
  let m = 0;
  for (const v of a) {
    const t = Math.abs(v);
    if (t > m) m = t;
  }
  return m;
}
