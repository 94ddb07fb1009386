// Command-line overrides of config fields (--seed, --workers, --output, --memory-limit-mb), checked by the same
// schema and in the same words as the config fields they replace.
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { commonConfigFields, memoryLimitMbSchema } from '../config/schema-parts.js';
import type { JsonSchema } from '../core/solver.js';
import { validateAgainst } from '../config/validate.js';

/** The overrides a command accepts, once checked. */
export interface Overrides {
  seed?: number;
  workers?: number;
  output?: string;
  memoryLimitMb?: number;
}

const NUMERIC = new Set(['seed', 'workers', 'memoryLimitMb']);
// The config field each override replaces, and its option's spelling where it differs.
const SCHEMAS: Record<keyof Overrides, JsonSchema> = {
  seed: commonConfigFields.seed as JsonSchema,
  workers: commonConfigFields.workers as JsonSchema,
  output: commonConfigFields.output as JsonSchema,
  memoryLimitMb: memoryLimitMbSchema,
};
const FLAGS: Partial<Record<keyof Overrides, string>> = { memoryLimitMb: 'memory-limit-mb' };
// What a number looks like on the command line; anything else is checked as the text it is.
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Checks the options `names` of parsed arguments `args` (raw strings from the parser) against
 * the config schema; throws one ConfigError listing every mistake, with the option's name where
 * a config error has its JSON path.
 */
export function checkOverrides(
  args: Record<string, unknown>,
  names: readonly (keyof Overrides)[],
): Overrides {
  const issues: ConfigIssue[] = [];
  const checked: Record<string, unknown> = {};
  for (const name of names) {
    const raw = args[name];
    const flag = `--${FLAGS[name] ?? name}`;
    if (raw === undefined) continue;
    if (Array.isArray(raw)) {
      issues.push({
        path: flag,
        message: `may be given once (got ${raw.map((v) => JSON.stringify(String(v))).join(', ')})`,
      });
      continue;
    }
    const value =
      NUMERIC.has(name) && typeof raw === 'string' && NUMBER_TEXT.test(raw.trim())
        ? Number(raw)
        : raw;
    const found = validateAgainst(SCHEMAS[name], value);
    if (found.length > 0) {
      issues.push(...found.map((issue) => ({ ...issue, path: flag })));
    } else {
      checked[name] = value;
    }
  }
  if (issues.length > 0) throw new ConfigError('command line', issues);
  return checked;
}
