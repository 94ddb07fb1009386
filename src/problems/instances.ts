// Instance files: shipped instance names or user paths resolved to files, the table of known
// optima (data/optima.csv), a line-aware token reader, and a cache of parsed files.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFileError, ProblemError, describeValue } from '../core/errors.js';
import { closestName } from '../core/suggest.js';

/**
 * The package's data/ folder. This file sits two levels below the package root both as
 * src/problems/instances.ts and as dist/problems/instances.js, so the same URL works for both.
 */
export const dataDirectory: string = fileURLToPath(new URL('../../data/', import.meta.url));

/** The TSPLIB instances shipped in data/tsplib/ (smallest first). */
export const TSP_INSTANCES = [
  'ulysses16',
  'ulysses22',
  'att48',
  'eil51',
  'berlin52',
  'st70',
  'eil76',
  'pr76',
  'gr96',
  'kroA100',
  'kroC100',
  'ch150',
  'gr202',
  'a280',
  'gil262',
  'lin318',
  'pcb442',
  'att532',
  'rat783',
  'pr1002',
  'pcb1173',
  'd1291',
  'vm1748',
  'pr2392',
  'pcb3038',
  'fnl4461',
] as const;

/** The QAPLIB instances shipped in data/qaplib/ (smallest first). */
export const QAP_INSTANCES = [
  'chr12a',
  'nug12',
  'tai12a',
  'nug15',
  'els19',
  'had20',
  'lipa20a',
  'nug20',
  'rou20',
  'scr20',
  'tai20a',
  'chr25a',
  'tai25a',
  'bur26a',
  'kra30a',
  'nug30',
  'tai30a',
  'tho30',
  'ste36a',
  'tai40a',
  'sko42',
  'tai50a',
  'tai60a',
  'tai80a',
  'tai100a',
] as const;

/** The OR-Library multidimensional knapsack problems shipped in data/orlib/mknap1.txt. */
export const KNAPSACK_INSTANCES = [
  'mknap1-1',
  'mknap1-2',
  'mknap1-3',
  'mknap1-4',
  'mknap1-5',
  'mknap1-6',
  'mknap1-7',
] as const;

/** The problem families with shipped instances. */
export type InstanceFamily = 'tsp' | 'qap' | 'knapsack';

const SHIPPED: Record<InstanceFamily, readonly string[]> = {
  tsp: TSP_INSTANCES,
  qap: QAP_INSTANCES,
  knapsack: KNAPSACK_INSTANCES,
};

/** The family names used in data/optima.csv. */
const CSV_FAMILY: Record<InstanceFamily, string> = { tsp: 'tsp', qap: 'qap', knapsack: 'mkp' };

/** A shipped instance: its files and its known best value (a row of data/optima.csv). */
export interface ShippedInstance {
  readonly family: InstanceFamily;
  readonly name: string;
  /** Absolute path of the instance file. */
  readonly file: string;
  /** Absolute path of the solution file (.opt.tour, .sln), when one is shipped. */
  readonly solutionFile?: string;
  /** Number of cities, facilities or items. */
  readonly size: number;
  /** The known best value (a tour length, a QAP cost, a knapsack profit). */
  readonly optimum: number;
  readonly optimumStatus: 'optimal' | 'best-known';
}

let optimaTable: Map<string, ShippedInstance> | undefined;

/** The rows of data/optima.csv, keyed by `family/name`. */
function optimaRows(): Map<string, ShippedInstance> {
  if (optimaTable !== undefined) return optimaTable;
  const file = resolve(dataDirectory, 'optima.csv');
  const lines = readText(file).split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new DataFileError(file, 1, `expected a column named ${name}`);
    return index;
  };
  const [family, name, path, solution, size, value, status] = [
    'family',
    'name',
    'file',
    'solution_file',
    'n',
    'known_value',
    'status',
  ].map(column) as [number, number, number, number, number, number, number];
  const table = new Map<string, ShippedInstance>();
  const families = Object.entries(CSV_FAMILY);
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    const csvFamily = cells[family];
    const entry = families.find(([, f]) => f === csvFamily);
    const optimum = Number(cells[value]);
    const state = cells[status];
    if (entry === undefined || !Number.isFinite(optimum)) {
      throw new DataFileError(file, k + 2, `expected a family and a known value, got '${line}'`);
    }
    const solutionFile = cells[solution] ?? '';
    const row: ShippedInstance = {
      family: entry[0] as InstanceFamily,
      name: cells[name] ?? '',
      file: resolve(dataDirectory, cells[path] ?? ''),
      ...(solutionFile === '' ? {} : { solutionFile: resolve(dataDirectory, solutionFile) }),
      size: Number(cells[size]),
      optimum,
      optimumStatus: state === 'optimal' ? 'optimal' : 'best-known',
    };
    table.set(`${row.family}/${row.name}`, row);
  });
  optimaTable = table;
  return table;
}

/**
 * The shipped instance `name` of `family`. An unknown name throws a ProblemError that lists
 * the shipped names and suggests the closest one.
 */
export function shippedInstance(family: InstanceFamily, name: string): ShippedInstance {
  const known = SHIPPED[family];
  const row = known.includes(name) ? optimaRows().get(`${family}/${name}`) : undefined;
  if (row !== undefined) return row;
  const guess = closestName(name, known);
  throw new ProblemError(
    `${family}: instance must be one of ${known.join(', ')} (got ${describeValue(name)})` +
      (guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`),
  );
}

/** Where a problem's data comes from: a shipped instance or a user's file. */
export type InstanceSource =
  | { readonly kind: 'instance'; readonly instance: ShippedInstance }
  | { readonly kind: 'path'; readonly file: string };

/**
 * Resolves the `instance` / `path` pair of a problem's parameters: exactly one must be given.
 * A relative path resolves against `baseDir` (a config file's folder).
 */
export function resolveSource(
  family: InstanceFamily,
  params: { readonly instance?: string | undefined; readonly path?: string | undefined },
  baseDir: string,
  fileKind: string,
): InstanceSource {
  const { instance, path } = params;
  if (instance !== undefined && path !== undefined) {
    throw new ProblemError(
      `${family}: give either instance or path, not both (got instance ${describeValue(instance)} and path ${describeValue(path)})`,
    );
  }
  if (instance !== undefined)
    return { kind: 'instance', instance: shippedInstance(family, instance) };
  if (path !== undefined) {
    if (typeof path !== 'string' || path === '')
      throw new ProblemError(
        `${family}: path must be a non-empty string (got ${describeValue(path)})`,
      );
    return { kind: 'path', file: isAbsolute(path) ? path : resolve(baseDir, path) };
  }
  throw new ProblemError(
    `${family}: instance or path is required: instance names a shipped instance (${SHIPPED[family].join(', ')}), path ${fileKind}`,
  );
}

/** The text of a data file; a missing or unreadable file throws a DataFileError. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code);
    throw new DataFileError(file, undefined, `cannot read the file (${reason})`);
  }
}

interface CacheEntry {
  readonly stamp: string;
  readonly value: unknown;
}

const parsed = new Map<string, CacheEntry>();

/**
 * Parses `file` with `parse`, once: instances are immutable, so later calls for the same file
 * (unchanged on disk) return the same object. `kind` keeps different readers of one file apart.
 */
export function cachedParse<T>(kind: string, file: string, parse: (text: string) => T): T {
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    readText(file); // throws the DataFileError that names the problem
    stamp = '';
  }
  const key = `${kind}\u0000${file}`;
  const hit = parsed.get(key);
  if (hit !== undefined && hit.stamp === stamp) return hit.value as T;
  const value = parse(readText(file));
  parsed.set(key, { stamp, value });
  return value;
}

/**
 * The whitespace-separated tokens of a text with the line each comes from, for data files
 * whose line breaks carry no meaning (QAPLIB, OR-Library, TSPLIB weight sections).
 */
export class TokenReader {
  private readonly texts: string[] = [];
  private readonly lines: number[] = [];
  private position = 0;

  /**
   * @param text - the file's text (or a part of it)
   * @param file - the file name, for errors
   * @param firstLine - line number of the text's first line
   * @param separators - what separates tokens (whitespace; QAPLIB solutions also use commas)
   */
  constructor(
    text: string,
    readonly file: string,
    firstLine = 1,
    separators: RegExp = /\s+/,
  ) {
    text.split(/\r?\n/).forEach((line, k) => {
      for (const token of line.split(separators)) {
        if (token === '') continue;
        this.texts.push(token);
        this.lines.push(firstLine + k);
      }
    });
  }

  /** Tokens not read yet. */
  get remaining(): number {
    return this.texts.length - this.position;
  }

  /** The line of the next token (or of the last token at the end). */
  get line(): number | undefined {
    return this.lines[Math.min(this.position, this.lines.length - 1)];
  }

  /** The next token without consuming it. */
  peek(): string | undefined {
    return this.texts[this.position];
  }

  /**
   * The next token as a number: token `read + 1` of `count` tokens called `what` (e.g.
   * "integers"), `detail` saying what they hold. At the end of the text, throws "expected
   * <count> <what> (<detail>), found <read>", which says how far the reading got.
   */
  number(what: string, count: number, read: number, options: TokenOptions = {}): number {
    const text = this.texts[this.position];
    const detail = options.detail === undefined ? '' : ` (${options.detail})`;
    if (text === undefined) {
      throw new DataFileError(
        this.file,
        this.line,
        `expected ${count} ${what}${detail}, found ${read}`,
      );
    }
    const value = parseNumber(text);
    if (value === undefined || (options.integer === true && !Number.isSafeInteger(value))) {
      const where = `token ${read + 1} of ${count} ${what}${options.detail === undefined ? '' : `: ${options.detail}`}`;
      throw new DataFileError(
        this.file,
        this.lines[this.position],
        `expected ${options.integer === true ? 'an integer' : 'a number'}, got '${text}' (${where})`,
      );
    }
    this.position++;
    return value;
  }

  /** Reads `count` numbers (see {@link number}). */
  numbers(count: number, what: string, options: TokenOptions = {}): number[] {
    const values = new Array<number>(count);
    for (let k = 0; k < count; k++) values[k] = this.number(what, count, k, options);
    return values;
  }

  /** Throws unless every token was read ("expected 289 integers, found more"). */
  expectEnd(what: string): void {
    if (this.remaining === 0) return;
    throw new DataFileError(
      this.file,
      this.lines[this.position],
      `expected nothing after ${what}, got '${this.texts[this.position] ?? ''}'`,
    );
  }
}

/** Options of {@link TokenReader.number}. */
export interface TokenOptions {
  /** Accept integers only. */
  integer?: boolean;
  /** What the tokens hold, for errors: "n = 12, then A and B, 12 x 12 each". */
  detail?: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number token (integer, decimal or exponent notation); undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}
