// Eigendecomposition of a symmetric matrix: Householder reduction to tridiagonal form, then the
// implicit QL iteration with Wilkinson's shift (Golub & Van Loan, Matrix Computations, 4th ed.,
// algorithms 8.3.1 and 8.3.3; Bowdler, Martin, Reinsch & Wilkinson 1968, "The QR and QL
// algorithms for symmetric matrices"). About 4 n^3 flops with the vectors, on flat typed
// arrays with no allocation, for CMA-ES's covariance every generation.
import { ParameterError } from '../../core/errors.js';

/** A symmetric matrix's eigenvectors (columns of `vectors`) and eigenvalues, in matching order. */
export interface SymmetricEigen {
  values: number[];
  /** vectors[i][j]: component i of eigenvector j. */
  vectors: number[][];
}

/** Work space of {@link decomposeSymmetric} for one size n (reused across calls). */
export interface EigenWorkspace {
  readonly size: number;
  /** n x n, row-major: the matrix on entry, the eigenvectors (columns) on return. */
  readonly matrix: Float64Array;
  /** The eigenvalues on return. */
  readonly values: Float64Array;
  /** The off-diagonal of the tridiagonal form (scratch). */
  readonly offDiagonal: Float64Array;
  /** The Householder vector and its two products (scratch). */
  readonly reflector: Float64Array;
  readonly product: Float64Array;
}

export function createEigenWorkspace(size: number): EigenWorkspace {
  return {
    size,
    matrix: new Float64Array(size * size),
    values: new Float64Array(size),
    offDiagonal: new Float64Array(size),
    reflector: new Float64Array(size),
    product: new Float64Array(size),
  };
}

/** Most QL iterations per eigenvalue before giving up (it converges cubically, in 2-3). */
const MAX_ITERATIONS = 60;

/**
 * Decomposes the symmetric matrix in `work.matrix` in place: on return `work.matrix` holds
 * orthonormal eigenvectors as columns and `work.values` the eigenvalues (unsorted).
 * Returns false if the QL iteration did not converge (never seen on finite input).
 */
export function decomposeSymmetric(work: EigenWorkspace): boolean {
  const { size: n, matrix, values } = work;
  if (n === 0) return true;
  // Scaled to a largest entry near 1, so that no square underflows or overflows; by a power of
  // two, which changes no rounding.
  let largest = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) largest = Math.max(largest, Math.abs(matrix[i * n + j]!));
  }
  if (largest === 0) {
    for (let i = 0; i < n * n; i++) matrix[i] = i % (n + 1) === 0 ? 1 : 0;
    values.fill(0);
    return true;
  }
  largest = powerOfTwoNear(largest);
  for (let i = 0; i < n * n; i++) matrix[i] = matrix[i]! / largest;
  tridiagonalize(work);
  const converged = diagonalizeTridiagonal(work);
  for (let i = 0; i < n; i++) values[i] = values[i]! * largest;
  return converged;
}

/** The convenience form on nested arrays (the input is only read). */
export function symmetricEigen(a: readonly (readonly number[])[]): SymmetricEigen {
  const n = a.length;
  const work = createEigenWorkspace(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) work.matrix[i * n + j] = a[i]![j]!;
  if (!work.matrix.every(Number.isFinite) || !decomposeSymmetric(work)) {
    throw new ParameterError('symmetricEigen: a must be a finite symmetric matrix');
  }
  const vectors: number[][] = [];
  for (let i = 0; i < n; i++) vectors.push(Array.from(work.matrix.subarray(i * n, (i + 1) * n)));
  return { values: Array.from(work.values), vectors };
}

/**
 * Householder reduction Q^T A Q = T (tridiagonal). For each column k, the reflector
 * H = I - beta v v^T maps A[k+1.., k] onto a multiple of e_1; the trailing block B becomes
 * H B H = B - v w^T - w v^T with p = beta B v and w = p - (beta p.v / 2) v. The diagonal of T
 * goes to `values`, its off-diagonal to `offDiagonal` (entry i couples i and i + 1), and Q,
 * accumulated backwards (fewer flops), replaces the matrix.
 */
function tridiagonalize(work: EigenWorkspace): void {
  const { size: n, matrix: a, values: d, offDiagonal: e, reflector: v, product: p } = work;
  // Only the lower triangle is read and updated. Reflector k is kept in column k below the
  // subdiagonal (scaled so that its first entry is 1) and its beta in the unused upper triangle.
  for (let k = 0; k + 2 < n; k++) {
    // The column is scaled near its largest entry: squares of tiny entries would underflow and
    // leave the reflector non-orthogonal.
    let scale = 0;
    for (let i = k + 2; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + k]!));
    if (scale === 0) {
      e[k] = a[(k + 1) * n + k]!;
      a[k * n + k + 1] = 0; // beta = 0: no reflection
      continue;
    }
    scale = powerOfTwoNear(Math.max(scale, Math.abs(a[(k + 1) * n + k]!)));
    for (let i = k + 1; i < n; i++) a[i * n + k] = a[i * n + k]! / scale;
    let tail = 0;
    for (let i = k + 2; i < n; i++) tail += a[i * n + k]! * a[i * n + k]!;
    const head = a[(k + 1) * n + k]!;
    const length = Math.sqrt(head * head + tail);
    const alpha = head > 0 ? -length : length;
    // v = x - alpha e_1, with |v|^2 = 2 alpha (alpha - head); beta = 2 / |v|^2.
    const first = head - alpha;
    const beta = 1 / (alpha * (alpha - head));
    v[k + 1] = first;
    for (let i = k + 2; i < n; i++) v[i] = a[i * n + k]!;
    // p = beta B v over the trailing block (symmetric: read its lower triangle).
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      let sum = 0;
      for (let j = k + 1; j <= i; j++) sum += a[i * n + j]! * v[j]!;
      for (let j = i + 1; j < n; j++) sum += a[j * n + i]! * v[j]!;
      p[i] = beta * sum;
      pv += p[i]! * v[i]!;
    }
    const half = (beta * pv) / 2;
    for (let i = k + 1; i < n; i++) p[i] = p[i]! - half * v[i]!;
    for (let i = k + 1; i < n; i++) {
      const vi = v[i]!;
      const wi = p[i]!;
      for (let j = k + 1; j <= i; j++) a[i * n + j] = a[i * n + j]! - vi * p[j]! - wi * v[j]!;
    }
    e[k] = alpha * scale;
    // Keep v (scaled so v[k + 1] = 1) in column k below the subdiagonal, beta' = beta first^2.
    for (let i = k + 2; i < n; i++) a[i * n + k] = v[i]! / first;
    a[k * n + k + 1] = beta * first * first;
  }
  if (n >= 2) e[n - 2] = a[(n - 1) * n + n - 2]!;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
  e[n - 1] = 0;
  // Q = H_0 H_1 ... H_(n-3), built from the identity by applying the last reflector first.
  const betas = p;
  for (let k = 0; k + 2 < n; k++) betas[k] = a[k * n + k + 1]!;
  for (let k = n - 3; k >= 0; k--) {
    for (let i = k + 2; i < n; i++) v[i] = a[i * n + k]!;
    v[k + 1] = 1;
    clearRowAndColumn(a, n, k + 1, k === n - 3);
    const beta = betas[k]!;
    if (beta === 0) continue;
    // Q[k+1.., k+1..] -= beta v (v^T Q[k+1.., k+1..]).
    for (let j = k + 1; j < n; j++) {
      let dot = 0;
      for (let i = k + 1; i < n; i++) dot += v[i]! * a[i * n + j]!;
      const scaled = beta * dot;
      for (let i = k + 1; i < n; i++) a[i * n + j] = a[i * n + j]! - scaled * v[i]!;
    }
  }
  // Rows and columns 0 (and, for n < 3, the rest) are those of the identity.
  for (let j = 0; j < n; j++) {
    a[j] = j === 0 ? 1 : 0;
    a[j * n] = j === 0 ? 1 : 0;
  }
  if (n === 2) {
    a[1 * n + 1] = 1;
  }
}

/**
 * Before Q's block from index `from` is built: the identity's row and column `from` (and, on
 * the first call, the trailing block from `from + 1` on), leaving the stored reflectors of the
 * columns before `from` alone.
 */
function clearRowAndColumn(a: Float64Array, n: number, from: number, first: boolean): void {
  if (first) {
    for (let i = from; i < n; i++) for (let j = from; j < n; j++) a[i * n + j] = i === j ? 1 : 0;
    return;
  }
  for (let j = from; j < n; j++) {
    a[from * n + j] = j === from ? 1 : 0;
    a[j * n + from] = j === from ? 1 : 0;
  }
}

/**
 * The implicit QL iteration on T = tridiag(offDiagonal, values, offDiagonal): for the leading
 * unreduced block [low, high], a shift from the 2 x 2 corner at `low` (Wilkinson's), then
 * plane rotations chasing the bulge from `high` up to `low`, each applied to the columns of Q.
 * An off-diagonal entry below rounding of its neighbours splits the problem.
 */
function diagonalizeTridiagonal(work: EigenWorkspace): boolean {
  const { size: n, matrix: q, values: d, offDiagonal: e } = work;
  for (let low = 0; low < n; low++) {
    for (let iteration = 0; ; iteration++) {
      let high = low;
      while (high < n - 1) {
        const scale = Math.abs(d[high]!) + Math.abs(d[high + 1]!);
        if (Math.abs(e[high]!) <= Number.EPSILON * scale) break;
        high++;
      }
      if (high === low) break;
      if (iteration === MAX_ITERATIONS) return false;
      // Shift: the eigenvalue of the leading 2 x 2 block closer to d[low].
      const delta = (d[low + 1]! - d[low]!) / (2 * e[low]!);
      const radius = hypotenuse(delta, 1);
      let g = d[high]! - d[low]! + e[low]! / (delta + (delta >= 0 ? radius : -radius));
      let sine = 1;
      let cosine = 1;
      let correction = 0;
      let split = false;
      for (let i = high - 1; i >= low; i--) {
        const f = sine * e[i]!;
        const b = cosine * e[i]!;
        const r = hypotenuse(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // The rotation found an exact zero: deflate at i + 1 and start again.
          d[i + 1] = d[i + 1]! - correction;
          e[high] = 0;
          split = true;
          break;
        }
        sine = f / r;
        cosine = g / r;
        const shifted = d[i + 1]! - correction;
        const t = (d[i]! - shifted) * sine + 2 * cosine * b;
        correction = sine * t;
        d[i + 1] = shifted + correction;
        g = cosine * t - b;
        for (let k = 0; k < n; k++) {
          const row = k * n;
          const right = q[row + i + 1]!;
          const left = q[row + i]!;
          q[row + i + 1] = sine * left + cosine * right;
          q[row + i] = cosine * left - sine * right;
        }
      }
      if (split) continue;
      d[low] = d[low]! - correction;
      e[low] = g;
      e[high] = 0;
    }
  }
  return true;
}

/**
 * sqrt(a^2 + b^2) without overflow, by the same arithmetic as V8's Math.hypot on two arguments
 * (both divided by the larger magnitude; its Kahan compensation is exactly zero for two terms),
 * so the same value bit for bit. The builtin is a call the compiler does not inline: it
 * allocates an array and boxes its arguments, 40-odd times per decomposition at n = 10.
 * Exported for the tests, which compare it with Math.hypot.
 */
export function hypotenuse(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  const largest = Math.max(x, y);
  if (largest === 0) return 0;
  const first = x / largest;
  const second = y / largest;
  return Math.sqrt(first * first + second * second) * largest;
}

/** The power of two nearest to x > 0 (exact scaling: no rounding in the scaled arithmetic). */
function powerOfTwoNear(x: number): number {
  return 2 ** Math.round(Math.log2(x));
}
