// `npm run bench` names a script that exists, and that script's benchmarks exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repositoryRoot } from './helpers/cli.js';

it('npm run bench runs bench/run-all.ts, which lists existing benchmarks', () => {
  const scripts = (
    JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const script = /^tsx (\S+)$/.exec(scripts.bench ?? '')?.[1];
  expect(script).toBe('bench/run-all.ts');
  expect(existsSync(join(repositoryRoot, script as string))).toBe(true);
  const listed = execFileSync(process.execPath, ['--import', 'tsx', script as string, '--list'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  expect(listed.length).toBeGreaterThanOrEqual(3);
  for (const path of listed) expect(existsSync(join(repositoryRoot, path)), path).toBe(true);
}, 60_000);
