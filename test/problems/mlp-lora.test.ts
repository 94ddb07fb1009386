// Fine-tuning in the trainer problems: the LoRA space parameters and where they go, the refusal of
// bad LoRA fields with the field named, and a tiny LoRA study on mirrored digits that journals the
// same trials for 1 and 2 workers and leaves its base model unchanged.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/core/errors.js';
import { buildProblem } from '../../src/problems/build.js';
import { trainOptionsFor } from '../../src/problems/mlp/options-mapping.js';
import { loadDataset } from '../../src/training/data/datasets.js';
import { train } from '../../src/training/train.js';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

const folder = temporaryFolder();
const basePath = join(folder, 'base.json');
const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(() => {
  // A small digits base 64-16-10 (the shape only matters to the LoRA layer indices: 0 and 1).
  const base = train(loadDataset('digits'), {
    model: { hidden: [16] },
    epochs: 5,
    batchSize: 64,
    precision: 'float32',
    optimizer: { type: 'adam', learningRate: 0.01 },
  });
  writeFileSync(basePath, JSON.stringify(base.model));
});

const block = (
  extra: Record<string, unknown> = {},
): { type: string; [field: string]: unknown } => ({
  type: 'mlp-hyperparameters',
  dataset: 'digits',
  transform: { type: 'mirror' },
  initialization: { from: 'base.json' },
  lora: { rank: 4 },
  epochs: 2,
  precision: 'float32',
  ...extra,
});

const space = {
  learningRate: { type: 'real', low: 1e-3, high: 3e-2, log: true },
  loraRank: { type: 'categorical', choices: [1, 2, 4] },
  loraAlpha: { type: 'real', low: 1, high: 32, log: true },
  loraLayers: { type: 'categorical', choices: ['all', '0', '1'] },
  baseQuantization: { type: 'categorical', choices: ['none', 'nf4'] },
};

describe('LoRA in the trainer problems', () => {
  it('maps rank, alpha, layers, dropout and base quantization to the fine-tuning options', () => {
    const base = {
      lora: { rank: 4, alpha: 8 },
      baseQuantization: { type: 'nf4' as const, blockSize: 128 },
    };
    const options = trainOptionsFor(base, {
      learningRate: 0.01,
      loraRank: 2,
      loraAlpha: 16,
      loraLayers: '0,1',
      loraDropout: 0.1,
      baseQuantization: 'nf4',
    });
    expect(options.lora).toEqual({ rank: 2, alpha: 16, layers: [0, 1], dropout: 0.1 });
    expect(options.baseQuantization).toEqual({ type: 'nf4', blockSize: 128 });
    expect(options.optimizer).toEqual({ type: 'adam', learningRate: 0.01 });
    const plain = trainOptionsFor(base, { loraLayers: 'all', baseQuantization: 'none' });
    expect(plain.lora).toEqual({ rank: 4, alpha: 8, layers: 'all' });
    expect(plain.baseQuantization).toBeUndefined();
    const added = trainOptionsFor({ lora: {} }, { baseQuantization: 'nf4', loraLayers: 1 });
    expect(added.baseQuantization).toEqual({ type: 'nf4' });
    expect(added.lora).toEqual({ layers: [1] });
  });

  it('start every configuration from the base, count only the trained parameters', async () => {
    const problem = await buildProblem({ ...block(), space }, { baseDir: folder });
    expect(problem.name).toBe('mlp-hyperparameters-digits-mirror');
    const point = {
      learningRate: 0.01,
      loraRank: 2,
      loraAlpha: 8,
      loraLayers: 'all',
      baseQuantization: 'nf4',
    };
    // Rank 2 on 64-16 and 16-10: 2 x (64 + 16) + 2 x (16 + 10) = 212.
    expect(problem.attributes?.(point)).toEqual({ parameters: 212 });
    // The cost that orders trials counts the whole network's compute, not the trained part.
    expect(problem.cost?.({ ...point, loraRank: 1 })).toBe(
      problem.cost?.({ ...point, loraRank: 4 }),
    );
    const value = await problem.evaluate(point);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
    expect(await problem.evaluate(point)).toBe(value);
    const output = temporaryFolder();
    const report = await problem.finalize!(point, output);
    expect(report.parameters).toBe(212);
    const adapter = JSON.parse(readFileSync(join(output, 'best-adapter.json'), 'utf8'));
    expect(adapter.base.contentHash).toMatch(/^sha256:/);
  });

  it.each([
    [
      { initialization: undefined },
      { learningRate: space.learningRate },
      /lora needs a base model/,
    ],
    [
      { initialization: undefined, lora: undefined },
      { loraRank: space.loraRank },
      /loraRank need a base model to fine-tune/,
    ],
    [
      { lora: undefined },
      { loraAlpha: space.loraAlpha },
      /loraAlpha need the problem's lora option/,
    ],
    [
      {},
      { loraRank: { type: 'integer', low: 0, high: 8 } },
      /space\.loraRank: bounds must be integers of at least 1 \(got 0\)/,
    ],
    [
      {},
      { loraAlpha: { type: 'categorical', choices: [8, -1] } },
      /space\.loraAlpha: choices must be numbers above 0 \(got -1\)/,
    ],
    [
      {},
      { loraDropout: { type: 'real', low: 0, high: 1 } },
      /space\.loraDropout: bounds must be numbers in \[0, 1\) \(got 1\)/,
    ],
    [
      {},
      { loraLayers: { type: 'categorical', choices: ['all', '2'] } },
      /space\.loraLayers: choices must be "all" or distinct layer indices below 2 .*\(got "2"\)/,
    ],
    [
      { newHead: true },
      { loraLayers: { type: 'categorical', choices: ['0', '1'] } },
      /space\.loraLayers: choices must be "all" or distinct layer indices below 1 .*\(got "1"\)/,
    ],
    [
      {},
      { loraLayers: { type: 'integer', low: 0, high: 1 } },
      /space\.loraLayers: type must be categorical \(got "integer"\)/,
    ],
    [
      {},
      { baseQuantization: { type: 'categorical', choices: ['nf4', 'int8'] } },
      /space\.baseQuantization: choices must be "nf4" or "none" \(got "int8"\)/,
    ],
    [
      { baseQuantization: { type: 'nf4' }, computePrecision: 'bfloat16' },
      { baseQuantization: { type: 'categorical', choices: ['nf4', 'none'] } },
      /must not include "none" with computePrecision bfloat16/,
    ],
    [{}, { width1: { type: 'integer', low: 4, high: 8 } }, /width1 must not be searched/],
    [
      { dataset: 'iris', transform: undefined },
      { learningRate: space.learningRate },
      /initialization\.from must be a model with 4 inputs, the dataset's features \(got 64\)/,
    ],
    [
      { classes: ['0', '1', '2'] },
      { learningRate: space.learningRate },
      /the dataset has 3 classes but the base model has 10 outputs; set newHead: true/,
    ],
    [
      { computePrecision: 'bfloat16' },
      { learningRate: space.learningRate },
      /computePrecision bfloat16 needs baseQuantization/,
    ],
    [
      { quantization: { weights: { bits: 8 } } },
      { learningRate: space.learningRate },
      /quantization .* cannot be combined with freeze, newHead, lora or baseQuantization/,
    ],
    [
      { sizePenalty: 1e-6 },
      { learningRate: space.learningRate },
      /sizePenalty counts the bytes of a network trained from scratch.*\(got 0\.000001\)/,
    ],
  ])('refuses bad LoRA settings (case %#)', async (extra, searched, message) => {
    const config: { type: string; [field: string]: unknown } = { ...block(extra), space: searched };
    for (const [key, value] of Object.entries(extra)) if (value === undefined) delete config[key];
    const built = buildProblem(config, { baseDir: folder });
    await expect(built).rejects.toThrow(ProblemError);
    await expect(built).rejects.toThrow(message);
  });

  it('fine-tunes over the default space without its initialization, or asks for a space', async () => {
    const { space: _space, ...problem } = { ...block(), space: undefined };
    const built = await buildProblem(problem, { baseDir: folder });
    const searched = Object.keys((built.space.spec as { parameters: object }).parameters);
    expect(searched).toContain('learningRate');
    expect(searched).not.toContain('initialization');
    const architecture = buildProblem(
      { ...problem, type: 'mlp-architecture', lora: undefined },
      { baseDir: folder },
    );
    await expect(architecture).rejects.toThrow(
      "problem mlp-architecture: the default space searches the network's shape (layers, width1, width2, width3, width4, activation), which the base model fixes when fine-tuning; give a space of other parameters, or remove initialization.from",
    );
  });

  it('refuses a bad lora field of a tune config with exit code 2 and the field named', async () => {
    const path = join(folder, 'bad-tune.json');
    writeFileSync(
      path,
      JSON.stringify({
        problem: block(),
        space: { loraRank: { type: 'integer', low: 0, high: 4 } },
        budget: { evaluations: 2 },
      }),
    );
    const { code, stderr } = await runCli(['tune', path], folder);
    expect(code).toBe(2);
    expect(stderr).toMatch(/space\.loraRank: bounds must be integers of at least 1 \(got 0\)/);
    expect(hasStackTrace(stderr)).toBe(false);
    writeFileSync(
      path,
      JSON.stringify({
        problem: block({ lora: { rank: 0 } }),
        space: { learningRate: space.learningRate },
        budget: { evaluations: 2 },
      }),
    );
    const schema = await runCli(['tune', path], folder);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/lora\/rank|lora\.rank/);
    expect(hasStackTrace(schema.stderr)).toBe(false);
  });

  it('journals the same LoRA study for 1 and 2 workers and leaves the base unchanged', async () => {
    const before = sha256(basePath);
    const trials: Record<string, unknown>[][] = [];
    for (const workers of [1, 2]) {
      const path = join(folder, `study-${workers}.json`);
      writeFileSync(
        path,
        JSON.stringify({
          problem: block(),
          space,
          solver: { type: 'random-search', batchSize: 2 },
          budget: { evaluations: 4 },
          seed: 5,
          workers,
          output: `study-${workers}`,
        }),
      );
      const { code, stderr } = await runCli(['tune', path, '--json'], folder);
      expect(code, stderr).toBe(0);
      const journal = readFileSync(join(folder, `study-${workers}`, 'journal.jsonl'), 'utf8');
      trials.push(
        journal
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((record) => record.type === 'trial')
          .map(({ durationMs: _d, finishedAt: _f, ...record }) => record)
          .sort((a, b) => (a.number as number) - (b.number as number)),
      );
    }
    expect(trials[0]).toHaveLength(4);
    expect(new Set(trials[0]!.map((t) => JSON.stringify(t.params))).size).toBe(4);
    expect(trials[1]).toEqual(trials[0]);
    expect(sha256(basePath)).toBe(before);
  });
});
