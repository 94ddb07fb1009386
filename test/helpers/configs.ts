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
  if (kind === 'batch') tinyBatch(copy, configFolder);
  if (kind === 'tune') {
    copy.budget = { evaluations: 2 };
    copy.workers = 2;
  }
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
  // The full Fashion-MNIST (a Debian package, 60,000 training images) is too slow for a test:
  // its configs run on the shipped subset, which has the same columns and classes.
  if (problem?.dataset === 'fashion-mnist') problem.dataset = 'fashion-mnist-small';
  // A trainer problem's trials and final retraining: a few epochs each.
  if (kind === 'tune' && typeof problem?.epochs === 'number')
    problem.epochs = Math.min(problem.epochs, 3);
  for (const key of ['path', 'module']) {
    const value = problem?.[key];
    if (typeof value === 'string' && !isAbsolute(value))
      (problem as Record<string, unknown>)[key] = resolve(configFolder, value);
  }
  const path = join(work, 'config.json');
  writeFileSync(path, JSON.stringify(copy));
  return path;
}

// A batch: two seeds, a tiny budget, its first problem (first value of each list) and its first
// solver (first variant) only.
function tinyBatch(copy: Record<string, unknown>, configFolder: string): void {
  copy.seeds = 2;
  copy.budget = { evaluations: 60 };
  copy.workers = 2;
  const problem = (copy.problems as Record<string, unknown>[] | undefined)?.[0];
  if (problem !== undefined) {
    for (const key of ['instances', 'dimensions', 'shifts'])
      if (Array.isArray(problem[key])) problem[key] = (problem[key] as unknown[]).slice(0, 1);
    const grid = problem.grid as Record<string, unknown[]> | undefined;
    if (grid !== undefined)
      for (const key of Object.keys(grid)) grid[key] = grid[key]?.slice(0, 1) ?? [];
    delete problem.budget;
    for (const key of ['path', 'module']) {
      const value = problem[key];
      if (typeof value === 'string' && !isAbsolute(value))
        problem[key] = resolve(configFolder, value);
    }
  }
  copy.problems = problem === undefined ? [] : [problem];
  const solver = (copy.solvers as Record<string, unknown>[] | undefined)?.[0];
  const variants = solver?.variants as Record<string, unknown> | undefined;
  if (solver !== undefined && variants !== undefined) {
    const first = Object.keys(variants)[0] as string;
    solver.variants = { [first]: variants[first] };
  }
  copy.solvers = solver === undefined ? [] : [solver];
}
