// k-fold cross-validation of a training configuration: stratified folds of the training rows
// (the test rows stay out), one training per fold validated on the held-out fold.
import { OptionError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Dataset } from './data/dataset.js';
import { kFolds, splitDataset } from './data/splits.js';
import { checkSplitOptions } from './training-split.js';
import { train, type TrainHooks } from './train.js';
import type { TrainOptions } from './train-options.js';

/** One fold's outcome. */
export interface FoldResult {
  fold: number;
  /** Rows in the held-out fold. */
  validationSamples: number;
  validationLoss: number;
  /** Null for regression. */
  validationAccuracy: number | null;
  epochs: number;
}

/** The outcome of {@link crossValidate}. */
export interface CrossValidationResult {
  folds: FoldResult[];
  meanValidationLoss: number;
  /** Mean and population standard deviation of the fold accuracies (null for regression). */
  meanValidationAccuracy: number | null;
  standardDeviation: number | null;
}

/**
 * Trains once per fold of `folds` stratified folds of the training rows (the dataset's reference
 * test rows, or `options.testFraction` of them, are left out) and validates on the held-out fold;
 * with early stopping, the held-out fold is also what it monitors. Deterministic for a seed.
 */
export function crossValidate(
  dataset: Dataset,
  options: TrainOptions & { folds?: number },
  hooks: TrainHooks = {},
): CrossValidationResult {
  // Each fold is trained on its own explicit split, validated on its held-out rows: the fractions
  // apply here (the test rows left out) and to the training after, not to the folds.
  const {
    folds: k = 5,
    validationFraction: _validationFraction,
    testFraction: _testFraction,
    ...trainOptions
  } = options;
  checkSplitOptions(options);
  const rng = createRng(options.seed ?? 0);
  const labels = dataset.task === 'classification' ? dataset.labels : undefined;
  const reference = options.testFraction === undefined ? dataset.split?.test : undefined;
  const rows =
    options.split?.train ??
    splitDataset(
      dataset.samples,
      labels,
      { validation: 0, test: options.testFraction ?? 0.2 },
      rng.fork('test'),
      reference,
    ).train;
  if (!Number.isInteger(k) || k < 2 || k > rows.length)
    throw new OptionError(
      'cross-validation',
      '/folds',
      `must be an integer in [2, ${rows.length}], at most the training rows (got ${k})`,
    );
  const folds = kFolds(rows, k, labels, rng.fork('folds'));
  const results: FoldResult[] = folds.map((held, fold) => {
    const inFold = new Set(held);
    const result = train(
      dataset,
      {
        ...trainOptions,
        split: { train: rows.filter((i) => !inFold.has(i)), validation: held, test: [] },
      },
      hooks,
    );
    return {
      fold: fold + 1,
      validationSamples: held.length,
      validationLoss: result.validationLoss ?? NaN,
      validationAccuracy: result.validationAccuracy,
      epochs: result.epochs,
    };
  });
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const accuracies = results.map((r) => r.validationAccuracy);
  const classification = accuracies.every((a) => a !== null);
  const meanAccuracy = classification ? mean(accuracies) : null;
  return {
    folds: results,
    meanValidationLoss: mean(results.map((r) => r.validationLoss)),
    meanValidationAccuracy: meanAccuracy,
    standardDeviation:
      meanAccuracy === null
        ? null
        : Math.sqrt(mean((accuracies as number[]).map((a) => (a - meanAccuracy) ** 2))),
  };
}
