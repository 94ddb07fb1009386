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
 * cost(p after exchanging the locations of facilities r and s) - cost(p), in O(n). With pr, ps
 * the locations of r and s before the exchange (A, B read row-major from the flat arrays):
 *   A[r][r] (B[ps][ps] - B[pr][pr]) + A[r][s] (B[ps][pr] - B[pr][ps])
 * + A[s][r] (B[pr][ps] - B[ps][pr]) + A[s][s] (B[pr][pr] - B[ps][ps])
 * + sum_{k != r, s} A[k][r] (B[pk][ps] - B[pk][pr]) + A[k][s] (B[pk][pr] - B[pk][ps])
 *                 + A[r][k] (B[ps][pk] - B[pr][pk]) + A[s][k] (B[pr][pk] - B[ps][pk]).
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
  const rowR = r * n;
  const rowS = s * n;
  const rowPr = pr * n;
  const rowPs = ps * n;
  const diagonal =
    (a[rowR + r] as number) * ((b[rowPs + ps] as number) - (b[rowPr + pr] as number)) +
    (a[rowS + s] as number) * ((b[rowPr + pr] as number) - (b[rowPs + ps] as number));
  if (instance.symmetric) {
    // With A and B symmetric the four terms of each k pair up (Taillard 1991).
    let sum = 0;
    for (let k = 0; k < n; k++) {
      if (k === r || k === s) continue;
      const rowPk = (p[k] as number) * n;
      sum +=
        ((a[k * n + r] as number) - (a[k * n + s] as number)) *
        ((b[rowPk + ps] as number) - (b[rowPk + pr] as number));
    }
    return diagonal + 2 * sum;
  }
  let delta =
    diagonal +
    ((a[rowR + s] as number) - (a[rowS + r] as number)) *
      ((b[rowPs + pr] as number) - (b[rowPr + ps] as number));
  for (let k = 0; k < n; k++) {
    if (k === r || k === s) continue;
    const pk = p[k] as number;
    const rowK = k * n;
    const rowPk = pk * n;
    delta +=
      ((a[rowK + r] as number) - (a[rowK + s] as number)) *
        ((b[rowPk + ps] as number) - (b[rowPk + pr] as number)) +
      ((a[rowR + k] as number) - (a[rowS + k] as number)) *
        ((b[rowPs + pk] as number) - (b[rowPr + pk] as number));
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
  const n = instance.size;
  if (instance.symmetric) updateSymmetricPairs(instance, table, p, r, s);
  else updateAsymmetricPairs(instance, table, p, r, s);
  for (let k = 0; k < n; k++) {
    if (k !== r && k !== s) {
      table[Math.min(k, r) * n + Math.max(k, r)] = qapSwapDelta(instance, p, k, r);
      table[Math.min(k, s) * n + Math.max(k, s)] = qapSwapDelta(instance, p, k, s);
    }
  }
  table[Math.min(r, s) * n + Math.max(r, s)] = qapSwapDelta(instance, p, r, s);
}

// With A and B symmetric the two products of the update are equal (Taillard 1991): one product,
// doubled, for each pair disjoint from {r, s}.
function updateSymmetricPairs(
  instance: QapInstance,
  table: number[],
  p: readonly number[],
  r: number,
  s: number,
): void {
  const { size: n, matrixA: a, matrixB: b } = instance;
  const rowR = r * n;
  const rowS = s * n;
  const rowPr = (p[r] as number) * n;
  const rowPs = (p[s] as number) * n;
  for (let u = 0; u < n; u++) {
    if (u === r || u === s) continue;
    const pu = p[u] as number;
    const rowU = u * n;
    const aOut = (a[rowR + u] as number) - (a[rowS + u] as number);
    const bOut = (b[rowPs + pu] as number) - (b[rowPr + pu] as number);
    for (let v = u + 1; v < n; v++) {
      if (v === r || v === s) continue;
      const pv = p[v] as number;
      table[rowU + v] =
        (table[rowU + v] as number) +
        2 *
          (aOut - (a[rowR + v] as number) + (a[rowS + v] as number)) *
          (bOut - (b[rowPs + pv] as number) + (b[rowPr + pv] as number));
    }
  }
}

function updateAsymmetricPairs(
  instance: QapInstance,
  table: number[],
  p: readonly number[],
  r: number,
  s: number,
): void {
  const { size: n, matrixA: a, matrixB: b } = instance;
  const rowR = r * n;
  const rowS = s * n;
  const rowPr = (p[r] as number) * n;
  const rowPs = (p[s] as number) * n;
  const pr = p[r] as number;
  const ps = p[s] as number;
  for (let u = 0; u < n; u++) {
    if (u === r || u === s) continue;
    const pu = p[u] as number;
    const rowU = u * n;
    const rowPu = pu * n;
    // The u-only parts of both products, reused for every v.
    const aOut = (a[rowR + u] as number) - (a[rowS + u] as number);
    const aIn = (a[rowU + r] as number) - (a[rowU + s] as number);
    const bOut = (b[rowPs + pu] as number) - (b[rowPr + pu] as number);
    const bIn = (b[rowPu + ps] as number) - (b[rowPu + pr] as number);
    for (let v = u + 1; v < n; v++) {
      if (v === r || v === s) continue;
      const pv = p[v] as number;
      const rowV = v * n;
      const rowPv = pv * n;
      table[rowU + v] =
        (table[rowU + v] as number) +
        (aOut - (a[rowR + v] as number) + (a[rowS + v] as number)) *
          (bOut - (b[rowPs + pv] as number) + (b[rowPr + pv] as number)) +
        (aIn - (a[rowV + r] as number) + (a[rowV + s] as number)) *
          (bIn - (b[rowPv + ps] as number) + (b[rowPv + pr] as number));
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
