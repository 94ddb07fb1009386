// Tiny versions of the shipped configs, so that a test can run every one of them quickly.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** The CLI command a config file is for, from its $schema (or its shape). */
export function configKind(config: Record<string, unknown>): string {
  const schema = typeof config.$schema === 'string' ? config.$schema : '';
  const match = /(\w+)\.schema\.json$/.exec(schema);
  if (match !== null) return match[1] as string;
  return 'run';
}

/**
 * Writes a copy of `config` with a tiny budget into `work` and returns its path. Relative
 * input paths keep pointing at the originals.
 */
export function tinyVersion(
  kind: string,
  config: Record<string, unknown>,
  configFolder: string,
  work: string,
): string {
  const copy: Record<string, unknown> = structuredClone(config);
  delete copy.$schema;
  copy.output = join(work, 'out');
  if (kind === 'run') copy.budget = { evaluations: 60 };
  if (kind === 'train') {
    copy.epochs = 2;
    const dataset = copy.dataset as Record<string, unknown> | string | undefined;
    if (
      typeof dataset === 'object' &&
      typeof dataset.path === 'string' &&
      !isAbsolute(dataset.path)
    )
      dataset.path = resolve(configFolder, dataset.path);
  }
  const problem = copy.problem as Record<string, unknown> | undefined;
  for (const key of ['path', 'module']) {
    const value = problem?.[key];
    if (typeof value === 'string' && !isAbsolute(value))
      (problem as Record<string, unknown>)[key] = resolve(configFolder, value);
  }
  const path = join(work, 'config.json');
  writeFileSync(path, JSON.stringify(copy));
  return path;
}
