// `kiln batch` and `kiln report`, end to end in-process: the JSON document, resuming, the
// summary files, mistakes reported with their paths and exit code 2.
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

const faults = fileURLToPath(new URL('../fixtures/objectives/faults.mjs', import.meta.url));

function writeConfig(folder: string, config: unknown): string {
  const path = join(folder, 'batch.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const config = {
  description: 'two problems, two variants, three seeds',
  problems: [{ type: 'sphere', dimensions: [2, 4], target: 0.5 }],
  solvers: [
    { type: 'random-search', variants: { one: { batchSize: 1 }, many: { batchSize: 16 } } },
  ],
  seeds: 3,
  budget: { evaluations: 200 },
  workers: 2,
  output: 'out',
};

describe('kiln batch', () => {
  it('prints runs, completed, failed, skipped and output, and resumes on a second call', async () => {
    const folder = temporaryFolder();
    const path = writeConfig(folder, config);
    const first = await runCli(['batch', path, '--json'], folder);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const document = JSON.parse(first.stdout);
    expect(document).toMatchObject({
      runs: 12,
      completed: 12,
      failed: 0,
      skipped: 0,
      output: join(folder, 'out'),
    });
    expect(document.summary).toHaveLength(4);
    for (const file of ['summary.csv', 'summary.json', 'summary.md', 'journal.jsonl', 'batch.json'])
      expect(existsSync(join(folder, 'out', file)), file).toBe(true);
    expect(document.files.plots).toEqual(['plots/sphere-2.svg', 'plots/sphere-4.svg']);

    const second = await runCli(['batch', path, '--json'], folder);
    expect(JSON.parse(second.stdout)).toMatchObject({ runs: 12, completed: 0, skipped: 12 });

    const human = await runCli(['batch', path, '--output', 'elsewhere', '--workers', '1'], folder);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/problem\s+solver\s+runs\s+median\s+IQR/);
    expect(human.stdout).toMatch(/sphere-4\s+random-search\/many\s+3\s/);
    expect(human.stdout).toMatch(/12 runs, 12 completed, 0 failed, 0 done before/);
    expect(existsSync(join(folder, 'elsewhere', 'summary.csv'))).toBe(true);
  });

  it('compares multi-objective runs by the hypervolume of their fronts', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'two.mjs'),
      'export default (x) => ({ a: x[0], b: x[0] - x[1] });\n',
    );
    const path = writeConfig(folder, {
      problems: [
        { type: 'zdt1', dimension: 5 },
        {
          module: './two.mjs',
          name: 'two',
          space: { kind: 'real', lower: [0, 0], upper: [1, 1] },
          objectives: [{ name: 'a' }, { name: 'b', direction: 'maximize' }],
          referencePoint: [2, -1],
        },
      ],
      solvers: [{ type: 'nsga2', populationSize: 20 }],
      seeds: [1, 2],
      budget: { evaluations: 1000 },
      workers: 2,
      output: 'out',
    });
    const batch = await runCli(['batch', path, '--json'], folder);
    expect(batch.code, batch.stderr).toBe(0);
    const document = JSON.parse(batch.stdout);
    expect(document).toMatchObject({ runs: 4, completed: 4, failed: 0 });
    expect(document.hypervolumes).toEqual([
      { problem: 'zdt1-5', referencePoint: [1.1, 1.1] },
      { problem: 'two', referencePoint: [2, -1] },
    ]);
    expect(document.files.plots).toEqual([]);

    // Each run's value is the hypervolume kiln run reports for the same seed and reference.
    const hypervolumes = [];
    for (const seed of [1, 2]) {
      writeFileSync(
        join(folder, `run-${seed}.json`),
        JSON.stringify({
          problem: { type: 'zdt1', dimension: 5 },
          solver: { type: 'nsga2', populationSize: 20 },
          budget: { evaluations: 1000 },
          referencePoint: [1.1, 1.1],
          seed,
        }),
      );
      const single = await runCli(['run', `run-${seed}.json`, '--json'], folder);
      expect(single.code, single.stderr).toBe(0);
      hypervolumes.push(JSON.parse(single.stdout).hypervolume as number);
    }
    hypervolumes.sort((x, y) => x - y);
    const zdt = document.summary.find((row: { problem: string }) => row.problem === 'zdt1-5');
    expect(hypervolumes[0]).toBeGreaterThan(0);
    expect(zdt).toMatchObject({ best: hypervolumes[1], worst: hypervolumes[0], runs: 2 });
    expect(zdt.median).toBeCloseTo((hypervolumes[0]! + hypervolumes[1]!) / 2, 12);
    const two = document.summary.find((row: { problem: string }) => row.problem === 'two');
    // a = x0 lies in [0, 1] and b = x0 - x1 in [-1, 1]: against (2, -1) at most 2 x 2.
    expect(two.best).toBeGreaterThan(0);
    expect(two.best).toBeLessThanOrEqual(4);

    const markdown = readFileSync(join(folder, 'out', 'summary.md'), 'utf8');
    expect(markdown).toContain("Values are hypervolumes of the runs' Pareto fronts (see below);");
    expect(markdown).toContain(
      "Multi-objective problems: values are the hypervolume of each run's Pareto front (larger is better), zdt1-5 against (1.1, 1.1); two against (2, -1)",
    );
    const human = await runCli(['batch', path], folder);
    expect(human.stdout).toMatch(/zdt1-5 against \(1\.1, 1\.1\)/);

    // A module with several objectives needs its reference point, and no target of its own.
    const bad = writeConfig(folder, {
      problems: [
        {
          module: './two.mjs',
          space: { kind: 'real', lower: [0, 0], upper: [1, 1] },
          objectives: [{ name: 'a' }, { name: 'b' }],
          target: 0.1,
        },
        {
          module: './two.mjs',
          name: 'short',
          space: { kind: 'real', lower: [0, 0], upper: [1, 1] },
          objectives: [{ name: 'a' }, { name: 'b' }],
          referencePoint: [1, 1, 1],
        },
        {
          module: './two.mjs',
          name: 'single',
          space: { kind: 'real', lower: [0, 0], upper: [1, 1] },
          referencePoint: [1, 1],
        },
      ],
      solvers: [{ type: 'nsga2' }],
      budget: { evaluations: 100 },
    });
    const refused = await runCli(['batch', bad], folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /\/problems\/0\/referencePoint is required for a module with several objectives/,
    );
    expect(refused.stderr).toMatch(
      /\/problems\/0\/target must be left out for a module with several objectives/,
    );
    expect(refused.stderr).toMatch(
      /\/problems\/1\/referencePoint must give one number per objective, 2 in the order a, b \(got 3: \[1,1,1\]\)/,
    );
    expect(refused.stderr).toMatch(
      /\/problems\/2\/referencePoint is for modules with several objectives/,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    // A registry problem with one objective: refused before any run.
    const sphere = writeConfig(folder, {
      problems: [{ type: 'sphere', dimension: 2, referencePoint: [1, 1] }],
      solvers: [{ type: 'random-search' }],
      seeds: [1],
      budget: { evaluations: 10 },
      output: 'sphere',
    });
    const single = await runCli(['batch', sphere], folder);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(
      /\/problems\/0\/referencePoint is for multi-objective problems only \(sphere has one objective\)/,
    );
    expect(existsSync(join(folder, 'sphere'))).toBe(false);
  });

  it('reports every mistake of a bad config with its path, exit 2, no stack trace', async () => {
    const folder = temporaryFolder();
    const path = writeConfig(folder, {
      ...config,
      problems: [{ type: 'sphere', dimensions: [0] }],
      solvers: [{ type: 'random-search', variants: { a: { batchSiz: 2 } } }],
      seeds: [],
    });
    const { code, stdout, stderr } = await runCli(['batch', path], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('3 errors');
    expect(stderr).toContain('/problems/0/dimensions/0 must be >= 1');
    expect(stderr).toContain('/solvers/0/variants/a/batchSiz is not allowed here');
    expect(stderr).toContain('/seeds must have at least 1 items');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(folder, 'out'))).toBe(false);

    const badWorkers = await runCli(
      ['batch', writeConfig(folder, config), '--workers', '0'],
      folder,
    );
    expect(badWorkers.code).toBe(2);
    expect(badWorkers.stderr).toMatch(/--workers must be >= 1 \(got 0\)/);
  });

  it('refuses what multi-objective problems cannot run before any run (exit 2)', async () => {
    const folder = temporaryFolder();
    const space = { kind: 'real', lower: [0, 0], upper: [1, 1] };
    const path = writeConfig(folder, {
      problems: [
        {
          module: './two.mjs',
          name: 'two',
          space,
          objectives: [{ name: 'a' }, { name: 'a' }],
          referencePoint: [2, 2],
        },
        { type: 'zdt1', dimension: 5 },
      ],
      solvers: [{ type: 'nsga2' }, { type: 'cma-es' }],
      seeds: 2,
      budget: { evaluations: 100, target: 0.1 },
      output: 'out',
    });
    const { code, stdout, stderr } = await runCli(['batch', path], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('/problems/0/objectives/1/name must be unique (got "a" twice)');
    expect(stderr).toContain(
      '/budget/target must be left out while problem /problems/1 (zdt1) has several objectives (f1, f2)',
    );
    expect(stderr).toContain(
      '/solvers/1 solver cma-es optimizes one objective, and problem /problems/1 (zdt1) has 2 (f1, f2); use gaussian-process, motpe, nsga2 or nsga3',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });
});

describe('kiln report', () => {
  it('summarizes an output folder, warning about a corrupted journal line', async () => {
    const folder = temporaryFolder();
    const path = writeConfig(folder, { ...config, seeds: 2 });
    expect((await runCli(['batch', path, '--json'], folder)).code).toBe(0);
    const csv = readFileSync(join(folder, 'out', 'summary.csv'), 'utf8');
    appendFileSync(join(folder, 'out', 'journal.jsonl'), 'not json\n');
    const report = await runCli(['report', 'out', '--json'], folder);
    expect(report.code).toBe(0);
    expect(report.stderr).toMatch(
      /kiln: warning: .*journal\.jsonl:9: not a valid run record; skipped/,
    );
    const document = JSON.parse(report.stdout);
    expect(document).toMatchObject({ runs: 8, finished: 8, output: join(folder, 'out') });
    const columns = (text: string) =>
      text.split('\n').map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 10)
          .join(','),
      );
    expect(columns(readFileSync(join(folder, 'out', 'summary.csv'), 'utf8'))).toEqual(columns(csv));

    const human = await runCli(['report', 'out'], folder);
    expect(human.stdout).toMatch(/8 of 8 runs finished/);
    expect(readFileSync(join(folder, 'out', 'summary.md'), 'utf8')).toMatch(
      /!\[sphere-2\]\(plots\/sphere-2\.svg\)/,
    );
  });

  it('says so when the folder holds no batch or study (exit 2)', async () => {
    const folder = temporaryFolder();
    const { code, stderr } = await runCli(['report', folder], folder);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a study or batch output folder \(no journal\.jsonl or batch\.json/);
  });

  it('writes report.html beside the summary files, and refuses a torn journal (exit 2)', async () => {
    const folder = temporaryFolder();
    const path = writeConfig(folder, { ...config, seeds: 2 });
    expect((await runCli(['batch', path], folder)).code).toBe(0);
    const report = await runCli(['report', 'out', '--json'], folder);
    expect(JSON.parse(report.stdout)).toMatchObject({
      kind: 'batch',
      report: join(folder, 'out', 'report.html'),
      sections: ['summary', 'convergence', 'ecdf', 'ert'],
    });
    const html = readFileSync(join(folder, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/<section id="ecdf">[\s\S]*?<svg/);
    expect((await runCli(['report', 'out'], folder)).code).toBe(0);
    expect(readFileSync(join(folder, 'out', 'report.html'), 'utf8')).toBe(html);
    appendFileSync(join(folder, 'out', 'journal.jsonl'), '{"key":"x","prob');
    const torn = await runCli(['report', 'out'], folder);
    expect(torn.code).toBe(2);
    expect(torn.stderr).toMatch(
      /journal\.jsonl:9: the journal is torn.*run the same kiln batch command/,
    );
  });

  it('refuses a study output folder before writing anything in it', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'tune.json'),
      JSON.stringify({
        problem: { module: faults, export: 'quadratic' },
        space: { x: { type: 'real', low: -1, high: 1 } },
        solver: { type: 'random-search', batchSize: 2 },
        budget: { evaluations: 4 },
        seed: 1,
        workers: 1,
        output: 'study',
      }),
    );
    expect((await runCli(['tune', 'tune.json'], folder)).code).toBe(0);
    const study = join(folder, 'study');
    const files = readdirSync(study).sort();
    const journal = readFileSync(join(study, 'journal.jsonl'), 'utf8');
    const path = writeConfig(folder, config);
    const outcome = await runCli(['batch', path, '--output', 'study'], folder);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      `kiln: ${join(study, 'journal.jsonl')}: this folder holds a study, not a batch (the journal's first line is a study header); choose a new output folder\n`,
    );
    expect(hasStackTrace(outcome.stderr)).toBe(false);
    expect(readdirSync(study).sort()).toEqual(files);
    expect(readFileSync(join(study, 'journal.jsonl'), 'utf8')).toBe(journal);
  });
});
