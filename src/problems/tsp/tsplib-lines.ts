// The line syntax shared by TSPLIB files (.tsp instances, .tour files): keyword lines, data
// lines, and the error for an unknown keyword.
import { DataFileError } from '../../core/errors.js';
import { closestName } from '../../core/suggest.js';
import { parseNumber } from '../instances.js';

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
