// Reader of TSPLIB tour files (.opt.tour): a header, then TOUR_SECTION with 1-based node ids,
// one or many per line, ended by -1 (and EOF, which some files omit).
import { DataFileError } from '../../core/errors.js';
import { cachedParse, parseNumber } from '../instances.js';
import { headerLine, unknownKeyword } from './tsplib-lines.js';

/** A tour read from a file. */
export interface TspTour {
  /** NAME of the file, when given. */
  readonly name?: string;
  /** The COMMENT lines, joined. */
  readonly comment: string;
  /** The cities in visiting order, 0-based (node id k is city k - 1). */
  readonly tour: number[];
}

const KEYS = ['NAME', 'TYPE', 'COMMENT', 'DIMENSION', 'TOUR_SECTION', 'EOF'];

/** Reads a tour file, once per file (see cachedParse). */
export function readTour(file: string): TspTour {
  return cachedParse('tour', file, (text) => parseTour(text, file));
}

/** Parses the text of a tour file; `file` names it in errors. */
export function parseTour(text: string, file: string): TspTour {
  const lines = text.split(/\r?\n/);
  let name: string | undefined;
  const comments: string[] = [];
  let dimension: number | undefined;
  // A final newline does not start another line.
  const lastLine = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
  let k = 0;
  function fail(message: string, line: number = k + 1): never {
    throw new DataFileError(file, line, message);
  }
  for (; k < lines.length; k++) {
    const line = (lines[k] as string).trim();
    if (line === '') continue;
    const entry = headerLine(line) ?? fail(`expected 'KEY : value' or TOUR_SECTION, got '${line}'`);
    const { key, value } = entry;
    if (key === 'TOUR_SECTION') break;
    if (key === 'EOF') fail('expected TOUR_SECTION before EOF');
    if (!KEYS.includes(key)) unknownKeyword(file, k + 1, key, KEYS);
    if (key === 'NAME') name = value;
    else if (key === 'COMMENT' && value !== '') comments.push(value);
    else if (key === 'TYPE' && value.toUpperCase() !== 'TOUR') {
      fail(`TYPE must be TOUR (got '${value}')`);
    } else if (key === 'DIMENSION') {
      const n = parseNumber(value);
      if (n === undefined || !Number.isInteger(n) || n < 1) {
        fail(`DIMENSION must be an integer >= 1 (got '${value}')`);
      }
      dimension = n;
    }
  }
  if (k >= lines.length) fail('expected TOUR_SECTION', lastLine);

  const ids: number[] = [];
  const lineOf: number[] = [];
  reading: for (k = k + 1; k < lines.length; k++) {
    for (const token of (lines[k] as string).trim().split(/\s+/)) {
      if (token === '') continue;
      if (token.toUpperCase() === 'EOF') break reading;
      const id = parseNumber(token);
      // -1 ends the tour; a file that stops without it (or without EOF) is tolerated.
      if (id === -1) break reading;
      if (id === undefined || !Number.isInteger(id) || id < 1) {
        fail(`expected a node id (an integer >= 1) or -1, got '${token}'`);
      }
      ids.push(id);
      lineOf.push(k + 1);
    }
  }
  const last = Math.min(k + 1, lastLine);
  const n = dimension ?? ids.length;
  if (ids.length !== n) {
    fail(`expected ${n} node ids (DIMENSION) in TOUR_SECTION, found ${ids.length}`, last);
  }
  if (n === 0) fail('expected node ids in TOUR_SECTION, found none', last);
  const seen = new Int32Array(n + 1);
  ids.forEach((id, position) => {
    const line = lineOf[position] as number;
    if (id > n) fail(`expected a node id from 1 to ${n}, got ${id}`, line);
    if (seen[id] !== 0)
      fail(`node ${id} appears twice in the tour (first on line ${seen[id]})`, line);
    seen[id] = line;
  });
  return {
    ...(name === undefined ? {} : { name }),
    comment: comments.join(' '),
    tour: ids.map((id) => id - 1),
  };
}
