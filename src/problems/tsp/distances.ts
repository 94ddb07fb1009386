// TSPLIB distance functions (Reinelt 1991, TSPLIB95 documentation, section 2) and the explicit
// weight formats, as integer distances between 0-based cities.

/** The coordinate-based edge weight types kiln computes. */
export type CoordinateWeightType =
  'EUC_2D' | 'EUC_3D' | 'MAN_2D' | 'MAN_3D' | 'MAX_2D' | 'MAX_3D' | 'CEIL_2D' | 'GEO' | 'ATT';

/** Every EDGE_WEIGHT_TYPE kiln reads. */
export type EdgeWeightType = CoordinateWeightType | 'EXPLICIT';

/** The EDGE_WEIGHT_FORMATs of EXPLICIT instances. */
export type EdgeWeightFormat =
  | 'FULL_MATRIX'
  | 'UPPER_ROW'
  | 'LOWER_ROW'
  | 'UPPER_DIAG_ROW'
  | 'LOWER_DIAG_ROW'
  | 'UPPER_COL'
  | 'LOWER_COL'
  | 'UPPER_DIAG_COL'
  | 'LOWER_DIAG_COL';

export const COORDINATE_WEIGHT_TYPES: readonly CoordinateWeightType[] = [
  'EUC_2D',
  'EUC_3D',
  'MAN_2D',
  'MAN_3D',
  'MAX_2D',
  'MAX_3D',
  'CEIL_2D',
  'GEO',
  'ATT',
];

export const EDGE_WEIGHT_FORMATS: readonly EdgeWeightFormat[] = [
  'FULL_MATRIX',
  'UPPER_ROW',
  'LOWER_ROW',
  'UPPER_DIAG_ROW',
  'LOWER_DIAG_ROW',
  'UPPER_COL',
  'LOWER_COL',
  'UPPER_DIAG_COL',
  'LOWER_DIAG_COL',
];

/** Coordinates per node for a weight type: 3 for the *_3D types, 2 otherwise. */
export function coordinateDimension(type: CoordinateWeightType): 2 | 3 {
  return type.endsWith('_3D') ? 3 : 2;
}

/** TSPLIB's nint: round half up, `(int)(x + 0.5)` for the non-negative values it is used on. */
function nint(x: number): number {
  return Math.floor(x + 0.5);
}

// GEO constants exactly as TSPLIB95 prints them (3.141592, not Math.PI).
const GEO_PI = 3.141592;
const EARTH_RADIUS = 6378.388;

/** GEO: a `DDD.MM` coordinate (degrees.minutes) in radians; degrees truncate toward zero. */
function geoRadians(value: number): number {
  const degrees = Math.trunc(value);
  const minutes = value - degrees;
  return (GEO_PI * (degrees + (5.0 * minutes) / 3.0)) / 180.0;
}

function squaredDistance2d(c: Float64Array, a: number, b: number): number {
  const dx = (c[2 * a] as number) - (c[2 * b] as number);
  const dy = (c[2 * a + 1] as number) - (c[2 * b + 1] as number);
  return dx * dx + dy * dy;
}

/**
 * The distance function of a coordinate weight type over `coordinates` (node k at
 * `coordinates[k * dimension ..]`). Every value is an integer, rounded per edge as TSPLIB says.
 */
export function coordinateDistance(
  type: CoordinateWeightType,
  coordinates: Float64Array,
): (a: number, b: number) => number {
  const c = coordinates;
  switch (type) {
    case 'EUC_2D':
      return (a, b) => nint(Math.sqrt(squaredDistance2d(c, a, b)));
    case 'CEIL_2D':
      return (a, b) => Math.ceil(Math.sqrt(squaredDistance2d(c, a, b)));
    case 'ATT':
      return (a, b) => {
        const r = Math.sqrt(squaredDistance2d(c, a, b) / 10.0);
        const t = nint(r);
        return t < r ? t + 1 : t;
      };
    case 'GEO': {
      const n = c.length / 2;
      const latitude = new Float64Array(n);
      const longitude = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        latitude[k] = geoRadians(c[2 * k] as number);
        longitude[k] = geoRadians(c[2 * k + 1] as number);
      }
      return (a, b) => {
        if (a === b) return 0;
        const la = latitude[a] as number;
        const lb = latitude[b] as number;
        const q1 = Math.cos((longitude[a] as number) - (longitude[b] as number));
        const q2 = Math.cos(la - lb);
        const q3 = Math.cos(la + lb);
        const cosine = 0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3);
        // Rounding can push the cosine of two close points just past 1.
        return Math.floor(EARTH_RADIUS * Math.acos(Math.min(1, Math.max(-1, cosine))) + 1.0);
      };
    }
    case 'EUC_3D':
      return (a, b) => {
        const dx = (c[3 * a] as number) - (c[3 * b] as number);
        const dy = (c[3 * a + 1] as number) - (c[3 * b + 1] as number);
        const dz = (c[3 * a + 2] as number) - (c[3 * b + 2] as number);
        return nint(Math.sqrt(dx * dx + dy * dy + dz * dz));
      };
    case 'MAN_2D':
    case 'MAN_3D':
    case 'MAX_2D':
    case 'MAX_3D': {
      const dimension = coordinateDimension(type);
      const manhattan = type.startsWith('MAN');
      return (a, b) => {
        let total = 0;
        for (let k = 0; k < dimension; k++) {
          const d = Math.abs((c[dimension * a + k] as number) - (c[dimension * b + k] as number));
          total = manhattan ? total + d : Math.max(total, nint(d));
        }
        return manhattan ? nint(total) : total;
      };
    }
  }
}

/**
 * An upper bound of every distance between the nodes at `coordinates`, from their bounding box
 * (Infinity when a span overflows a double).
 */
export function distanceBound(type: CoordinateWeightType, coordinates: Float64Array): number {
  // GEO distances are at most half the earth's circumference, rounded up.
  if (type === 'GEO') return Math.ceil(Math.PI * EARTH_RADIUS) + 1;
  const dimension = coordinateDimension(type);
  const spans: number[] = [];
  for (let k = 0; k < dimension; k++) {
    let low = Infinity;
    let high = -Infinity;
    for (let i = k; i < coordinates.length; i += dimension) {
      const value = coordinates[i] as number;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    spans.push(high >= low ? high - low : 0);
  }
  // One more than the largest exact value, for the rounding of each distance.
  if (type.startsWith('MAN')) return spans.reduce((a, b) => a + b, 0) + 1;
  if (type.startsWith('MAX')) return Math.max(...spans) + 1;
  const euclidean = Math.hypot(...spans);
  return (type === 'ATT' ? euclidean / Math.sqrt(10) : euclidean) + 1;
}

/** How many weights an EDGE_WEIGHT_SECTION of `format` holds for n nodes. */
export function explicitWeightCount(format: EdgeWeightFormat, n: number): number {
  if (format === 'FULL_MATRIX') return n * n;
  return format.includes('DIAG') ? (n * (n + 1)) / 2 : (n * (n - 1)) / 2;
}

/**
 * The symmetric n x n matrix (flat, row-major) of an EDGE_WEIGHT_SECTION read in `format`. On
 * a symmetric matrix a column-wise triangle lists the same entries as the opposite row-wise
 * one, so UPPER_COL reads as LOWER_ROW and so on. The diagonal is always 0. For FULL_MATRIX,
 * `asymmetric` names the first pair (i, j) with w(i, j) != w(j, i), and the matrix is unusable.
 */
export function explicitMatrix(
  format: EdgeWeightFormat,
  weights: readonly number[],
  n: number,
): { matrix: Int32Array; asymmetric?: [number, number] } {
  const matrix = new Int32Array(n * n);
  let k = 0;
  const set = (i: number, j: number): void => {
    const w = weights[k++] as number;
    if (i === j) return;
    matrix[i * n + j] = w;
    matrix[j * n + i] = w;
  };
  const rowWise: Record<string, string> = {
    UPPER_COL: 'LOWER_ROW',
    LOWER_COL: 'UPPER_ROW',
    UPPER_DIAG_COL: 'LOWER_DIAG_ROW',
    LOWER_DIAG_COL: 'UPPER_DIAG_ROW',
  };
  switch (rowWise[format] ?? format) {
    case 'FULL_MATRIX':
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) if (i !== j) matrix[i * n + j] = weights[i * n + j] as number;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
          if (matrix[i * n + j] !== matrix[j * n + i]) return { matrix, asymmetric: [i, j] };
      break;
    case 'UPPER_ROW':
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) set(i, j);
      break;
    case 'LOWER_ROW':
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) set(i, j);
      break;
    case 'UPPER_DIAG_ROW':
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) set(i, j);
      break;
    case 'LOWER_DIAG_ROW':
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) set(i, j);
      break;
  }
  return { matrix };
}
