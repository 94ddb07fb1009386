// Eigendecomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, Matrix
// Computations, section 8.5): exact to rounding and simple. CMA-ES decomposes a covariance that
// moved little since the last time, so the rotations may start from the previous eigenvectors
// B: B^T A B is then nearly diagonal and one or two sweeps finish it.

/** A symmetric matrix's eigenvectors (columns of `vectors`) and eigenvalues, in matching order. */
export interface SymmetricEigen {
  values: number[];
  /** vectors[i][j]: component i of eigenvector j. */
  vectors: number[][];
}

const MAX_SWEEPS = 60;
/** An off-diagonal entry this small against its two diagonal ones is set to zero unrotated. */
const NEGLIGIBLE = 1e-18;

/**
 * Decomposes the symmetric matrix `a` (only read, never changed): a = V diag(values) V^T. With
 * `start`, an orthogonal matrix close to the eigenvectors (columns), the rotations begin from
 * start^T a start and V accumulates onto `start`; the order of the columns then follows it.
 */
export function symmetricEigen(
  a: readonly (readonly number[])[],
  start?: readonly (readonly number[])[],
): SymmetricEigen {
  const n = a.length;
  const m = start === undefined ? a.map((row) => row.slice()) : congruence(a, start);
  const v: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = start === undefined ? new Array<number>(n).fill(0) : (start[i] as number[]).slice();
    if (start === undefined) row[i] = 1;
    v.push(row);
  }
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++) {
      const row = m[i] as number[];
      diagonal += (row[i] as number) ** 2;
      for (let j = i + 1; j < n; j++) offDiagonal += (row[j] as number) ** 2;
    }
    if (offDiagonal === 0 || offDiagonal <= 1e-30 * diagonal) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(m, v, p, q);
    }
  }
  return { values: m.map((row, i) => row[i] as number), vectors: v };
}

/** B^T A B for symmetric A (the result is symmetrized against rounding). */
function congruence(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  const n = a.length;
  const ab: number[][] = [];
  for (let i = 0; i < n; i++) {
    const rowA = a[i] as number[];
    const out = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      const aik = rowA[k] as number;
      const rowB = b[k] as number[];
      for (let j = 0; j < n; j++) out[j] = (out[j] as number) + aik * (rowB[j] as number);
    }
    ab.push(out);
  }
  const m: number[][] = [];
  for (let i = 0; i < n; i++) m.push(new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) {
    const rowB = b[k] as number[];
    const rowAB = ab[k] as number[];
    for (let i = 0; i < n; i++) {
      const bki = rowB[i] as number;
      const out = m[i] as number[];
      for (let j = i; j < n; j++) out[j] = (out[j] as number) + bki * (rowAB[j] as number);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) (m[i] as number[])[j] = (m[j] as number[])[i] as number;
  }
  return m;
}

/** One Jacobi rotation zeroing m[p][q] (and m[q][p]), accumulated into v. */
function rotate(m: number[][], v: number[][], p: number, q: number): void {
  const rowP = m[p] as number[];
  const rowQ = m[q] as number[];
  const apq = rowP[q] as number;
  const app = rowP[p] as number;
  const aqq = rowQ[q] as number;
  // Below rounding of the diagonal: a rotation would change nothing that can be represented.
  if (Math.abs(apq) <= NEGLIGIBLE * (Math.abs(app) + Math.abs(aqq))) {
    rowP[q] = 0;
    rowQ[p] = 0;
    return;
  }
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  const n = m.length;
  for (let k = 0; k < n; k++) {
    const rowK = m[k] as number[];
    const akp = rowK[p] as number;
    const akq = rowK[q] as number;
    rowK[p] = c * akp - s * akq;
    rowK[q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = rowP[k] as number;
    const aqk = rowQ[k] as number;
    rowP[k] = c * apk - s * aqk;
    rowQ[k] = s * apk + c * aqk;
  }
  rowP[q] = 0;
  rowQ[p] = 0;
  for (let k = 0; k < n; k++) {
    const rowK = v[k] as number[];
    const vkp = rowK[p] as number;
    const vkq = rowK[q] as number;
    rowK[p] = c * vkp - s * vkq;
    rowK[q] = s * vkp + c * vkq;
  }
}
