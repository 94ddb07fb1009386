// Each command refuses an output folder that holds another command's output, with exit code 2
// and before writing anything, instead of overwriting its files or mixing them with its own.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

const configs: Record<string, unknown> = {
  run: {
    problem: { type: 'sphere', dimension: 2 },
    solver: { type: 'random-search' },
    budget: { evaluations: 20 },
    seed: 1,
  },
  train: {
    dataset: 'iris',
    model: { hidden: [4] },
    epochs: 2,
    batchSize: 16,
    optimizer: { type: 'adam', learningRate: 0.01 },
  },
  batch: {
    problems: [{ type: 'sphere', dimensions: [2] }],
    solvers: [{ type: 'random-search' }],
    seeds: 1,
    budget: { evaluations: 20 },
    workers: 1,
  },
};

// An output folder as the command `kind` leaves it (its marker file and a result.json).
function outputOf(folder: string, kind: 'run' | 'train'): void {
  writeFileSync(join(folder, kind === 'run' ? 'trace.csv' : 'history.csv'), 'x\n1\n');
  writeFileSync(join(folder, 'result.json'), `{"${kind}": true}\n`);
  writeFileSync(join(folder, 'config.json'), `{"${kind}": true}\n`);
}

describe('output folders of other commands', () => {
  it.each([
    ['run', 'train', 'history.csv', 'kiln train', 'kiln run'],
    ['train', 'run', 'trace.csv', 'kiln run', 'kiln train'],
    ['batch', 'run', 'trace.csv', 'kiln run', 'kiln batch'],
  ] as const)('%s refuses a %s folder', async (command, other, file, owner, own) => {
    const work = temporaryFolder();
    const output = join(work, 'out');
    writeFileSync(join(work, 'config.json'), JSON.stringify(configs[command]));
    mkdirSync(output);
    outputOf(output, other);
    const before = readdirSync(output).map((name) => [
      name,
      readFileSync(join(output, name), 'utf8'),
    ]);
    const outcome = await runCli([command, 'config.json', '--output', 'out'], work);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      `kiln: ${output}: this folder holds the output of ${owner} (${file}), not of ${own}; choose a new output folder\n`,
    );
    expect(hasStackTrace(outcome.stderr)).toBe(false);
    expect(
      readdirSync(output).map((name) => [name, readFileSync(join(output, name), 'utf8')]),
    ).toEqual(before);
  });

  it('lets a run write over its own earlier output', async () => {
    const work = temporaryFolder();
    writeFileSync(join(work, 'config.json'), JSON.stringify(configs.run));
    expect((await runCli(['run', 'config.json', '--output', 'out'], work)).code).toBe(0);
    expect((await runCli(['run', 'config.json', '--output', 'out'], work)).code).toBe(0);
  });
});
