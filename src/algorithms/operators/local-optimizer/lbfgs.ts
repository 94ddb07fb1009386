// The quasi-Newton model of quasi-newton.ts: L-BFGS's correction pairs and two-loop recursion
// (Nocedal 1980; Liu & Nocedal 1989) on the free variables, those not held at a bound by the
// gradient (the active-set idea of L-BFGS-B, Byrd, Lu, Nocedal & Zhu 1995).
import { clamp, dot } from './local-types.js';
import type { QuasiNewtonState } from './quasi-newton-state.js';

export function remember(
  state: QuasiNewtonState,
  previousX: number[],
  previousGradient: number[],
): void {
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

export function projectedGradientNorm(state: QuasiNewtonState): number {
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
export function freeMask(state: QuasiNewtonState): boolean[] {
  return state.x.map((xi, i) => {
    const lo = state.lower[i] as number;
    const hi = state.upper[i] as number;
    const g = state.gradient[i] as number;
    if (!(hi > lo)) return false;
    return !((xi <= lo && g > 0) || (xi >= hi && g < 0));
  });
}

// L-BFGS two-loop recursion: -H g on the free coordinates, H0 = gamma I (Nocedal & Wright 7.2).
export function lbfgsDirection(state: QuasiNewtonState, free: readonly boolean[]): number[] {
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
  for (let i = 0; i < q.length; i++) q[i] = free[i] === true ? -(q[i] as number) : 0;
  return q;
}
