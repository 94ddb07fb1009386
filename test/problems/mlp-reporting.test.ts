// The trainer problems in a study: the folds train in lock-step and each epoch's fold mean is
// reported; the unpruned value equals the plain validation; a pruned trial stops there.
import { describe, expect, it } from 'vitest';
import { TrialPruned, type Trial } from '../../src/core/trial.js';
import { buildProblem } from '../../src/problems/build.js';
import { buildProtocol, validate, validateReporting } from '../../src/problems/mlp/protocol.js';
import { train } from '../../src/training/train.js';
import type { TrainOptions } from '../../src/training/train-options.js';

function recordingTrial(pruneAt = Infinity): Trial & { reports: [number, number][] } {
  const reports: [number, number][] = [];
  return {
    number: 1,
    reports,
    report: (value, step) => void reports.push([step, value]),
    shouldPrune: () => Promise.resolve((reports.at(-1)?.[0] ?? 0) >= pruneAt),
  };
}

const options: TrainOptions = {
  model: { hidden: [8], activation: 'relu' },
  optimizer: { type: 'adam', learningRate: 0.01 },
  batchSize: 16,
  epochs: 6,
};

describe('trainer problems in a study', () => {
  const protocol = buildProtocol(
    { dataset: 'iris', validation: { method: 'k-fold', folds: 3 }, trainingSeeds: 1 },
    process.cwd(),
    'test',
  );

  it('report the mean validation error of the k folds after every epoch', async () => {
    const trial = recordingTrial();
    const validated = await validateReporting(protocol, options, trial);
    // Each fold trained alone: its validation error per epoch.
    const perFold = protocol.folds.map((fold) =>
      train(protocol.dataset, {
        ...options,
        split: { train: fold.train, validation: fold.validation, test: [] },
        seed: 0,
      }).history.map((record) => 1 - (record.validationAccuracy as number)),
    );
    expect(trial.reports.map(([step]) => step)).toEqual([1, 2, 3, 4, 5, 6]);
    trial.reports.forEach(([step, value]) => {
      const mean = perFold.reduce((sum, errors) => sum + (errors[step - 1] as number), 0) / 3;
      expect(value).toBeCloseTo(mean, 12);
    });
    // Unpruned, the value is the plain validation's, bit for bit (training time aside: wall time).
    const { trainingSeconds: _seconds, ...measured } = validated;
    const { trainingSeconds: _plainSeconds, ...plain } = validate(protocol, options);
    expect(measured).toEqual(plain);
  });

  it('stop at the epoch the study prunes', async () => {
    const trial = recordingTrial(2);
    await expect(validateReporting(protocol, options, trial)).rejects.toBeInstanceOf(TrialPruned);
    expect(trial.reports.map(([step]) => step)).toEqual([1, 2]);
  });

  it('declare their largest step and the trainings per step', async () => {
    const problem = await buildProblem(
      { type: 'mlp-hyperparameters', dataset: 'iris', validation: { method: 'k-fold', folds: 3 } },
      { baseDir: process.cwd() },
    );
    expect(problem.steps).toEqual({ max: 60, epochsPerStep: 3 });
  });
});
