// Typed errors: one base class with a stable `code`, one subclass per kind of mistake.

/** Base class of every error kiln throws on purpose. `code` is stable across versions. */
export class KilnError extends Error {
  readonly code: string;
  /** A user mistake (bad config, bad data file): the CLI prints the message without a stack. */
  readonly userFacing: boolean;

  constructor(code: string, message: string, options?: { cause?: unknown; userFacing?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userFacing = options?.userFacing ?? true;
  }
}

/** One problem found in a config, with its JSON path. */
export interface ConfigIssue {
  /** JSON pointer of the offending value, e.g. `/solver/populationSize`. */
  path: string;
  /** What is wrong, e.g. `must be >= 4 (got 2)`. */
  message: string;
  /** A likely fix, e.g. `did you mean "populationSize"?`. */
  hint?: string;
}

/** A config (file or object) does not validate; carries every issue found, not only the first. */
export class ConfigError extends KilnError {
  readonly issues: ConfigIssue[];
  readonly source: string;

  constructor(source: string, issues: ConfigIssue[]) {
    super('E_CONFIG', formatIssues(source, issues));
    this.issues = issues;
    this.source = source;
  }
}

function formatIssues(source: string, issues: ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.path === '' ? '(root)' : issue.path;
    const hint = issue.hint === undefined ? '' : ` (${issue.hint})`;
    return `  ${where} ${issue.message}${hint}`;
  });
  const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
  return `${source}: ${count}\n${lines.join('\n')}`;
}

/** A data file (TSPLIB, QAPLIB, CSV, journal...) is malformed: names the file and line. */
export class DataFileError extends KilnError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, message: string) {
    super(
      'E_DATA_FILE',
      line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`,
    );
    this.file = file;
    this.line = line;
  }
}

/** Invalid arguments to a library function (options, parameters, problem definitions). */
export class ParameterError extends KilnError {
  constructor(message: string) {
    super('E_PARAMETER', message);
  }
}

/**
 * Invalid options whose offending field is known: `path` is its JSON pointer in the options
 * (`/crossValidation/folds`), so that a command can name it in the config file that set it.
 */
export class OptionError extends ParameterError {
  readonly path: string;
  /** What is wrong with the field, without the field: `must be <= 10 (got 500)`. */
  readonly issue: string;
  readonly hint: string | undefined;

  constructor(where: string, path: string, issue: string, hint?: string) {
    const field = path
      .slice(1)
      .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
      .replace(/\//g, '.');
    super(`${where}: ${field} ${issue}${hint === undefined ? '' : ` (${hint})`}`);
    this.path = path;
    this.issue = issue;
    this.hint = hint;
  }
}

/** A problem cannot be built or does not fit the solver (unsupported space kind, no gradient...). */
export class ProblemError extends KilnError {
  constructor(message: string) {
    super('E_PROBLEM', message);
  }
}

/** An evaluation of the objective failed: it threw, returned a non-finite value, timed out or crashed. */
export class EvaluationError extends KilnError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_EVALUATION', message, options);
  }
}

/** A name was looked up in a registry that does not hold it. */
export class RegistryError extends KilnError {
  constructor(message: string) {
    super('E_REGISTRY', message);
  }
}

/**
 * Shortens a value for an error message: `(got ...)`. A BigInt reads `3n` and a boxed primitive
 * (`new Number(1)`) says it is an object, so that neither reads like the number it is not.
 */
export function describeValue(value: unknown, maxLength = 60): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    text = String(value);
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'symbol') text = String(value);
  else if (unboxed(value) !== undefined) {
    const { type, inner } = unboxed(value) as { type: string; inner: unknown };
    text = `a ${type} object holding ${describeValue(inner, maxLength)}`;
  } else {
    try {
      text = jsonWithNonFinite(value) ?? Object.prototype.toString.call(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

// JSON text of `value` that shows Infinity, -Infinity and NaN as themselves where JSON.stringify
// writes null, so that a message shows what was given: [6, 1e400] as [6,Infinity].
const NON_FINITE = /"\\u0000(-?Infinity|NaN)\\u0000"/g;

function jsonWithNonFinite(value: unknown): string | undefined {
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'number' && !Number.isFinite(inner) ? `\u0000${inner}\u0000` : inner,
  ) as string | undefined;
  return text?.replace(NON_FINITE, '$1');
}

// The wrapper class and primitive of a boxed primitive (`new Number(1)`). Each valueOf throws
// unless its receiver really wraps that type, in any realm, whatever its Symbol.toStringTag.
const UNBOXERS: readonly (readonly [string, (value: unknown) => unknown])[] = [
  ['Number', (value) => Number.prototype.valueOf.call(value)],
  ['String', (value) => String.prototype.valueOf.call(value)],
  ['Boolean', (value) => Boolean.prototype.valueOf.call(value)],
  ['BigInt', (value) => BigInt.prototype.valueOf.call(value)],
  ['Symbol', (value) => Symbol.prototype.valueOf.call(value)],
];

function unboxed(value: unknown): { type: string; inner: unknown } | undefined {
  for (const [type, valueOf] of UNBOXERS) {
    try {
      return { type, inner: valueOf(value) };
    } catch {
      // not this wrapper
    }
  }
  return undefined;
}

/** The message of anything thrown, for failure records. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : describeValue(error);
}
