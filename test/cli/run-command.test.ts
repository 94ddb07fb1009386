// `kiln run` and `kiln list`, end to end in-process.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCli, temporaryFolder } from '../helpers/cli.js';

const faults = fileURLToPath(new URL('../fixtures/objectives/faults.mjs', import.meta.url));

function writeConfig(folder: string, config: unknown): string {
  const path = join(folder, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

// A run config whose every evaluation throws, writing into out/.
function failingRun(folder: string): string {
  return writeConfig(folder, {
    problem: {
      module: faults,
      export: 'alwaysThrows',
      space: { kind: 'real', lower: [-1], upper: [1] },
    },
    solver: { type: 'random-search' },
    budget: { evaluations: 3 },
    seed: 1,
    output: 'out',
  });
}

describe('kiln run', () => {
  it('prints one JSON document with the result fields', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: { type: 'rastrigin', dimension: 10 },
      solver: { type: 'random-search' },
      budget: { evaluations: 500 },
      seed: 7,
      output: 'out',
    });
    const { code, stdout, stderr } = await runCli(['run', config, '--json'], folder);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'best',
        'bestValue',
        'evaluations',
        'elapsedMs',
        'stopReason',
        'seed',
      ]),
    );
    expect(result.evaluations).toBe(500);
    expect(result.seed).toBe(7);
    expect(result.stopReason).toBe('evaluations');
    expect(result.best).toHaveLength(10);
    expect(result.optimum).toBe(0);
    expect(existsSync(join(folder, 'out', 'result.json'))).toBe(true);
    expect(readFileSync(join(folder, 'out', 'trace.csv'), 'utf8')).toMatch(
      /^evaluations,elapsedMs,bestValue\n1,/,
    );
  });

  it('lets --seed override the config and gives the same result for the same seed', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: { type: 'sphere', dimension: 3 },
      solver: { type: 'random-search' },
      budget: { evaluations: 100 },
      seed: 1,
    });
    const a = JSON.parse((await runCli(['run', config, '--json', '--seed', '42'], folder)).stdout);
    const b = JSON.parse((await runCli(['run', config, '--json', '--seed', '42'], folder)).stdout);
    expect(a.seed).toBe(42);
    expect(b.best).toEqual(a.best);
  });

  it('gives the same result with worker threads as in this thread', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: { type: 'griewank', dimension: 5, shifted: true },
      solver: { type: 'random-search', batchSize: 64 },
      budget: { evaluations: 2000 },
      seed: 9,
    });
    const inThread = JSON.parse((await runCli(['run', config, '--json'], folder)).stdout);
    const pooled = JSON.parse(
      (await runCli(['run', config, '--json', '--workers', '2'], folder)).stdout,
    );
    expect(pooled.best).toEqual(inThread.best);
    expect(pooled.bestValue).toBe(inThread.bestValue);
  });

  it('reports three mistakes with their paths and exits 2 without a stack trace', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: { type: 'rastrign', dimension: 10 },
      solver: { type: 'random-search', batchSiz: 32 },
      budget: { evaluations: -5 },
    });
    const { code, stdout, stderr } = await runCli(['run', config], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('3 errors');
    expect(stderr).toContain('/problem/type');
    expect(stderr).toContain('/solver/batchSiz');
    expect(stderr).toContain('/budget/evaluations');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a budget with only a target by its path, with the other mistakes', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: { type: 'sphere', dimension: 2 },
      solver: { type: 'random-search', batchSiz: 32 },
      budget: { target: 0.001 },
    });
    const { code, stdout, stderr } = await runCli(['run', config], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${config}: 2 errors`);
    expect(stderr).toContain('/solver/batchSiz');
    expect(stderr).toContain(
      '/budget must set at least one of evaluations, seconds, stagnation (got {"target":0.001}) (a target alone may never be reached)',
    );
  });

  it('refuses fractional bounds of an integer space by their paths, with swapped bounds', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: {
        module: faults,
        export: 'quadratic',
        space: { kind: 'integer', lower: [0.5, 5], upper: [3, 1] },
      },
      solver: { type: 'random-search' },
      budget: { evaluations: 3 },
    });
    const { code, stdout, stderr } = await runCli(['run', config], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${config}: 2 errors`);
    expect(stderr).toContain('/problem/space/lower/0 must be an integer (got 0.5)');
    expect(stderr).toContain('/problem/space/lower/1 must be <= upper[1] (got 5 > 1)');
  });

  it('reports a missing file, a problem that cannot be built and a bad argument with exit 2', async () => {
    const folder = temporaryFolder();
    const missing = await runCli(['run', 'nope.json'], folder);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the config \(no such file\)/);

    const config = writeConfig(folder, {
      problem: { type: 'sphere', dimension: 3, shift: [1, 2] },
      solver: { type: 'random-search' },
      budget: { evaluations: 10 },
    });
    const unbuildable = await runCli(['run', config], folder);
    expect(unbuildable.code).toBe(2);
    expect(unbuildable.stderr).toMatch(/shift must hold 3 numbers/);

    const unknown = await runCli(['frobnicate'], folder);
    expect(unknown.code).toBe(2);
  });

  it('prints a human summary without --json', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      problem: { type: 'sphere', dimension: 2 },
      solver: { type: 'random-search' },
      budget: { evaluations: 50 },
      seed: 3,
    });
    const { code, stdout } = await runCli(['run', config], folder);
    expect(code).toBe(0);
    expect(stdout).toMatch(/sphere-2 with random-search \(seed 3\)/);
    expect(stdout).toMatch(/stopped: the evaluation budget was used/);
  });

  it('writes the best value of a run whose every evaluation failed as {"$number": "Infinity"}', async () => {
    const folder = temporaryFolder();
    const { code, stdout } = await runCli(['run', failingRun(folder), '--json'], folder);
    expect(code).toBe(3);
    const infinite = { $number: 'Infinity' };
    expect(JSON.parse(stdout).bestValue).toEqual(infinite);
    const saved = JSON.parse(readFileSync(join(folder, 'out', 'result.json'), 'utf8'));
    expect(saved.bestValue).toEqual(infinite);
  });

  it('writes trace.csv of a run whose every evaluation failed as its header line alone', async () => {
    const folder = temporaryFolder();
    expect((await runCli(['run', failingRun(folder)], folder)).code).toBe(3);
    expect(readFileSync(join(folder, 'out', 'trace.csv'), 'utf8')).toBe(
      'evaluations,elapsedMs,bestValue\n',
    );
  });
});

describe('kiln list', () => {
  it('lists solvers and problems with parameters and defaults', async () => {
    const { code, stdout } = await runCli(['list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/random-search/);
    expect(stdout).toMatch(/batchSize: integer >= 1 {2}default 32/);
    expect(stdout).toMatch(/rastrigin/);
  });

  it('shows the bounds of a nullable number, as of any other', async () => {
    const { code, stdout } = await runCli(['list', 'solvers']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '      populationSize: integer >= 2, <= 1000000 | null  default null  Population size lambda',
    );
    const { stdout: json } = await runCli(['list', 'solvers', '--json']);
    const cma = (
      JSON.parse(json) as {
        solvers: { name: string; parameters: { name: string; type: string }[] }[];
      }
    ).solvers.find((s) => s.name === 'cma-es');
    expect(cma?.parameters.find((p) => p.name === 'populationSize')?.type).toBe(
      'integer >= 2, <= 1000000 | null',
    );
  });

  it('lists as JSON', async () => {
    const { stdout } = await runCli(['list', 'solvers', '--json']);
    const listing = JSON.parse(stdout);
    expect(listing.solvers.map((s: { name: string }) => s.name)).toContain('random-search');
    expect(listing.problems).toBeUndefined();
  });

  it('runs from the repository root as the README says', () => {
    expect(existsSync(join(repositoryRoot, 'configs'))).toBe(true);
  });
});
