// The trainer-backed problems: the mapping from parameters to training options, the fixed
// validation protocol, deterministic values, the parameter penalty, and the final retraining.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/core/errors.js';
import { buildProblem } from '../../src/problems/build.js';
import { checkSpaceParameters, trainOptionsFor } from '../../src/problems/mlp/options-mapping.js';
import { buildProtocol, type Validation } from '../../src/problems/mlp/protocol.js';
import { readModel } from '../../src/training/model.js';
import { writeFileSync } from 'node:fs';
import { loadDataset } from '../../src/training/data/datasets.js';
import { train } from '../../src/training/train.js';
import { temporaryFolder } from '../helpers/cli.js';

const context = { baseDir: process.cwd() };

describe('trainer-backed problems', () => {
  it('map search parameters to training options', () => {
    const options = trainOptionsFor(
      { model: { hidden: [128] }, epochs: 50, earlyStopping: { patience: 10 } },
      {
        optimizer: 'sgd',
        learningRate: 0.05,
        momentum: 0.8,
        nesterov: true,
        batchSize: 64,
        patience: 7,
        learningRateSchedule: 'cosine',
        initialization: 'he-normal',
      },
    );
    expect(options.optimizer).toEqual({
      type: 'sgd',
      learningRate: 0.05,
      momentum: 0.8,
      nesterov: true,
    });
    expect(options.batchSize).toBe(64);
    expect(options.earlyStopping).toEqual({ patience: 7 });
    expect(options.learningRateSchedule).toEqual({ type: 'cosine' });
    expect(options.model).toEqual({ hidden: [128], initialization: 'he-normal' });
    const architecture = trainOptionsFor(
      { model: { hidden: [10] } },
      { layers: 3, width1: 64, width2: 32, width3: 16, activation: 'tanh', dropout: 0.2 },
    );
    expect(architecture.model).toEqual({ hidden: [64, 32, 16], activation: 'tanh', dropout: 0.2 });
  });

  it('refuse space parameters that are not training options', () => {
    expect(() => checkSpaceParameters(['learningRate', 'learnRate'], 'problem x')).toThrow(
      ProblemError,
    );
    expect(() => checkSpaceParameters(['learningRate', 'learnRate'], 'problem x')).toThrow(
      /"learnRate" are not training options/,
    );
  });

  it('keep the test rows out of the search and split the rest once', () => {
    const holdout = buildProtocol(
      { dataset: 'iris', validation: { method: 'holdout', fraction: 0.2 }, trainingSeeds: 2 },
      '.',
      'p',
    );
    expect(holdout.testRows).toHaveLength(30);
    expect(holdout.searchRows).toHaveLength(120);
    expect(holdout.searchRows.some((r) => holdout.testRows.includes(r))).toBe(false);
    expect(holdout.folds).toHaveLength(1);
    expect(holdout.folds[0]!.validation).toHaveLength(24);
    expect(holdout.seeds).toEqual([0, 1]);
    const folds = buildProtocol(
      { dataset: 'iris', validation: { method: 'k-fold', folds: 5 }, trainingSeeds: 1 },
      '.',
      'p',
    );
    expect(folds.folds).toHaveLength(5);
    const validated = folds.folds.flatMap((f) => f.validation).sort((a, b) => a - b);
    expect(validated).toEqual(folds.searchRows);
    for (const fold of folds.folds) expect(fold.train.length + fold.validation.length).toBe(120);
    expect(() =>
      buildProtocol(
        { validation: { method: 'holdout', fraction: 0.2 }, trainingSeeds: 1 },
        '.',
        'problem p',
      ),
    ).toThrow(/exactly one of dataset/);
  });

  it('refuse a dataset too small for its test set, validation set or folds, naming why', () => {
    const folder = temporaryFolder();
    const csv = (rows: number): string => {
      const path = join(folder, `rows-${rows}.csv`);
      const lines = Array.from({ length: rows }, (_, i) => `${i},${i % 2 === 0 ? 'x' : 'y'}`);
      writeFileSync(path, ['a,label', ...lines].join('\n'));
      return path;
    };
    const protocol = (rows: number, validation: Validation) => () =>
      buildProtocol(
        { path: csv(rows), target: 'label', validation, trainingSeeds: 1 },
        folder,
        'problem p',
      );
    const holdout: Validation = { method: 'holdout', fraction: 0.2 };
    expect(protocol(2, holdout)).toThrow(ProblemError);
    expect(protocol(2, holdout)).toThrow(
      'problem p: the dataset has 2 rows, too few for its test set (20% of the rows, rounded): give at least 3 rows',
    );
    expect(protocol(3, holdout)).toThrow(
      'problem p: the dataset has 3 rows, 2 rows left after the test set: a validation fraction of 0.2 of them holds no row for validation: give more rows or a larger validation.fraction',
    );
    expect(protocol(5, { method: 'k-fold', folds: 5 })).toThrow(
      'problem p: the dataset has 5 rows, 4 rows left after the test set, too few for validation.folds = 5: use at most 4 folds or give more rows',
    );
    expect(protocol(5, { method: 'holdout', fraction: 0.9 })).toThrow(/holds every row/);
    // The smallest datasets that fit: each split has a row.
    const fits = protocol(5, { method: 'k-fold', folds: 4 })();
    expect(fits.folds.every((f) => f.train.length > 0 && f.validation.length > 0)).toBe(true);
    const held = protocol(8, holdout)();
    expect(held.folds[0]!.validation.length).toBeGreaterThan(0);
  });

  it('give the same value for the same configuration, and penalize parameters', async () => {
    const block = { type: 'mlp-architecture', dataset: 'iris', epochs: 15 };
    const problem = await buildProblem(block, context);
    const point = { layers: 2, width1: 16, width2: 8, activation: 'relu', dropout: 0 };
    const value = await problem.evaluate(point);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
    expect(await problem.evaluate(point)).toBe(value);
    const penalized = await buildProblem({ ...block, parameterPenalty: 1e-4 }, context);
    // 4-16-8-3: (4+1)*16 + (16+1)*8 + (8+1)*3 = 243 parameters.
    expect(await penalized.evaluate(point)).toBeCloseTo(value + 243e-4, 12);
  });

  it('retrain the best configuration, test it and save the model', async () => {
    const problem = await buildProblem(
      {
        type: 'mlp-hyperparameters',
        dataset: 'iris',
        epochs: 20,
        model: { hidden: [16], activation: 'relu' },
      },
      context,
    );
    const folder = temporaryFolder();
    const best = {
      optimizer: 'adam',
      learningRate: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      weightDecay: 1e-5,
      batchSize: 16,
      patience: 5,
      initialization: 'auto',
      learningRateSchedule: 'constant',
    };
    const report = await problem.finalize!(best, folder);
    expect(report.testAccuracy).toBeGreaterThan(0.8);
    expect(report.retrainEpochs).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(folder, 'best-model.json'))).toBe(true);
    expect(readModel(join(folder, 'best-model.json')).architecture.hidden).toEqual([16]);
  });

  it('record the parameter count of each candidate as a trial attribute', async () => {
    const problem = await buildProblem(
      { type: 'mlp-architecture', dataset: 'iris', epochs: 1 },
      context,
    );
    const point = { layers: 2, width1: 16, width2: 8, activation: 'relu', dropout: 0 };
    // 4 bytes per float32 weight and bias.
    expect(problem.attributes?.(point)).toEqual({ parameters: 243, bytes: 972 });
  });

  it('distill every configuration from a teacher and search temperature and alpha', async () => {
    const folder = temporaryFolder();
    const teacher = train(loadDataset('iris'), {
      model: { hidden: [16] },
      epochs: 30,
      batchSize: 16,
      optimizer: { type: 'adam', learningRate: 0.01 },
    });
    writeFileSync(join(folder, 'teacher.json'), JSON.stringify(teacher.model));
    const options = trainOptionsFor(
      { distillation: { teacher: 't.json', temperature: 4, alpha: 0.1 } },
      { temperature: 2, distillationAlpha: 0.5, layers: 1, width1: 6 },
    );
    expect(options.distillation).toEqual({ teacher: 't.json', temperature: 2, alpha: 0.5 });
    const block = {
      type: 'mlp-architecture',
      dataset: 'iris',
      epochs: 5,
      distillation: { teacher: 'teacher.json' },
      labelFraction: 0.5,
      space: {
        layers: { type: 'integer', low: 1, high: 2 },
        width1: { type: 'integer', low: 2, high: 8 },
        temperature: { type: 'real', low: 1, high: 8 },
        distillationAlpha: { type: 'real', low: 0, high: 1 },
      },
    };
    const problem = await buildProblem(block, { baseDir: folder });
    const point = { layers: 1, width1: 4, temperature: 3, distillationAlpha: 0.2 };
    const value = await problem.evaluate(point);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(await problem.evaluate(point)).toBe(value);
    const report = await problem.finalize!(point, undefined);
    expect(report.teacherParameters).toBe(4 * 16 + 16 + 16 * 3 + 3);
    expect(report.parameters).toBe(4 * 4 + 4 + 4 * 3 + 3);
    const { distillation: _teacher, ...withoutTeacher } = block;
    await expect(buildProblem(withoutTeacher, { baseDir: folder })).rejects.toThrow(
      /space parameter\(s\) temperature, distillationAlpha need the problem's distillation option/,
    );
  });
});
