// Whitening by the covariance's decomposition, C^(-1/2) y, and the Euclidean norm: the two
// vector operations of CMA-ES's step-size path and active update.
import type { CmaRun } from './distribution.js';

/** C^(-1/2) y = B D^-1 B^T y. */
export function whiten(run: Pick<CmaRun, 'basis' | 'scales'>, y: readonly number[]): number[] {
  const n = y.length;
  const inner = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += ((run.basis[i] as number[])[j] as number) * (y[i] as number);
    inner[j] = s / (run.scales[j] as number);
  }
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = run.basis[i] as number[];
    let s = 0;
    for (let j = 0; j < n; j++) s += (row[j] as number) * (inner[j] as number);
    out[i] = s;
  }
  return out;
}

export const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
