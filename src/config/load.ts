// Reading config files: JSON with positions in syntax errors, then schema validation that
// reports every issue at once.
import { readFileSync } from 'node:fs';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ConfigError, KilnError, type ConfigIssue } from '../core/errors.js';
import type { JsonSchema } from '../core/solver.js';
import { mergeIssues } from './space-issues.js';
import { validateAgainst } from './validate.js';

/** Reads and parses a JSON file; syntax errors name the line and column. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : String(code ?? error);
    throw new KilnError('E_CONFIG_FILE', `${path}: cannot read the config (${reason})`);
  }
  return parseJson(text, path);
}

/** Parses JSON text; syntax errors name the source, line and column. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // JSON.parse does not always say where; jsonc-parser's scanner does.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (first === undefined) {
      throw new ConfigError(source, [
        { path: '', message: `is not valid JSON: ${(error as Error).message}` },
      ]);
    }
    const before = text.slice(0, first.offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1] as string).length + 1;
    const reason = printParseErrorCode(first.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    throw new ConfigError(source, [
      { path: '', message: `is not valid JSON at line ${line}, column ${column}: ${reason}` },
    ]);
  }
}

/**
 * Validates a parsed config against a schema, and against `semantic` checks a schema cannot
 * express; throws a ConfigError listing every issue of both, as `explain` words them (it may
 * replace issues by one that names the mistake behind them, such as a block written where
 * another kind of config puts it).
 */
export function validateConfig<T>(
  data: unknown,
  schema: JsonSchema,
  source: string,
  semantic: (data: unknown) => ConfigIssue[] = () => [],
  explain: (data: unknown, issues: ConfigIssue[]) => ConfigIssue[] = (_, issues) => issues,
): T {
  const issues = explain(data, mergeIssues(validateAgainst(schema, data), semantic(data)));
  if (issues.length > 0) throw new ConfigError(source, issues);
  return data as T;
}
