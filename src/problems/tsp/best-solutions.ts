// TSPLIB's table of optimal tour lengths (data/tsplib/bestSolutions.txt), for instances read
// from a user's path: a file whose NAME is in the table gets its optimum.
import { resolve } from 'node:path';
import { DataFileError } from '../../core/errors.js';
import { cachedParse, dataDirectory } from '../instances.js';

const TABLE = resolve(dataDirectory, 'tsplib', 'bestSolutions.txt');

function parseTable(text: string): Map<string, number> {
  const table = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === '') return;
    const match = /^\s*(\S+)\s*:\s*(\d+)\s*$/.exec(line);
    if (match === null)
      throw new DataFileError(TABLE, k + 1, `expected 'name : length', got '${line}'`);
    table.set(match[1] as string, Number(match[2]));
  });
  return table;
}

/**
 * The optimal tour length TSPLIB lists for `name`, if any. When the name ends in a number (as
 * TSPLIB names do: kroA100, d198), that number must equal `dimension`, so that a file edited
 * under its old name gets no optimum it does not have.
 */
export function tsplibOptimum(name: string, dimension: number): number | undefined {
  const value = cachedParse('tsplib-optima', TABLE, parseTable).get(name);
  const digits = /(\d+)$/.exec(name);
  if (digits !== null && Number(digits[1]) !== dimension) return undefined;
  return value;
}
