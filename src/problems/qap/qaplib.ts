// Readers of QAPLIB files (Burkard, Karisch & Rendl 1997): instances (.dat: n, then the
// matrices A and B) and solutions (.sln: n, value, permutation), with the files' quirks.
import { DataFileError } from '../../core/errors.js';
import { TokenReader, cachedParse } from '../instances.js';

/** A parsed QAP instance: minimize sum_ij A[i][j] * B[p(i)][p(j)] over permutations p. */
export interface QapInstance {
  /** The file name without extension, e.g. `nug12`. */
  readonly name: string;
  readonly file: string;
  /** Number of facilities and locations n. */
  readonly size: number;
  /** The file's first matrix A (row-major, n x n): between facilities. */
  readonly matrixA: Float64Array;
  /** The file's second matrix B (row-major, n x n): between locations. */
  readonly matrixB: Float64Array;
  /** True when both matrices are symmetric (faster swap deltas). */
  readonly symmetric: boolean;
}

/** A .sln file as written: n, the stated value, and the permutation converted to 0-based. */
export interface QapSolutionFile {
  readonly file: string;
  readonly size: number;
  readonly value: number;
  /** The permutation as listed, shifted to 0-based when the file is 1-based. */
  readonly permutation: number[];
  /** 1 for the usual 1-based files, 0 for files listing 0..n-1 (tai40a). */
  readonly indexBase: 0 | 1;
}

/** Reads a .dat file, once per file (see cachedParse). */
export function readQaplib(file: string): QapInstance {
  return cachedParse('qaplib', file, (text) => parseQaplib(text, file));
}

/** Parses the text of a .dat file: the integer n, then A and B as a stream of 2n^2 integers. */
export function parseQaplib(text: string, file: string): QapInstance {
  const tokens = new TokenReader(text, file);
  const n = tokens.number('integers', 1, 0, {
    integer: true,
    detail: 'n, then the n x n matrices A and B',
  });
  if (n < 2) throw new DataFileError(file, 1, `expected n >= 2 as the first integer, got ${n}`);
  const total = 1 + 2 * n * n;
  const options = { integer: true, detail: `n = ${n}, then A and B, ${n} x ${n} each` };
  const matrixA = new Float64Array(n * n);
  const matrixB = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) matrixA[k] = tokens.number('integers', total, 1 + k, options);
  for (let k = 0; k < n * n; k++)
    matrixB[k] = tokens.number('integers', total, 1 + n * n + k, options);
  tokens.expectEnd(`the ${total} integers of n, A and B`);
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/\.dat$/i, '');
  return {
    name,
    file,
    size: n,
    matrixA,
    matrixB,
    symmetric: isSymmetric(matrixA, n) && isSymmetric(matrixB, n),
  };
}

function isSymmetric(matrix: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (matrix[i * n + j] !== matrix[j * n + i]) return false;
  return true;
}

/** Reads a .sln file, once per file (see cachedParse). */
export function readQapSolution(file: string): QapSolutionFile {
  return cachedParse('qaplib-solution', file, (text) => parseQapSolution(text, file));
}

/**
 * Parses the text of a .sln file: `n value`, then n location numbers, separated by whitespace
 * or commas. The numbers are 1-based except in files that list 0 (tai40a lists 0..n-1).
 */
export function parseQapSolution(text: string, file: string): QapSolutionFile {
  const tokens = new TokenReader(text, file, 1, /[\s,]+/);
  const n = tokens.number('numbers', 2, 0, {
    integer: true,
    detail: 'n, the value, then the permutation',
  });
  if (n < 1) throw new DataFileError(file, 1, `expected n >= 1 as the first number, got ${n}`);
  const total = n + 2;
  const detail = `n = ${n}, the value, then the permutation`;
  const value = tokens.number('numbers', total, 1, { detail });
  const lineOf: number[] = [];
  const listed: number[] = [];
  for (let k = 0; k < n; k++) {
    lineOf.push(tokens.line ?? 1);
    listed.push(tokens.number('numbers', total, 2 + k, { integer: true, detail }));
  }
  tokens.expectEnd(`the ${total} numbers of n, the value and the permutation`);
  const indexBase = Math.min(...listed) === 0 ? 0 : 1;
  const seen = new Int32Array(n);
  const permutation = listed.map((v, k) => {
    const location = v - indexBase;
    const line = lineOf[k] as number;
    if (location < 0 || location >= n) {
      throw new DataFileError(
        file,
        line,
        `expected location numbers from ${indexBase} to ${n - 1 + indexBase}, got ${v}`,
      );
    }
    if (seen[location] !== 0) {
      throw new DataFileError(file, line, `location ${v} appears twice in the permutation`);
    }
    seen[location] = 1;
    return location;
  });
  return { file, size: n, value, permutation, indexBase };
}
