// Reader of OR-Library multidimensional knapsack files (Beasley 1990; mknap1.txt): the number of
// problems, then per problem `n m opt`, n profits, an m x n weight matrix and m capacities.
import { DataFileError } from '../../core/errors.js';
import { TokenReader, cachedParse } from '../instances.js';

/** One multidimensional 0/1 knapsack problem: maximize sum p_j x_j s.t. sum_j w_ij x_j <= c_i. */
export interface KnapsackInstance {
  /** `<file name>-<index>`, e.g. `mknap1-3`. */
  readonly name: string;
  readonly file: string;
  /** 1-based position of the problem in its file. */
  readonly index: number;
  /** Profit of each item (n values, non-negative). */
  readonly profits: readonly number[];
  /** weights[i][j]: how much of resource i item j uses (m rows of n values, non-negative). */
  readonly weights: readonly (readonly number[])[];
  /** Capacity of each resource (m values). */
  readonly capacities: readonly number[];
  /** The optimum the file states, when it states one (0 means unknown). */
  readonly optimum?: number;
}

/** Reads every problem of an OR-Library mknap file, once per file (see cachedParse). */
export function readMknap(file: string): KnapsackInstance[] {
  return cachedParse('mknap', file, (text) => parseMknap(text, file));
}

/** Parses the text of an OR-Library mknap file; numbers may be decimals, line breaks are free. */
export function parseMknap(text: string, file: string): KnapsackInstance[] {
  const tokens = new TokenReader(text, file);
  const count = tokens.number('number', 1, 0, { integer: true, detail: 'the number of problems' });
  if (count < 1)
    throw new DataFileError(file, 1, `expected the number of problems (>= 1), got ${count}`);
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '');
  const problems: KnapsackInstance[] = [];
  for (let index = 1; index <= count; index++) {
    const where = `problem ${index} of ${count}`;
    const line = tokens.line;
    if (tokens.remaining === 0) {
      throw new DataFileError(file, line, `expected ${count} problems, found ${index - 1}`);
    }
    const [n, m, optimum] = tokens.numbers(3, 'numbers', { detail: `n m opt of ${where}` });
    const positiveInteger = (value: number | undefined): boolean =>
      value !== undefined && Number.isInteger(value) && value >= 1;
    if (!positiveInteger(n) || !positiveInteger(m) || optimum === undefined || optimum < 0) {
      throw new DataFileError(
        file,
        line,
        `expected 'n m opt' with n, m integers >= 1 and opt >= 0 (${where}), got '${n} ${m} ${optimum}'`,
      );
    }
    const items = n as number;
    const resources = m as number;
    const profits = nonNegative(tokens, items, 'profits', where);
    const weights = Array.from({ length: resources }, (_, i) =>
      nonNegative(tokens, items, `weights of resource ${i + 1}`, where),
    );
    const capacities = nonNegative(tokens, resources, 'capacities', where);
    problems.push({
      name: `${base}-${index}`,
      file,
      index,
      profits,
      weights,
      capacities,
      ...(optimum > 0 ? { optimum } : {}),
    });
  }
  tokens.expectEnd(`the ${count} problems`);
  return problems;
}

function nonNegative(tokens: TokenReader, count: number, what: string, detail: string): number[] {
  const values: number[] = [];
  for (let k = 0; k < count; k++) {
    const line = tokens.line;
    const value = tokens.number(what, count, k, { detail });
    if (value < 0) {
      throw new DataFileError(tokens.file, line, `expected ${what} >= 0 (${detail}), got ${value}`);
    }
    values.push(value);
  }
  return values;
}
