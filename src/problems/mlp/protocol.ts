// How a trainer-backed problem scores a configuration: the search sees only the training part
// of the dataset (its reference split's train rows), split once into train/validation (holdout)
// or k folds; the value is the validation error averaged over folds and training seeds. The test
// rows are touched only after the search, by finalize().
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProblemError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { classCount, featureCount, type Dataset } from '../../training/data/dataset.js';
import { loadDataset } from '../../training/data/datasets.js';
import { readCsvDataset } from '../../training/data/csv.js';
import { kFolds, stratifiedHoldOut } from '../../training/data/splits.js';
import { TrainingSession } from '../../training/training-session.js';
import { train } from '../../training/train.js';
import type { EpochRecord, TrainResult } from '../../training/train-result.js';
import { TrialPruned, type Trial } from '../../core/trial.js';
import type { TrainOptions } from '../../training/train-options.js';
import {
  applyDatasetTransforms,
  type DatasetTransformFields,
} from '../../config/dataset-transforms.js';
import { fineTunedTrainableParameters } from './lora-options.js';

/** How configurations are validated. */
export type Validation =
  { method: 'holdout'; fraction: number } | { method: 'k-fold'; folds: number };

/** The rows of each role, fixed for the whole search. */
export interface Protocol {
  dataset: Dataset;
  /** Rows the search may train and validate on. */
  searchRows: number[];
  /** Rows held out until the end. */
  testRows: number[];
  /** (train, validation) row pairs: one for holdout, k for k-fold. */
  folds: { train: number[]; validation: number[] }[];
  /** Seeds of the trainings averaged per configuration. */
  seeds: number[];
}

/** Parameters shared by the trainer-backed problems (transform and classes make transfer tasks). */
export interface DatasetParams extends DatasetTransformFields {
  /** A shipped dataset (iris, wine, breast_cancer, digits). */
  dataset?: string;
  /** A CSV file (header row), relative to the config file. */
  path?: string;
  /** The target column of a CSV file. @defaultValue "target" */
  target?: string;
  validation: Validation;
  /** Trainings per configuration (seeds 0..n-1), averaged. */
  trainingSeeds: number;
}

/** Loads the dataset and fixes the validation rows (the same for every configuration). */
export function buildProtocol(params: DatasetParams, baseDir: string, where: string): Protocol {
  if ((params.dataset === undefined) === (params.path === undefined)) {
    throw new ProblemError(
      `${where}: give exactly one of dataset (a shipped name) and path (a CSV file)`,
    );
  }
  const dataset = applyDatasetTransforms(
    params.dataset !== undefined
      ? loadDataset(params.dataset)
      : readCsvDataset(resolve(baseDir, params.path as string), {
          target: params.target ?? 'target',
        }),
    params,
    where,
  );
  const labels = dataset.task === 'classification' ? dataset.labels : undefined;
  const rng = createRng('validation-split');
  const all = Array.from({ length: dataset.samples }, (_, i) => i);
  let searchRows: number[];
  let testRows: number[];
  if (dataset.split !== undefined) {
    searchRows = dataset.split.train.slice();
    testRows = dataset.split.test.slice();
  } else {
    const held = stratifiedHoldOut(
      all,
      Math.round(0.2 * dataset.samples),
      labels,
      rng.fork('test'),
    );
    testRows = held.held;
    searchRows = held.rest;
  }
  checkSearchRows(dataset.samples, testRows.length, searchRows.length, params.validation, where);
  let folds: Protocol['folds'];
  if (params.validation.method === 'holdout') {
    const held = stratifiedHoldOut(
      searchRows,
      Math.round(params.validation.fraction * searchRows.length),
      labels,
      rng.fork('holdout'),
    );
    folds = [{ train: held.rest, validation: held.held }];
  } else {
    const parts = kFolds(searchRows, params.validation.folds, labels, rng.fork('folds'));
    folds = parts.map((validation, k) => ({
      train: parts
        .filter((_, j) => j !== k)
        .flat()
        .sort((a, b) => a - b),
      validation,
    }));
  }
  const seeds = Array.from({ length: params.trainingSeeds }, (_, i) => i);
  return { dataset, searchRows, testRows, folds, seeds };
}

// A dataset too small for its test set, its validation set or its folds: a clear error before
// any training (an empty validation set made every trial fail with an infinite error).
function checkSearchRows(
  rows: number,
  testRows: number,
  searchRows: number,
  validation: Validation,
  where: string,
): void {
  const tooFew = `${where}: the dataset has ${rows} row${rows === 1 ? '' : 's'}`;
  if (testRows === 0) {
    throw new ProblemError(
      `${tooFew}, too few for its test set (20% of the rows, rounded): give at least 3 rows`,
    );
  }
  const left = `${searchRows} row${searchRows === 1 ? '' : 's'} left after the test set`;
  if (validation.method === 'k-fold') {
    if (validation.folds > searchRows) {
      throw new ProblemError(
        `${tooFew}, ${left}, too few for validation.folds = ${validation.folds}: ` +
          `use at most ${searchRows} folds or give more rows`,
      );
    }
    return;
  }
  const held = Math.round(validation.fraction * searchRows);
  if (held === 0 || held === searchRows) {
    throw new ProblemError(
      `${tooFew}, ${left}: a validation fraction of ${validation.fraction} of them holds ` +
        `${held === 0 ? 'no row' : 'every row'} for validation: give more rows or ` +
        `${held === 0 ? 'a larger' : 'a smaller'} validation.fraction`,
    );
  }
}

/** The outcome of validating one configuration. */
export interface Validated {
  /** Mean validation error (1 - accuracy; mean squared error for regression). */
  error: number;
  /** Mean epoch of the best validation loss (the epoch count to retrain with). */
  bestEpoch: number;
  /** Trainable parameters of the network. */
  parameters: number;
  /**
   * Wall-clock seconds the trainings took (every fold and seed, one after the other on one
   * thread). Not reproducible: it depends on the machine and its load.
   */
  trainingSeconds: number;
}

/**
 * What the search scores of a finished training: the result itself, or one whose validation
 * accuracy is the post-training quantized network's.
 */
export type ScoredResult = (result: TrainResult) => TrainResult;

const asTrained: ScoredResult = (result) => result;

/** Trains `options` on every fold and seed and averages the validation error. */
export function validate(
  protocol: Protocol,
  options: TrainOptions,
  scored: ScoredResult = asTrained,
): Validated {
  const began = performance.now();
  const results = trainings(protocol, options).map((training) =>
    scored(train(protocol.dataset, training)),
  );
  return summarize(results, performance.now() - began);
}

/**
 * {@link validate} for a study's trial: the trainings of every fold and seed advance in
 * lock-step, and after each epoch their mean validation error is reported as the intermediate
 * value of that epoch; a pruned trial stops there (throws TrialPruned). The learning-rate
 * schedule is the one of the full trial (it depends on `epochs`, not on where pruning stops).
 * Unpruned, the value is exactly {@link validate}'s.
 */
export async function validateReporting(
  protocol: Protocol,
  options: TrainOptions,
  trial: Trial,
  scored: ScoredResult = asTrained,
): Promise<Validated> {
  let began = performance.now();
  let trainingMs = 0;
  const sessions = trainings(protocol, options).map(
    (training) => new TrainingSession(protocol.dataset, training),
  );
  for (let epoch = 1; sessions.some((session) => !session.done); epoch++) {
    let sum = 0;
    for (const session of sessions) {
      const record = session.done ? session.history.at(-1) : session.runEpoch();
      sum += record === undefined ? Infinity : epochError(record);
    }
    trial.report(sum / sessions.length, epoch);
    // Waiting for the pruner's answer is not training time.
    trainingMs += performance.now() - began;
    if (await trial.shouldPrune()) throw new TrialPruned(`pruned after epoch ${epoch}`);
    began = performance.now();
  }
  const results = sessions.map((session) => scored(session.finish()));
  return summarize(results, trainingMs + performance.now() - began);
}

// The trainings of one configuration: every fold with every seed.
function trainings(protocol: Protocol, options: TrainOptions): TrainOptions[] {
  return protocol.folds.flatMap((fold) =>
    protocol.seeds.map((seed) => ({
      ...options,
      split: { train: fold.train, validation: fold.validation, test: [] },
      seed,
    })),
  );
}

function summarize(results: readonly TrainResult[], elapsedMs: number): Validated {
  let error = 0;
  let bestEpoch = 0;
  let parameters = 0;
  for (const result of results) {
    error += validationError(result);
    bestEpoch += result.bestEpoch;
    parameters = trainedParameters(result);
  }
  return {
    error: error / results.length,
    bestEpoch: bestEpoch / results.length,
    parameters,
    trainingSeconds: elapsedMs / 1000,
  };
}

function validationError(result: TrainResult): number {
  if (result.validationAccuracy !== null) return 1 - result.validationAccuracy;
  return result.validationLoss ?? Infinity;
}

function epochError(record: EpochRecord): number {
  if (record.validationAccuracy !== null) return 1 - record.validationAccuracy;
  return record.validationLoss ?? Infinity;
}

// Fixed work of one optimizer step, in samples' worth (fitted to digits trial times: the time of
// a training grows as epochs x (1 + 38 / batch size) for a fixed network).
const STEP_COST_SAMPLES = 38;

/**
 * The expected relative cost of validating `options`: trainings x epochs x training rows x
 * weights, plus the fixed work of each optimizer step. Used to start long trials first.
 */
export function validationCost(protocol: Protocol, options: TrainOptions): number {
  const fold = protocol.folds[0];
  const rows = fold === undefined ? 0 : fold.train.length;
  const batch = typeof options.batchSize === 'number' ? Math.min(options.batchSize, rows) : rows;
  // Every weight costs compute, frozen or not: count the whole network even when fine-tuning.
  const { initialModel: _base, ...whole } = options;
  const weights = networkParameters(protocol, whole);
  const epochs = options.epochs ?? 1;
  const trainings = protocol.folds.length * protocol.seeds.length;
  return trainings * epochs * rows * weights * (1 + STEP_COST_SAMPLES / Math.max(1, batch));
}

/** Layer widths (inputs first) of the network `options` describe for the dataset. */
export function networkWidths(protocol: Protocol, options: TrainOptions): number[] {
  const { dataset } = protocol;
  return [featureCount(dataset), ...(options.model?.hidden ?? [100]), classCount(dataset)];
}

/** Number of weights and biases of the network `options` describe, before training it. */
export function networkParameters(protocol: Protocol, options: TrainOptions): number {
  const widths = networkWidths(protocol, options);
  if (options.initialModel !== undefined) return fineTunedTrainableParameters(options, widths);
  let count = 0;
  for (let i = 1; i < widths.length; i++)
    count += ((widths[i - 1] as number) + 1) * (widths[i] as number);
  return count;
}

/** Number of weights and biases of the trained network. */
export function countParameters(result: TrainResult): number {
  const { inputs, hidden, outputs } = result.model.architecture;
  const widths = [inputs, ...hidden, outputs];
  let count = 0;
  for (let i = 1; i < widths.length; i++)
    count += ((widths[i - 1] as number) + 1) * (widths[i] as number);
  return count;
}

/** The parameters a training trained: all of them, or fine-tuning's adapters and unfrozen layers. */
export function trainedParameters(result: TrainResult): number {
  return result.options.initialModel === undefined
    ? countParameters(result)
    : result.trainableParameters;
}

/**
 * Retrains the best configuration on all search rows (train + validation) for the epoch count
 * the validation found, measures it on the test rows, and saves the model; `extend` adds to the
 * report what the problem measures of the retrained network.
 */
export function retrainAndTest(
  protocol: Protocol,
  options: TrainOptions,
  validated: Validated,
  outputFolder: string | undefined,
  extend?: (result: TrainResult, report: Record<string, unknown>) => void,
): Record<string, unknown> {
  const epochs = Math.max(1, Math.round(validated.bestEpoch));
  const { earlyStopping: _none, ...withoutEarlyStopping } = options;
  const result = train(protocol.dataset, {
    ...withoutEarlyStopping,
    epochs,
    split: { train: protocol.searchRows, test: protocol.testRows },
    seed: 0,
  });
  const report: Record<string, unknown> = {
    testAccuracy: result.testAccuracy,
    testLoss: result.testLoss,
    validationError: validated.error,
    retrainEpochs: epochs,
    parameters: trainedParameters(result),
    ...(result.teacherParameters === undefined
      ? {}
      : {
          teacherTestAccuracy: result.teacherTestAccuracy,
          teacherParameters: result.teacherParameters,
        }),
  };
  extend?.(result, report);
  if (outputFolder !== undefined) {
    const path = join(outputFolder, 'best-model.json');
    writeFileSync(path, `${JSON.stringify(result.model)}\n`);
    report.model = path;
    if (result.adapter !== undefined) {
      report.adapter = join(outputFolder, 'best-adapter.json');
      writeFileSync(report.adapter as string, `${JSON.stringify(result.adapter)}\n`);
    }
  }
  return report;
}
