// Gaussian steps whose covariance and scale adapt to the successful moves, for the
// zero-temperature refinement of generalized annealing. Adapting the step covariance to the
// accepted moves is the continuous annealing of Vanderbilt & Louie 1984; the update used here is
// the rank-one rule of the (1+1)-CMA-ES (Igel, Suttorp & Hansen 2006), which keeps a factor A of
// C = A A^T and its inverse in O(d^2) per success. Above MAX_FULL_DIMENSION only the diagonal
// adapts (O(d)).
import type { Rng } from '../../core/rng.js';
import { successScale } from './step-control.js';

/** Above this dimension the covariance stays diagonal. */
export const MAX_FULL_DIMENSION = 100;

/** Adapted step distribution (plain data). Matrices are row-major d x d, or diagonals. */
export interface CovarianceSteps {
  dimension: number;
  diagonal: boolean;
  /** Global step size sigma. */
  scale: number;
  /** Factor A of the covariance (A A^T = C); the diagonal of A when `diagonal`. */
  factor: number[];
  /** A^{-1} (unused when `diagonal`). */
  inverse: number[];
  /** Evolution path p_c of the successful steps. */
  path: number[];
}

/** Success rate the step size aims at (about 1/5), and how fast it moves. */
const TARGET_SUCCESS = 0.2;
const SCALE_RATE = 0.3;

/** Starts with covariance diag(shape_i^2) and step size `scale`. */
export function createCovarianceSteps(shape: readonly number[], scale: number): CovarianceSteps {
  const d = shape.length;
  const diagonal = d > MAX_FULL_DIMENSION;
  if (diagonal) {
    return {
      dimension: d,
      diagonal,
      scale,
      factor: shape.slice(),
      inverse: [],
      path: new Array<number>(d).fill(0),
    };
  }
  const factor = new Array<number>(d * d).fill(0);
  const inverse = new Array<number>(d * d).fill(0);
  for (let i = 0; i < d; i++) {
    factor[i * d + i] = shape[i] as number;
    inverse[i * d + i] = 1 / (shape[i] as number);
  }
  return { dimension: d, diagonal, scale, factor, inverse, path: new Array<number>(d).fill(0) };
}

/** The typical step length per coordinate: sigma * sqrt(mean of diag(C)). */
export function effectiveStep(steps: CovarianceSteps): number {
  const d = steps.dimension;
  let sum = 0;
  if (steps.diagonal) {
    for (let i = 0; i < d; i++) sum += (steps.factor[i] as number) ** 2;
  } else {
    for (let k = 0; k < d * d; k++) sum += (steps.factor[k] as number) ** 2;
  }
  return steps.scale * Math.sqrt(sum / d);
}

/** A step sigma * A z, z standard normal. */
export function sampleStep(steps: CovarianceSteps, rng: Rng): number[] {
  const d = steps.dimension;
  const z = new Array<number>(d);
  for (let i = 0; i < d; i++) z[i] = rng.normal();
  const step = new Array<number>(d);
  if (steps.diagonal) {
    for (let i = 0; i < d; i++)
      step[i] = steps.scale * (steps.factor[i] as number) * (z[i] as number);
    return step;
  }
  for (let i = 0; i < d; i++) {
    let sum = 0;
    const row = i * d;
    for (let k = 0; k < d; k++) sum += (steps.factor[row + k] as number) * (z[k] as number);
    step[i] = steps.scale * sum;
  }
  return step;
}

/**
 * Learns from one move: `displacement` is the step actually taken (after bound handling). A
 * success updates the path and the covariance (C <- (1 - c) C + c p p^T); every move updates
 * the step size by the success rule.
 */
export function updateSteps(
  steps: CovarianceSteps,
  displacement: readonly number[],
  success: boolean,
): void {
  const d = steps.dimension;
  if (success && steps.scale > 0) {
    const pathRate = 2 / (d + 2);
    const pathNorm = Math.sqrt(pathRate * (2 - pathRate));
    for (let i = 0; i < d; i++) {
      steps.path[i] =
        (1 - pathRate) * (steps.path[i] as number) +
        (pathNorm * (displacement[i] as number)) / steps.scale;
    }
    if (steps.diagonal) updateDiagonal(steps);
    else updateFactor(steps);
  }
  steps.scale = successScale(steps.scale, success, TARGET_SUCCESS, SCALE_RATE, Infinity);
}

function updateDiagonal(steps: CovarianceSteps): void {
  const d = steps.dimension;
  // Separable form: the diagonal can learn faster (Ros & Hansen 2008).
  const rate = Math.min(1, ((d + 2) / 3) * (2 / (d * d + 6)));
  for (let i = 0; i < d; i++) {
    const variance = (steps.factor[i] as number) ** 2;
    const p = steps.path[i] as number;
    steps.factor[i] = Math.sqrt((1 - rate) * variance + rate * p * p);
  }
}

// C' = alpha C + beta v v^T with v = A w: A' = sqrt(alpha) (A + gamma v w^T / |w|^2),
// gamma = sqrt(1 + beta |w|^2 / alpha) - 1, and by Sherman-Morrison
// A'^{-1} = (A^{-1} - gamma / (1 + gamma) w (w^T A^{-1}) / |w|^2) / sqrt(alpha).
function updateFactor(steps: CovarianceSteps): void {
  const d = steps.dimension;
  const beta = 2 / (d * d + 6);
  const alpha = 1 - beta;
  const { factor, inverse, path } = steps;
  const w = new Array<number>(d).fill(0);
  let norm = 0;
  for (let i = 0; i < d; i++) {
    let sum = 0;
    for (let k = 0; k < d; k++) sum += (inverse[i * d + k] as number) * (path[k] as number);
    w[i] = sum;
    norm += sum * sum;
  }
  if (!(norm > 0) || !Number.isFinite(norm)) return;
  const gamma = Math.sqrt(1 + (beta * norm) / alpha) - 1;
  const root = Math.sqrt(alpha);
  // w^T A^{-1}, before A^{-1} changes.
  const wInverse = new Array<number>(d).fill(0);
  for (let k = 0; k < d; k++) {
    const wk = w[k] as number;
    if (wk === 0) continue;
    for (let j = 0; j < d; j++)
      wInverse[j] = (wInverse[j] as number) + wk * (inverse[k * d + j] as number);
  }
  const forward = gamma / norm;
  const backward = gamma / (1 + gamma) / norm;
  for (let i = 0; i < d; i++) {
    const pi = path[i] as number;
    const wi = w[i] as number;
    for (let j = 0; j < d; j++) {
      const at = i * d + j;
      factor[at] = root * ((factor[at] as number) + forward * pi * (w[j] as number));
      inverse[at] = ((inverse[at] as number) - backward * wi * (wInverse[j] as number)) / root;
    }
  }
}
