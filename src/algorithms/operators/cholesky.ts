// The Cholesky factorization of a symmetric positive definite matrix and the two triangular
// solves that use it (Golub & Van Loan 2013, sec. 4.2), on row-major Float64Arrays.

/** L with L L' = `matrix` (n x n), or undefined when `matrix` is not positive definite. */
export function choleskyFactor(matrix: Float64Array, n: number): Float64Array | undefined {
  const factor = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = matrix[rowI + j] as number;
      for (let k = 0; k < j; k++)
        sum -= (factor[rowI + k] as number) * (factor[rowJ + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        factor[rowI + i] = Math.sqrt(sum);
      } else {
        factor[rowI + j] = sum / (factor[rowJ + j] as number);
      }
    }
  }
  return factor;
}

/** x with L x = b. */
export function solveLower(factor: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    const row = i * n;
    for (let k = 0; k < i; k++) sum -= (factor[row + k] as number) * (x[k] as number);
    x[i] = sum / (factor[row + i] as number);
  }
  return x;
}

/** x with L' x = b. */
export function solveUpper(factor: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (factor[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (factor[i * n + i] as number);
  }
  return x;
}
