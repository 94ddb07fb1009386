// A study journal records the module path relative to the config (and its contents' digest):
// a moved or re-cloned project resumes its study; a module with other contents is refused.
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBuiltCli, temporaryFolder } from '../helpers/cli.js';

const faults = fileURLToPath(new URL('../fixtures/objectives/faults.mjs', import.meta.url));

function project(root: string, evaluations: number): string {
  mkdirSync(root, { recursive: true });
  copyFileSync(faults, join(root, 'objective.mjs'));
  writeFileSync(
    join(root, 'tune.json'),
    JSON.stringify({
      problem: { module: './objective.mjs', export: 'quadratic' },
      space: { x: { type: 'real', low: -1, high: 1 } },
      solver: { type: 'random-search', batchSize: 4 },
      budget: { evaluations },
      seed: 9,
      workers: 1,
      output: 'runs/study',
    }),
  );
  return join(root, 'tune.json');
}

describe('study journals and paths', () => {
  it('resumes a study after its project folder moved', async () => {
    const base = temporaryFolder();
    const first = join(base, 'first');
    const config = project(first, 8);
    const started = await runBuiltCli(['tune', config], { cwd: first });
    expect(started.code).toBe(0);
    const header = JSON.parse(
      readFileSync(join(first, 'runs/study/journal.jsonl'), 'utf8').split('\n')[0] as string,
    ) as { problem: { module: string }; digests: { module: string } };
    expect(header.problem.module).toBe('objective.mjs');
    expect(header.digests.module).toMatch(/^[0-9a-f]{64}$/);

    const moved = join(base, 'moved');
    renameSync(first, moved);
    const movedConfig = join(moved, 'tune.json');
    const text = readFileSync(movedConfig, 'utf8').replace('"evaluations":8', '"evaluations":12');
    writeFileSync(movedConfig, text);
    const resumed = await runBuiltCli(['tune', movedConfig, '--json'], { cwd: moved });
    expect(resumed.stderr).not.toMatch(/another problem/);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ trials: 12, resumedTrials: 8 });
  });

  it('refuses to resume with a module of other contents, naming it', async () => {
    const base = temporaryFolder();
    const config = project(base, 8);
    expect((await runBuiltCli(['tune', config], { cwd: base })).code).toBe(0);
    // The same study pointed at another file whose objective differs.
    writeFileSync(join(base, 'other.mjs'), 'export const quadratic = ({ x }) => x * x;\n');
    const text = readFileSync(config, 'utf8').replace('./objective.mjs', './other.mjs');
    writeFileSync(config, text);
    const outcome = await runBuiltCli(['tune', config], { cwd: base });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('a file with other contents');
    expect(outcome.stderr).toContain('"objective.mjs"');
    expect(hasStackTrace(outcome.stderr)).toBe(false);
  });

  it('refuses to resume when the module at the same path was edited, naming the file', async () => {
    const base = temporaryFolder();
    const config = project(base, 8);
    expect((await runBuiltCli(['tune', config], { cwd: base })).code).toBe(0);
    const journal = join(base, 'runs/study/journal.jsonl');
    const before = readFileSync(journal, 'utf8');
    writeFileSync(
      join(base, 'objective.mjs'),
      'export const quadratic = ({ x }) => 1000 + x * x;\n',
    );
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('"evaluations":8', '"evaluations":12'),
    );
    const outcome = await runBuiltCli(['tune', config], { cwd: base });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('problem.module "objective.mjs"');
    expect(outcome.stderr).toContain(join(base, 'objective.mjs'));
    expect(outcome.stderr).toContain('contents of that file');
    expect(hasStackTrace(outcome.stderr)).toBe(false);
    expect(readFileSync(journal, 'utf8')).toBe(before);
  });

  it('resumes when the module at the same path keeps its contents', async () => {
    const base = temporaryFolder();
    const config = project(base, 8);
    expect((await runBuiltCli(['tune', config], { cwd: base })).code).toBe(0);
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('"evaluations":8', '"evaluations":12'),
    );
    const resumed = await runBuiltCli(['tune', config, '--json'], { cwd: base });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ trials: 12, resumedTrials: 8 });
  });
});
