// Where a user's module fails to parse: Node's ES module loader says what the syntax error is
// but not where, so the location comes from `node --check` (JavaScript) or from the message of
// the TypeScript transform (which names line and column itself).
import { spawnSync } from 'node:child_process';
import { extname } from 'node:path';

/** A syntax error's position and reason, for messages. */
export interface SyntaxLocation {
  line: number;
  /** Absent when Node marks no column (an unexpected end of input). */
  column?: number;
  reason: string;
}

const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

/** The location of the syntax error that made loading `path` fail, when it can be found. */
export function syntaxLocation(path: string, error: unknown): SyntaxLocation | undefined {
  const message = error instanceof Error ? error.message : String(error);
  // The TypeScript transform: "<file>:<line>:<column>: ERROR: <reason>".
  const transformed = /:(\d+):(\d+): ERROR: (.+)/.exec(message);
  if (transformed !== null) {
    return {
      line: Number(transformed[1]),
      column: Number(transformed[2]) + 1,
      reason: transformed[3] as string,
    };
  }
  if (!(error instanceof SyntaxError) || !JAVASCRIPT.has(extname(path))) return undefined;
  const check = spawnSync(process.execPath, ['--check', path], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  // "<file>:<line>", the source line, a caret under the column, then "SyntaxError: <reason>".
  const lines = (check.stderr ?? '').split('\n');
  const where = /:(\d+)$/.exec(lines[0] ?? '');
  const caret = lines[2]?.indexOf('^') ?? -1;
  const reason = lines.find((l) => l.startsWith('SyntaxError: '));
  if (where === null) return undefined;
  return {
    line: Number(where[1]),
    ...(caret < 0 ? {} : { column: caret + 1 }),
    reason: reason?.slice('SyntaxError: '.length) ?? message,
  };
}
