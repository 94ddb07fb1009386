// Eigendecomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, Matrix
// Computations, section 8.5): slow for large n, exact to rounding and simple, which suits the
// sizes CMA-ES runs at (n up to a few hundred, decomposed every few generations).

/** A symmetric matrix's eigenvectors (columns of `vectors`) and eigenvalues, in matching order. */
export interface SymmetricEigen {
  values: number[];
  /** vectors[i][j]: component i of eigenvector j. */
  vectors: number[][];
}

const MAX_SWEEPS = 60;

/** Decomposes the symmetric matrix `a` (only read, never changed): a = V diag(values) V^T. */
export function symmetricEigen(a: readonly (readonly number[])[]): SymmetricEigen {
  const n = a.length;
  const m = a.map((row) => row.slice());
  const v: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n).fill(0);
    row[i] = 1;
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

/** One Jacobi rotation zeroing m[p][q] (and m[q][p]), accumulated into v. */
function rotate(m: number[][], v: number[][], p: number, q: number): void {
  const rowP = m[p] as number[];
  const rowQ = m[q] as number[];
  const apq = rowP[q] as number;
  if (apq === 0) return;
  const app = rowP[p] as number;
  const aqq = rowQ[q] as number;
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
