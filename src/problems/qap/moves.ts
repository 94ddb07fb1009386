// The QAP cost and its move model: the O(n) swap delta for general (asymmetric) matrices, and
// the table of all swap deltas kept up to date in O(n^2) per applied swap (Taillard 1991).
import type { MoveModel } from '../../core/problem.js';
import type { QapInstance } from './qaplib.js';

/** cost(p) = sum_ij A[i][j] * B[p(i)][p(j)], with p(i) the location of facility i. O(n^2). */
export function qapCost(instance: QapInstance, p: readonly number[]): number {
  const { size: n, matrixA: a, matrixB: b } = instance;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const rowB = (p[i] as number) * n;
    for (let j = 0; j < n; j++)
      total += (a[i * n + j] as number) * (b[rowB + (p[j] as number)] as number);
  }
  return total;
}

/**
 * cost(p after exchanging the locations of facilities r and s) - cost(p), in O(n). Entries of
 * A are a(i, j) = A[i][j]; pr, ps are the locations of r and s before the exchange.
 */
export function qapSwapDelta(
  instance: QapInstance,
  p: readonly number[],
  r: number,
  s: number,
): number {
  if (r === s) return 0;
  const { size: n, matrixA: a, matrixB: b } = instance;
  const pr = p[r] as number;
  const ps = p[s] as number;
  const A = (i: number, j: number): number => a[i * n + j] as number;
  const B = (i: number, j: number): number => b[i * n + j] as number;
  if (instance.symmetric) {
    // With A and B symmetric the four terms per facility k pair up (Taillard 1991, eq. 1).
    let delta = (A(r, r) - A(s, s)) * (B(ps, ps) - B(pr, pr));
    let sum = 0;
    for (let k = 0; k < n; k++) {
      if (k === r || k === s) continue;
      const pk = p[k] as number;
      sum += (A(k, r) - A(k, s)) * (B(pk, ps) - B(pk, pr));
    }
    delta += 2 * sum;
    return delta;
  }
  let delta =
    A(r, r) * (B(ps, ps) - B(pr, pr)) +
    A(r, s) * (B(ps, pr) - B(pr, ps)) +
    A(s, r) * (B(pr, ps) - B(ps, pr)) +
    A(s, s) * (B(pr, pr) - B(ps, ps));
  for (let k = 0; k < n; k++) {
    if (k === r || k === s) continue;
    const pk = p[k] as number;
    delta +=
      A(k, r) * (B(pk, ps) - B(pk, pr)) +
      A(k, s) * (B(pk, pr) - B(pk, ps)) +
      A(r, k) * (B(ps, pk) - B(pr, pk)) +
      A(s, k) * (B(pr, pk) - B(ps, pk));
  }
  return delta;
}

/**
 * Brings the table of swap deltas up to date after facilities r and s exchanged locations
 * (`p` is the permutation after the exchange). Pairs (u, v) disjoint from {r, s} change by
 * (Taillard 1991, robust tabu search, valid for asymmetric A and B):
 *   (A[r][u] - A[r][v] + A[s][v] - A[s][u]) * (B[p(s)][p(u)] - B[p(s)][p(v)] + B[p(r)][p(v)] - B[p(r)][p(u)])
 * + (A[u][r] - A[v][r] + A[v][s] - A[u][s]) * (B[p(u)][p(s)] - B[p(v)][p(s)] + B[p(v)][p(r)] - B[p(u)][p(r)])
 * in O(1); the 2n - 3 pairs touching r or s are recomputed in O(n) each. O(n^2) in all.
 */
export function updateSwapTable(
  instance: QapInstance,
  table: number[],
  p: readonly number[],
  r: number,
  s: number,
): void {
  const { size: n, matrixA: a, matrixB: b } = instance;
  const A = (i: number, j: number): number => a[i * n + j] as number;
  const B = (i: number, j: number): number => b[i * n + j] as number;
  const pr = p[r] as number;
  const ps = p[s] as number;
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (u === r || u === s || v === r || v === s) {
        table[u * n + v] = qapSwapDelta(instance, p, u, v);
        continue;
      }
      const pu = p[u] as number;
      const pv = p[v] as number;
      table[u * n + v] =
        (table[u * n + v] as number) +
        (A(r, u) - A(r, v) + A(s, v) - A(s, u)) * (B(ps, pu) - B(ps, pv) + B(pr, pv) - B(pr, pu)) +
        (A(u, r) - A(v, r) + A(v, s) - A(u, s)) * (B(pu, ps) - B(pv, ps) + B(pv, pr) - B(pu, pr));
    }
  }
}

/** The QAP move model: swap deltas in O(n), and the swap table (create O(n^3), update O(n^2)). */
export function qapMoves(instance: QapInstance): MoveModel {
  const n = instance.size;
  return {
    swap: (x, i, j) => qapSwapDelta(instance, x, i, j),
    swapTable: {
      create(x) {
        const table = new Array<number>(n * n).fill(0);
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) table[i * n + j] = qapSwapDelta(instance, x, i, j);
        return table;
      },
      update: (table, x, r, s) => updateSwapTable(instance, table, x, r, s),
    },
  };
}
