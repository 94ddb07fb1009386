// The built CLI on problems and models a new user gets wrong: sizes past any machine, TSP
// coordinates past exact integers, search-space mistakes, broken modules and model files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBuiltCli, temporaryFolder } from '../helpers/cli.js';
import { startBuiltCli, waitFor } from '../helpers/cli-process.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/objectives/${name}`, import.meta.url));

function write(folder: string, name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function expectUserError(outcome: { code: number | null; stderr: string }): void {
  expect(outcome.code).toBe(2);
  expect(hasStackTrace(outcome.stderr)).toBe(false);
}

function squareTsp(side: string): string {
  return `NAME: square\nTYPE: TSP\nDIMENSION: 4\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 ${side} 0\n3 ${side} ${side}\n4 0 ${side}\nEOF\n`;
}

describe('TSP files with huge coordinates', () => {
  it('gives the exact tour length of a square of side 3e9', async () => {
    const folder = temporaryFolder();
    write(folder, 'square.tsp', squareTsp('3000000000'));
    const config = write(folder, 'run.json', {
      problem: { type: 'tsp', path: 'square.tsp' },
      solver: { type: 'random-search' },
      budget: { evaluations: 50 },
      seed: 1,
    });
    const { code, stdout } = await runBuiltCli(['run', config, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { bestValue: number }).bestValue).toBe(12_000_000_000);
  });

  it('refuses coordinates of 1e308 naming the file', async () => {
    const folder = temporaryFolder();
    const tsp = write(folder, 'huge.tsp', squareTsp('1e308'));
    const config = write(folder, 'run.json', {
      problem: { type: 'tsp', path: 'huge.tsp' },
      solver: { type: 'random-search' },
      budget: { evaluations: 5 },
    });
    const outcome = await runBuiltCli(['run', config]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain(
      `${tsp}:5: the coordinates span too far for exact tour lengths`,
    );
  });
});

describe('kiln run with a user module', () => {
  it('runs a module problem with its space, as tune and batch do', async () => {
    const folder = temporaryFolder();
    const config = write(folder, 'run.json', {
      problem: {
        module: fixture('faults.mjs'),
        export: 'quadratic',
        space: { x: { type: 'real', low: -1, high: 1 } },
      },
      solver: { type: 'random-search' },
      budget: { evaluations: 40 },
      seed: 4,
    });
    const { code, stdout, stderr } = await runBuiltCli(['run', config, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { evaluations: number; best: { x: number } };
    expect(result.evaluations).toBe(40);
    expect(Math.abs(result.best.x)).toBeLessThanOrEqual(1);
  });

  it('asks for the space of a module problem', async () => {
    const folder = temporaryFolder();
    const config = write(folder, 'run.json', {
      problem: { module: fixture('faults.mjs'), export: 'quadratic' },
      solver: { type: 'random-search' },
      budget: { evaluations: 4 },
    });
    const outcome = await runBuiltCli(['run', config]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain('/problem/space is required');
  });
});

describe('sizes', () => {
  it('refuses a dimension of 1e12 with its JSON path', async () => {
    const folder = temporaryFolder();
    const config = write(folder, 'run.json', {
      problem: { type: 'sphere', dimension: 1e12 },
      solver: { type: 'random-search' },
      budget: { evaluations: 10 },
    });
    const outcome = await runBuiltCli(['run', config]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain('/problem/dimension must be <= 1000000 (got 1000000000000)');
  });

  it('refuses a batchSize of 1e15 and runs the largest allowed within the budget', async () => {
    const folder = temporaryFolder();
    const huge = write(folder, 'huge.json', {
      problem: { type: 'sphere', dimension: 100 },
      solver: { type: 'random-search', batchSize: 1e15 },
      budget: { evaluations: 100 },
    });
    const outcome = await runBuiltCli(['run', huge]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain('/solver/batchSize must be <= 1000000 (got 1000000000000000)');
    const largest = write(folder, 'largest.json', {
      problem: { type: 'sphere', dimension: 1000 },
      solver: { type: 'random-search', batchSize: 1_000_000 },
      budget: { evaluations: 100 },
      seed: 1,
    });
    // A million candidates of 1000 variables would need 8 GB: only the 100 of the budget are drawn.
    const { code, stdout } = await runBuiltCli(['run', largest, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { evaluations: number }).evaluations).toBe(100);
  });

  it('stops a long synchronous batch at the second Ctrl-C, before it ends', async () => {
    const folder = temporaryFolder();
    const counter = join(folder, 'calls.txt');
    const config = write(folder, 'run.json', {
      problem: {
        module: fixture('counted.mjs'),
        export: 'slowCounted',
        space: { x: { type: 'real', low: -1, high: 1 } },
      },
      solver: { type: 'random-search', batchSize: 1000 },
      budget: { evaluations: 1000 },
    });
    const cli = startBuiltCli(['run', config], { env: { KILN_TEST_COUNTER: counter } });
    await waitFor(() => existsSync(counter) && Number(readFileSync(counter, 'utf8')) >= 5);
    cli.child.kill('SIGINT');
    await waitFor(() => cli.stderr().includes('stopping after the current batch'));
    cli.child.kill('SIGINT');
    const { code } = await cli.done;
    expect(code).toBe(130);
    // The one batch of 1000 was cut short: the signals got through while it ran.
    expect(Number(readFileSync(counter, 'utf8'))).toBeLessThan(1000);
  });
});

describe('search-space mistakes', () => {
  it('reports every mistake at once with the file and JSON paths', async () => {
    const folder = temporaryFolder();
    const config = write(folder, 'tune.json', {
      problem: { module: fixture('faults.mjs'), export: 'quadratic' },
      space: {
        x: { type: 'real', low: 5, high: 1 },
        rate: { type: 'real', low: 0, high: 1, log: true },
        momentum: { type: 'real', low: 0, high: 0.9, when: { optimzer: 'sgd' } },
        optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
        width: { type: 'integer', low: 1, high: 8, when: { optimizer: 'lbfgs' } },
      },
      budget: { evaluations: 4 },
    });
    const outcome = await runBuiltCli(['tune', config]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain(`${config}: 4 errors`);
    expect(outcome.stderr).toContain(
      '/space/x/low must be <= high (got 5 > 1) (did you swap low and high?)',
    );
    expect(outcome.stderr).toContain('/space/rate/low must be > 0 on a log scale (got 0)');
    expect(outcome.stderr).toContain(
      '/space/momentum/when/optimzer names no parameter of the space',
    );
    expect(outcome.stderr).toContain(
      '/space/width/when/optimizer must list values of optimizer (got "lbfgs"',
    );
    expect(outcome.stderr).not.toContain('mixedSpace');
  });

  it('checks the spaces of run and batch configs the same way', async () => {
    const folder = temporaryFolder();
    const space = { x: { type: 'real', low: 2, high: 1 } };
    const run = write(folder, 'run.json', {
      problem: { module: fixture('faults.mjs'), export: 'quadratic', space },
      solver: { type: 'random-search' },
      budget: { evaluations: 4 },
    });
    const runOutcome = await runBuiltCli(['run', run]);
    expectUserError(runOutcome);
    expect(runOutcome.stderr).toContain('/problem/space/x/low must be <= high (got 2 > 1)');
    const batch = write(folder, 'batch.json', {
      problems: [{ module: fixture('faults.mjs'), export: 'quadratic', space }],
      solvers: [{ type: 'random-search' }],
      seeds: 1,
      budget: { evaluations: 4 },
      output: join(folder, 'out'),
    });
    const batchOutcome = await runBuiltCli(['batch', batch]);
    expectUserError(batchOutcome);
    expect(batchOutcome.stderr).toContain('/problems/0/space/x/low must be <= high (got 2 > 1)');
  });

  it('names the line and column of a syntax error in the module', async () => {
    const folder = temporaryFolder();
    // Written here: a file with a syntax error would trip the repository's own tools.
    write(folder, 'syntax-error.mjs', 'export default function (p) {\n  return p.x +* 2;\n}\n');
    const config = write(folder, 'tune.json', {
      problem: { module: './syntax-error.mjs' },
      space: { x: { type: 'real', low: 0, high: 1 } },
      budget: { evaluations: 4 },
    });
    const outcome = await runBuiltCli(['tune', config]);
    expectUserError(outcome);
    expect(outcome.stderr).toMatch(
      /syntax-error\.mjs:2:\d+ \(line 2, column \d+\): Unexpected token '\*'/,
    );
  });
});

describe('kiln predict with a broken model', () => {
  it('refuses a model whose class names do not match its outputs, exit 2', async () => {
    const folder = temporaryFolder();
    const config = write(folder, 'train.json', {
      dataset: 'iris',
      model: { hidden: [4] },
      epochs: 1,
      seed: 1,
      output: join(folder, 'trained'),
    });
    expect((await runBuiltCli(['train', config])).code).toBe(0);
    const model = JSON.parse(readFileSync(join(folder, 'trained', 'model.json'), 'utf8')) as {
      classNames: string[];
      normalization: { scale: number[] };
    };
    model.classNames = model.classNames.slice(0, 2);
    model.normalization.scale[0] = 0;
    const broken = write(folder, 'broken.json', model);
    const data = join(folder, 'rows.csv');
    writeFileSync(data, 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n');
    const outcome = await runBuiltCli(['predict', broken, data]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain(`${broken}: is not a consistent kiln model (2 errors)`);
    expect(outcome.stderr).toContain(
      '/classNames must hold one name per output of the network, 3 (got 2',
    );
    expect(outcome.stderr).toContain('/normalization/scale/0 must not be 0');
    expect(outcome.stdout).toBe('');
  });
});

describe('tune configs with trainer sizes past any machine', () => {
  it('refuses a fixed network wider than the trainer allows, an unknown activation and 1e9 training seeds, by path', async () => {
    const folder = temporaryFolder();
    const config = write(folder, 'tune.json', {
      problem: {
        type: 'mlp-hyperparameters',
        dataset: 'digits',
        model: { hidden: [1_000_000_000], activation: 'softmax' },
        trainingSeeds: 1_000_000_000,
      },
      solver: { type: 'tpe' },
      budget: { evaluations: 2 },
      output: join(folder, 'out'),
    });
    const outcome = await runBuiltCli(['tune', config]);
    expectUserError(outcome);
    expect(outcome.stderr).toContain(`${config}: 3 errors`);
    expect(outcome.stderr).toContain('/problem/model/hidden/0 must be <= 1000000 (got 1000000000)');
    expect(outcome.stderr).toContain('/problem/model/activation must be one of');
    expect(outcome.stderr).toContain('/problem/trainingSeeds must be <= 1000000 (got 1000000000)');
    // Refused before any trial: nothing was written.
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });
});
