// Whitening by the covariance's decomposition, C^(-1/2) y = B D^-1 B^T y, and the Euclidean
// norm: the two vector operations of CMA-ES's step-size path and active update.
import type { CmaRun } from './distribution.js';

type Decomposition = Pick<CmaRun, 'basis' | 'scales'>;

/**
 * D^-1 B^T y for y = source[offset .. offset + n) into `rotated`; returns its squared norm,
 * which is ||C^(-1/2) y||^2 since B is orthogonal.
 */
export function rotateAndScale(
  run: Decomposition,
  source: ArrayLike<number>,
  offset: number,
  rotated: Float64Array,
): number {
  const n = rotated.length;
  const { basis, scales } = run;
  rotated.fill(0);
  for (let i = 0; i < n; i++) {
    const row = basis[i]!;
    const yi = source[offset + i]!;
    for (let j = 0; j < n; j++) rotated[j] = rotated[j]! + row[j]! * yi;
  }
  let squared = 0;
  for (let j = 0; j < n; j++) {
    const value = rotated[j]! / scales[j]!;
    rotated[j] = value;
    squared += value * value;
  }
  return squared;
}

/** C^(-1/2) y into `out` (`rotated` is scratch of the same length). */
export function whitenInto(
  run: Decomposition,
  y: ArrayLike<number>,
  out: Float64Array,
  rotated: Float64Array,
): void {
  rotateAndScale(run, y, 0, rotated);
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const row = run.basis[i]!;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += row[j]! * rotated[j]!;
    out[i] = sum;
  }
}

export function norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}
