// Reader of TSPLIB .tsp files (Reinelt 1991, TSPLIB95 format): symmetric instances with
// coordinates (EUC_2D, CEIL_2D, ATT, GEO, MAN, MAX, EUC_3D) or EXPLICIT weights.
import { DataFileError } from '../../core/errors.js';
import { closestName } from '../../core/suggest.js';
import { cachedParse, parseNumber } from '../instances.js';
import {
  COORDINATE_WEIGHT_TYPES,
  EDGE_WEIGHT_FORMATS,
  coordinateDimension,
  coordinateDistance,
  explicitMatrix,
  explicitWeightCount,
  type CoordinateWeightType,
  type EdgeWeightFormat,
  type EdgeWeightType,
  distanceBound,
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

const SPECIFICATION_KEYS = [
  'NAME',
  'TYPE',
  'COMMENT',
  'DIMENSION',
  'CAPACITY',
  'EDGE_WEIGHT_TYPE',
  'EDGE_WEIGHT_FORMAT',
  'EDGE_DATA_FORMAT',
  'NODE_COORD_TYPE',
  'DISPLAY_DATA_TYPE',
];

const SECTIONS = [
  'NODE_COORD_SECTION',
  'EDGE_WEIGHT_SECTION',
  'DISPLAY_DATA_SECTION',
  'FIXED_EDGES_SECTION',
  'DEPOT_SECTION',
  'DEMAND_SECTION',
  'EDGE_DATA_SECTION',
  'TOUR_SECTION',
  'EOF',
];

/** A `KEY : value` or `KEY: value` line, or a section name alone (value ''). */
export function headerLine(line: string): { key: string; value: string } | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(.*?))?\s*$/.exec(line);
  if (match === null) return undefined;
  return { key: (match[1] as string).toUpperCase(), value: match[2] ?? '' };
}

/** True for lines of a data section (they start with a number). */
export function isDataLine(line: string): boolean {
  const first = line.split(/\s+/, 1)[0] ?? '';
  return parseNumber(first) !== undefined;
}

/** Rejects an unknown keyword, suggesting the closest known one. */
export function unknownKeyword(file: string, line: number, key: string, known: string[]): never {
  const guess = closestName(key, known);
  throw new DataFileError(
    file,
    line,
    `unknown keyword ${key}; expected one of ${known.join(', ')}` +
      (guess === undefined ? '' : ` (did you mean ${guess}?)`),
  );
}

/** Reads a .tsp file, once per file (see cachedParse). */
export function readTsplib(file: string): TspInstance {
  return cachedParse('tsplib', file, (text) => parseTsplib(text, file));
}

interface Header {
  name?: string;
  comments: string[];
  dimension?: number;
  type?: EdgeWeightType;
  format?: EdgeWeightFormat;
  coordinateType?: 2 | 3 | 0;
}

/** Parses the text of a .tsp file; `file` names it in errors. */
export function parseTsplib(text: string, file: string): TspInstance {
  const lines = text.split(/\r?\n/);
  const header: Header = { comments: [] };
  let coordinates: Float64Array | undefined;
  let coordinatesLine: number | undefined;
  let weights: { values: number[]; line: number } | undefined;
  let k = 0;
  function fail(message: string, line = k + 1): never {
    throw new DataFileError(file, line, message);
  }
  /** The index of the next non-empty line from `from`, or lines.length. */
  const nextLine = (from: number): number => {
    let i = from;
    while (i < lines.length && (lines[i] as string).trim() === '') i++;
    return i;
  };
  // A final newline does not start another line.
  const lastLine = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);

  while ((k = nextLine(k)) < lines.length) {
    const line = (lines[k] as string).trim();
    const entry = headerLine(line);
    if (entry === undefined) {
      fail(
        isDataLine(line)
          ? `expected a keyword, got data '${line}' outside of a section`
          : `expected 'KEY : value' or a section name, got '${line}'`,
      );
    }
    const { key, value } = entry;
    if (key === 'EOF') break;
    if (SPECIFICATION_KEYS.includes(key)) {
      readSpecification(header, key, value, fail);
      k++;
      continue;
    }
    if (!SECTIONS.includes(key))
      unknownKeyword(file, k + 1, key, [...SPECIFICATION_KEYS, ...SECTIONS]);
    const sectionLine = k + 1;
    const needDimension = (section: string): number =>
      header.dimension ?? fail(`expected DIMENSION before ${section}`, sectionLine);
    k++;
    if (key === 'NODE_COORD_SECTION') {
      const n = needDimension(key);
      const type =
        header.type ?? fail('expected EDGE_WEIGHT_TYPE before NODE_COORD_SECTION', sectionLine);
      const dimension =
        header.coordinateType === 3 || (type !== 'EXPLICIT' && coordinateDimension(type) === 3)
          ? 3
          : 2;
      const shape = dimension === 3 ? "'id x y z'" : "'id x y'";
      coordinates = new Float64Array(n * dimension);
      coordinatesLine = sectionLine;
      const firstLineOf = new Int32Array(n);
      for (let read = 0; read < n; read++) {
        k = nextLine(k);
        const data = lines[k]?.trim();
        if (data === undefined || !isDataLine(data)) {
          fail(
            `expected ${n} nodes ${shape} in NODE_COORD_SECTION, found ${read}`,
            Math.min(k + 1, lastLine),
          );
        }
        const tokens = data.split(/\s+/);
        const values = tokens.map(parseNumber);
        const id = values[0];
        if (tokens.length !== dimension + 1 || values.some((v) => v === undefined)) {
          fail(`expected ${shape}, got '${data}'`);
        }
        if (values.some((v) => !Number.isFinite(v))) {
          fail(`coordinates must be finite numbers, got '${data}'`);
        }
        if (id === undefined || !Number.isInteger(id) || id < 1 || id > n) {
          fail(`expected a node id from 1 to ${n} (DIMENSION), got '${tokens[0]}'`);
        }
        const city = id - 1;
        if (firstLineOf[city] !== 0)
          fail(`node ${id} is listed twice (first on line ${firstLineOf[city]})`);
        firstLineOf[city] = k + 1;
        for (let d = 0; d < dimension; d++)
          coordinates[city * dimension + d] = values[d + 1] as number;
        k++;
      }
      k = nextLine(k);
      const after = lines[k]?.trim();
      if (after !== undefined && isDataLine(after))
        fail(`expected ${n} nodes (DIMENSION) in NODE_COORD_SECTION, found more`);
    } else if (key === 'EDGE_WEIGHT_SECTION') {
      const n = needDimension(key);
      const format =
        header.format ??
        fail('expected EDGE_WEIGHT_FORMAT before EDGE_WEIGHT_SECTION', sectionLine);
      const count = explicitWeightCount(format, n);
      const values: number[] = [];
      while (values.length < count) {
        k = nextLine(k);
        const data = lines[k]?.trim();
        if (data === undefined || !isDataLine(data)) {
          fail(
            `expected ${count} integers in EDGE_WEIGHT_SECTION (${format}, DIMENSION ${n}), found ${values.length}`,
            Math.min(k + 1, lastLine),
          );
        }
        for (const token of data.split(/\s+/)) {
          const w = parseNumber(token);
          if (w === undefined || !Number.isInteger(w) || Math.abs(w) > 2 ** 31 - 1) {
            fail(`expected an integer weight, got '${token}'`);
          }
          if (values.length === count) {
            fail(
              `expected ${count} integers in EDGE_WEIGHT_SECTION (${format}, DIMENSION ${n}), found more`,
            );
          }
          values.push(w);
        }
        k++;
      }
      weights = { values, line: sectionLine };
    } else if (key === 'DISPLAY_DATA_SECTION') {
      // Display coordinates only draw the instance; distances never use them.
      while ((k = nextLine(k)) < lines.length && isDataLine((lines[k] as string).trim())) k++;
    } else if (key === 'FIXED_EDGES_SECTION') {
      fail(
        'FIXED_EDGES_SECTION is not supported (fixed edges would constrain every tour)',
        sectionLine,
      );
    } else {
      fail(`unexpected ${key} in a TSP file`, sectionLine);
    }
  }

  const end = lastLine;
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

function readSpecification(
  header: Header,
  key: string,
  value: string,
  fail: (message: string) => never,
): void {
  switch (key) {
    case 'NAME':
      header.name = value;
      return;
    case 'COMMENT':
      if (value !== '') header.comments.push(value);
      return;
    case 'TYPE':
      if (value.toUpperCase() !== 'TSP') {
        fail(`TYPE must be TSP (got '${value}'): only symmetric TSP instances are supported`);
      }
      return;
    case 'DIMENSION': {
      const n = parseNumber(value);
      if (n === undefined || !Number.isInteger(n) || n < 3) {
        fail(`DIMENSION must be an integer >= 3 (got '${value}')`);
      }
      header.dimension = n;
      return;
    }
    case 'EDGE_WEIGHT_TYPE': {
      const type = value.toUpperCase();
      if (type !== 'EXPLICIT' && !COORDINATE_WEIGHT_TYPES.includes(type as CoordinateWeightType)) {
        fail(
          `EDGE_WEIGHT_TYPE must be one of ${[...COORDINATE_WEIGHT_TYPES, 'EXPLICIT'].join(', ')} (got '${value}')`,
        );
      }
      header.type = type as EdgeWeightType;
      return;
    }
    case 'EDGE_WEIGHT_FORMAT': {
      const format = value.toUpperCase();
      if (format === 'FUNCTION') return;
      if (!EDGE_WEIGHT_FORMATS.includes(format as EdgeWeightFormat)) {
        fail(
          `EDGE_WEIGHT_FORMAT must be one of FUNCTION, ${EDGE_WEIGHT_FORMATS.join(', ')} (got '${value}')`,
        );
      }
      header.format = format as EdgeWeightFormat;
      return;
    }
    case 'NODE_COORD_TYPE': {
      const kinds: Record<string, 2 | 3 | 0> = { TWOD_COORDS: 2, THREED_COORDS: 3, NO_COORDS: 0 };
      const kind = kinds[value.toUpperCase()];
      if (kind === undefined) {
        fail(
          `NODE_COORD_TYPE must be one of TWOD_COORDS, THREED_COORDS, NO_COORDS (got '${value}')`,
        );
      }
      header.coordinateType = kind;
      return;
    }
    default:
      // CAPACITY, EDGE_DATA_FORMAT, DISPLAY_DATA_TYPE: not used by the TSP.
      return;
  }
}
