// Every file in configs/ validates against its schema and runs for a tiny budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const { code, stdout, stderr } = await runCli([kind, tiny, '--json'], work);
    expect(stderr.replace(/kiln: warning[^\n]*\n/g, ''), stderr).toBe('');
    expect(code).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
  });
});
