// `kiln tune` (and `kiln run`) on trainer problems whose space or fixed network allows a network past WebAssembly
// memory: refused before any trial, by config path, as `kiln train` refuses such a network.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';

function writeConfig(folder: string, config: Record<string, unknown>): string {
  const path = join(folder, 'tune.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const memory = (needed: string): string =>
  `a network needing ${needed} of WebAssembly memory (parameters, gradients, optimizer state ` +
  'and activations), above its limit of 4.0 GiB';

// Layers of 1 to 2 widths up to 30,000: most trials would fit, the largest does not.
const wideSpace = {
  layers: { type: 'integer', low: 1, high: 2 },
  width1: { type: 'integer', low: 4, high: 30000 },
  width2: { type: 'integer', low: 4, high: 30000 },
};

describe('kiln tune with a network too large for WebAssembly memory', () => {
  it('refuses a space whose largest network does not fit, naming the bounds to lower', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      problem: { type: 'mlp-architecture', dataset: 'iris', epochs: 1 },
      space: wideSpace,
      budget: { evaluations: 3 },
      seed: 1,
      output: 'out',
    });
    const { code, stdout, stderr } = await runCli(['tune', config, '--workers', '1'], work);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `kiln: ${config}: 1 error\n` +
        `  /space/width1/high allows ${memory('13.6 GiB')} (at the bounds the network is ` +
        '4-30000-30000-3; lower the bound of width1, width2 or layers)\n',
    );
    expect(existsSync(join(work, 'out', 'journal.jsonl'))).toBe(false);
  });

  it('names problem.space when the space sits in the problem block', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      problem: { type: 'mlp-architecture', dataset: 'iris', epochs: 1, space: wideSpace },
      budget: { evaluations: 3 },
    });
    const { code, stderr } = await runCli(['tune', config, '--workers', '1'], work);
    expect(code).toBe(2);
    expect(stderr).toContain(`  /problem/space/width1/high allows ${memory('13.6 GiB')}`);
  });

  it('refuses a fixed network that does not fit, naming problem.model.hidden', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      problem: {
        type: 'mlp-hyperparameters',
        dataset: 'iris',
        epochs: 1,
        model: { hidden: [30000, 30000], activation: 'relu' },
      },
      budget: { evaluations: 2 },
    });
    const { code, stderr } = await runCli(['tune', config, '--workers', '1'], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${config}: 1 error\n` +
        `  /problem/model/hidden asks for ${memory('13.6 GiB')} (the network is ` +
        '4-30000-30000-3; use fewer or narrower hidden layers)\n',
    );
  });

  it('names problem.space in a run config too', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      problem: { type: 'mlp-architecture', dataset: 'iris', epochs: 1, space: wideSpace },
      solver: { type: 'random-search' },
      budget: { evaluations: 2 },
    });
    const { code, stderr } = await runCli(['run', config], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${config}: 1 error\n` +
        `  /problem/space/width1/high allows ${memory('13.6 GiB')} (at the bounds the network is ` +
        '4-30000-30000-3; lower the bound of width1, width2 or layers)\n',
    );
  });

  it('accepts a space whose largest network fits', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      problem: { type: 'mlp-hyperparameters', dataset: 'digits', epochs: 1 },
      space: {
        batchSize: { type: 'integer', low: 16, high: 2000 },
        learningRate: { type: 'real', low: 0.001, high: 0.1 },
      },
      budget: { evaluations: 2 },
    });
    const { code, stderr } = await runCli(['tune', config, '--workers', '1'], work);
    // digits' default network of 256 units fits at any batch size of its 1,437 search rows.
    expect(stderr).not.toContain('WebAssembly memory');
    expect(code).toBe(0);
  });
});
