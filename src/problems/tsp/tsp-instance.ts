// A parsed symmetric TSP instance, and its construction from a .tsp file's specification and
// sections: the distance rule, and the distance matrix when the instance is small enough.
import type { Header } from './tsplib-header.js';
import {
  coordinateDimension,
  coordinateDistance,
  distanceBound,
  explicitMatrix,
  type EdgeWeightFormat,
  type EdgeWeightType,
} from './distances.js';

/** A parsed symmetric TSP instance. Cities are 0-based (TSPLIB node id k is city k - 1). */
export interface TspInstance {
  /** NAME of the file (or the file name without extension). */
  readonly name: string;
  /** The COMMENT lines, joined. */
  readonly comment: string;
  /** The file it was read from. */
  readonly file: string;
  /** Number of cities n. */
  readonly dimension: number;
  readonly edgeWeightType: EdgeWeightType;
  readonly edgeWeightFormat?: EdgeWeightFormat;
  /** Node coordinates, city k at `k * coordinateDimension`, for coordinate weight types. */
  readonly coordinates?: Float64Array;
  /** Integer distance between cities a and b, by the instance's TSPLIB rule. */
  readonly distance: (a: number, b: number) => number;
  /** The n x n distance matrix (row-major), precomputed unless n exceeds {@link MATRIX_LIMIT}. */
  readonly matrix?: Int32Array | Float64Array;
}

/**
 * Above this many cities, coordinate instances compute distances on demand instead of holding
 * an n x n matrix (4096 cities make a 64 MB matrix).
 */
export const MATRIX_LIMIT = 1000;

/** The data sections of a .tsp file, with the lines they started on (for errors). */
export interface TspSections {
  coordinates: Float64Array | undefined;
  coordinatesLine: number | undefined;
  weights: { values: number[]; line: number } | undefined;
}

/**
 * The instance of a .tsp file once all its lines are read; `fail` reports what is missing or
 * inconsistent, at line `end` unless a section's own line says more.
 */
export function buildInstance(
  header: Header,
  { coordinates, coordinatesLine, weights }: TspSections,
  file: string,
  end: number,
  fail: (message: string, line?: number) => never,
): TspInstance {
  const n = header.dimension ?? fail('expected DIMENSION', end);
  const type = header.type ?? fail('expected EDGE_WEIGHT_TYPE', end);
  const name = header.name ?? (file.split(/[\\/]/).pop() ?? file).replace(/\.tsp$/i, '');
  const common = {
    name,
    comment: header.comments.join(' '),
    file,
    dimension: n,
  };
  if (type === 'EXPLICIT') {
    if (weights === undefined)
      fail('expected EDGE_WEIGHT_SECTION (EDGE_WEIGHT_TYPE is EXPLICIT)', end);
    const format = header.format as EdgeWeightFormat;
    const { matrix, asymmetric } = explicitMatrix(
      format,
      (weights as { values: number[] }).values,
      n,
    );
    if (asymmetric !== undefined) {
      const [i, j] = asymmetric;
      fail(
        `expected a symmetric FULL_MATRIX, but w(${i + 1}, ${j + 1}) = ${matrix[i * n + j]} and w(${j + 1}, ${i + 1}) = ${matrix[j * n + i]} (asymmetric instances are not supported)`,
        (weights as { line: number }).line,
      );
    }
    return {
      ...common,
      edgeWeightType: type,
      edgeWeightFormat: format,
      matrix,
      distance: (a, b) => matrix[a * n + b] as number,
    };
  }
  if (coordinates === undefined) {
    fail(
      `expected NODE_COORD_SECTION (EDGE_WEIGHT_TYPE ${type} computes distances from coordinates)`,
      end,
    );
  }
  const points = coordinates;
  if (points.length !== n * coordinateDimension(type)) {
    fail(
      `expected ${coordinateDimension(type)} coordinates per node for EDGE_WEIGHT_TYPE ${type}`,
      end,
    );
  }
  // Tour lengths are sums of n distances: exact while they stay within a double's integers.
  const bound = distanceBound(type, points);
  if (!(bound * n <= Number.MAX_SAFE_INTEGER)) {
    fail(
      `the coordinates span too far for exact tour lengths: a tour of these ${n} cities could be ${Number.isFinite(bound * n) ? `about ${(bound * n).toExponential(2)}` : 'longer than a double can hold'}, past ${Number.MAX_SAFE_INTEGER} (2^53 - 1, the largest integer a double holds exactly); scale the coordinates down`,
      coordinatesLine ?? end,
    );
  }
  const metric = coordinateDistance(type, points);
  const instance = { ...common, edgeWeightType: type, coordinates: points };
  if (n > MATRIX_LIMIT) return { ...instance, distance: metric };
  const matrix = bound <= 2 ** 31 - 1 ? new Int32Array(n * n) : new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = metric(a, b);
      matrix[a * n + b] = d;
      matrix[b * n + a] = d;
    }
  }
  return { ...instance, matrix, distance: (a, b) => matrix[a * n + b] as number };
}
