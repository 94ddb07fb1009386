// What `kiln run` and `kiln tune` refuse in a multi-objective config before any work, each named
// by the config file and the JSON path to edit: objectives where the problem takes none or has
// its own, objectives declared twice, objectives a trainer problem does not measure, a size
// penalty beside a bytes objective, a survival that cannot take the objectives, and reference
// points with a missing key or a value beyond the doubles.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';

// `text` (JSON, so that 1e400 stays as written) in a config file of a new folder.
function configFile(text: string): { folder: string; path: string } {
  const folder = temporaryFolder();
  const path = join(folder, 'config.json');
  writeFileSync(path, text);
  return { folder, path };
}

async function refusal(command: 'run' | 'tune', config: unknown): Promise<string> {
  const text = typeof config === 'string' ? config : JSON.stringify(config);
  const { folder, path } = configFile(text);
  const { code, stdout, stderr } = await runCli([command, path], folder);
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toContain(path);
  return stderr;
}

const trainer = {
  problem: { type: 'mlp-architecture', dataset: 'iris', epochs: 2 },
  space: { width1: { type: 'integer', low: 2, high: 16 } },
  objectives: [{ name: 'error' }, { name: 'bytes' }],
  budget: { evaluations: 4 },
  seed: 1,
  workers: 1,
};

describe('multi-objective configs refused by path', () => {
  it('objectives on a problem with one objective, or with its own', async () => {
    const run = { solver: { type: 'nsga2' }, budget: { evaluations: 50 }, seed: 1 };
    expect(
      await refusal('run', {
        ...run,
        problem: { type: 'sphere', dimension: 2 },
        objectives: [{ name: 'a' }, { name: 'b' }],
      }),
    ).toMatch(/\/objectives must be left out: problem sphere has one objective/);
    expect(
      await refusal('run', {
        ...run,
        problem: { type: 'zdt1' },
        objectives: [{ name: 'f1' }, { name: 'f2', direction: 'maximize' }],
      }),
    ).toMatch(/\/objectives must be left out: problem zdt1 declares its own objectives \(f1, f2\)/);
  });

  it('a single objective written as a list, with the way to write it', async () => {
    expect(await refusal('tune', { ...trainer, objectives: [{ name: 'error' }] })).toMatch(
      /\/objectives must have at least 2 items .*\(for one objective leave "objectives" out, and set "maximize": true in the problem block to maximize it\)/,
    );
  });

  it('objectives declared at the top level and in the problem block', async () => {
    const twice = {
      ...trainer,
      problem: { ...trainer.problem, objectives: [{ name: 'error' }, { name: 'parameters' }] },
    };
    expect(await refusal('tune', twice)).toMatch(
      /\/problem\/objectives must be left out when the config declares "objectives" at the top level/,
    );
  });

  it('objectives a trainer problem does not measure, each with its path', async () => {
    const stderr = await refusal('tune', {
      ...trainer,
      objectives: [{ name: 'accuracy' }, { name: 'Bytes' }],
    });
    expect(stderr).toMatch(/\/objectives\/0\/name must be an objective the trainer problems/);
    expect(stderr).toMatch(/\(got "accuracy"\) \(use error, 1 - accuracy, minimized\)/);
    expect(stderr).toMatch(/\/objectives\/1\/name .*\(got "Bytes"\) \(use bytes\)/);
  });

  it('a size penalty beside the bytes objective', async () => {
    expect(
      await refusal('tune', { ...trainer, problem: { ...trainer.problem, sizePenalty: 0.001 } }),
    ).toMatch(/\/problem\/sizePenalty must be 0 or left out in a multi-objective study/);
  });

  it('a hypervolume survival with more objectives than it takes', async () => {
    const config = {
      problem: { type: 'dtlz2', objectives: 4 },
      solver: { type: 'nsga2', survival: 'hypervolume' },
      budget: { evaluations: 100 },
      seed: 1,
    };
    for (const command of ['run', 'tune'] as const)
      expect(await refusal(command, config)).toMatch(
        /\/solver\/survival must be "crowding" with 4 objectives: "hypervolume" takes at most 3 \(or use the nsga3 solver\)/,
      );
  });

  it('reference points with a missing key, an unknown one, or a value beyond the doubles', async () => {
    const zdt = '"problem": {"type": "zdt1", "dimension": 5}, "solver": {"type": "nsga2"}';
    const byName = await refusal(
      'run',
      `{${zdt}, "budget": {"evaluations": 50}, "referencePoint": {"f1": 1.1, "F2": 1.1}}`,
    );
    expect(byName).toMatch(/\/referencePoint\/f2 is missing: the reference value of objective f2/);
    expect(byName).toMatch(/\/referencePoint\/F2 must name an objective, one of f1, f2/);
    for (const command of ['run', 'tune'] as const)
      expect(
        await refusal(
          command,
          `{${zdt}, "budget": {"evaluations": 50}, "referencePoint": [1.1, 1e400]}`,
        ),
      ).toMatch(
        /\/referencePoint\/1 must be a finite number, the reference value of objective f2 \(got Infinity\)/,
      );
  });
});
