// Boolean options given more than once (`--json --json`, `--json --no-json`): the parser keeps
// the last one silently, so they are refused here, in the words overrides.ts refuses
// `--seed 1 --seed 2` with.
import { ConfigError, type ConfigIssue } from '../core/errors.js';

// yargs takes `--retry-failed` and `--retryFailed` for the same option.
const camelCase = (name: string): string =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const kebabCase = (name: string): string =>
  name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * Throws one ConfigError naming every option of `flags` (the parsed boolean options, in either
 * spelling) that the command line `argv` gives more than once, as `--name`, `--name=...` or
 * `--no-name`; `--help`, `--version` and what follows `--` do not count.
 */
export function checkRepeatedFlags(argv: readonly string[], flags: readonly string[]): void {
  const declared = new Set(
    flags.map(camelCase).filter((name) => name !== 'help' && name !== 'version'),
  );
  const given = new Map<string, string[]>();
  for (const token of argv) {
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    let key = camelCase(token.slice(2).split('=')[0] as string);
    if (!declared.has(key) && /^no[A-Z]/.test(key))
      key = key.charAt(2).toLowerCase() + key.slice(3);
    if (declared.has(key)) given.set(key, [...(given.get(key) ?? []), token]);
  }
  const issues: ConfigIssue[] = [...given]
    .filter(([, tokens]) => tokens.length > 1)
    .map(([key, tokens]) => ({
      path: `--${kebabCase(key)}`,
      message: `may be given once (got ${tokens.join(', ')})`,
    }));
  if (issues.length > 0) throw new ConfigError('command line', issues);
}
