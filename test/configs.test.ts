// Every file in configs/ validates against its schema and runs for a tiny budget.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCli, temporaryFolder } from './helpers/cli.js';
import { configKind, tinyVersion } from './helpers/configs.js';

const folder = join(repositoryRoot, 'configs');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('configs/', () => {
  it('holds configs', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s validates and runs for a tiny budget', async (file) => {
    const config = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>;
    const kind = configKind(config);
    const work = temporaryFolder();
    const tiny = tinyVersion(kind, config, folder, work);
    await trainBaseFirst(tiny, config, work);
    const { code, stdout, stderr } = await runCli([kind, tiny, '--json'], work);
    expect(stderr.replace(/kiln: warning[^\n]*\n/g, ''), stderr).toBe('');
    expect(code).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
  });
});

/**
 * A fine-tuning config (a train config, or a tune config whose problem fine-tunes) starts from the
 * model another shipped config writes: run that config's tiny version first and point the
 * fine-tuning config at its model.
 */
async function trainBaseFirst(
  tiny: string,
  config: Record<string, unknown>,
  work: string,
): Promise<void> {
  const holder = (config.problem ?? config) as Record<string, unknown>;
  const from = (holder.initialization as { from?: string } | undefined)?.from;
  if (from === undefined) return;
  const output = relative(resolve(folder, '..'), dirname(resolve(folder, from)));
  const producer = files.find(
    (f) => JSON.parse(readFileSync(join(folder, f), 'utf8')).output === output,
  );
  expect(producer, `a config in configs/ writing ${output}`).toBeDefined();
  const baseConfig = JSON.parse(readFileSync(join(folder, producer as string), 'utf8'));
  const baseWork = join(work, 'base');
  const baseTiny = tinyVersion('train', baseConfig, folder, temporaryFolder());
  const base = await runCli(['train', baseTiny, '--output', baseWork], work);
  expect(base.code, base.stderr).toBe(0);
  const copy = JSON.parse(readFileSync(tiny, 'utf8'));
  (copy.problem ?? copy).initialization = { from: join(baseWork, 'model.json') };
  writeFileSync(tiny, JSON.stringify(copy));
}
