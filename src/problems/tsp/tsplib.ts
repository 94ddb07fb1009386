// Reader of TSPLIB .tsp files (Reinelt 1991, TSPLIB95 format): symmetric instances with
// coordinates (EUC_2D, CEIL_2D, ATT, GEO, MAN, MAX, EUC_3D) or EXPLICIT weights.
import { DataFileError } from '../../core/errors.js';
import { cachedParse, parseNumber } from '../instances.js';
import { coordinateDimension, explicitWeightCount } from './distances.js';
import { buildInstance, type TspInstance } from './tsp-instance.js';
import { SPECIFICATION_KEYS, readSpecification, type Header } from './tsplib-header.js';
import { headerLine, isDataLine, unknownKeyword } from './tsplib-lines.js';

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

/** Reads a .tsp file, once per file (see cachedParse). */
export function readTsplib(file: string): TspInstance {
  return cachedParse('tsplib', file, (text) => parseTsplib(text, file));
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
  return buildInstance(header, { coordinates, coordinatesLine, weights }, file, lastLine, fail);
}
