// The README's library example runs as written (with `kiln` pointing at the sources).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { repositoryRoot } from './helpers/cli.js';

it('runs the README library example', async () => {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const folder = join(repositoryRoot, 'test', '.generated');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'readme-example.ts');
  writeFileSync(file, (example as string).replace("from 'kiln'", "from '../../src/index.js'"));
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import(file);
  expect(log).toHaveBeenCalledTimes(1);
  const [best, bestValue, stopReason] = log.mock.calls[0] as [number[], number, string];
  expect(best).toHaveLength(2);
  expect(bestValue).toBeLessThan(0.1);
  expect(stopReason).toBe('evaluations');
  log.mockRestore();
});
