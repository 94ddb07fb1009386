// What `kiln train` reads: the train config with its command-line overrides, the dataset it names
// (shipped, CSV or IDX files, with the config's transforms) and the training options it holds.
import { resolve } from 'node:path';
import { misplacedDatasetIssues } from '../config/dataset-placement.js';
import { applyDatasetTransforms } from '../config/dataset-transforms.js';
import { readJsonFile, validateConfig } from '../config/load.js';
import { nonFiniteIssues } from '../config/non-finite-issues.js';
import { trainConfigSchema, type TrainConfig } from '../config/train-config.js';
import { readCsvDataset } from '../training/data/csv.js';
import type { Dataset } from '../training/data/dataset.js';
import { loadDataset } from '../training/data/datasets.js';
import { readIdxDataset } from '../training/data/idx-dataset.js';
import type { TrainOptions } from '../training/train-options.js';
import { ConfigError, OptionError } from '../core/errors.js';

/** Loads and validates a train config; `--seed` and `--output` override the file. */
export function loadTrainConfig(
  path: string,
  overrides: { seed?: number; output?: string } = {},
): TrainConfig {
  const config = validateConfig<TrainConfig>(
    readJsonFile(path),
    trainConfigSchema(),
    path,
    nonFiniteIssues,
    misplacedDatasetIssues,
  );
  return {
    ...config,
    ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    ...(overrides.output === undefined ? {} : { output: overrides.output }),
  };
}

/** The dataset a train config names: a shipped one, or a CSV file relative to `baseDir`. */
export function configDataset(config: TrainConfig, baseDir: string): Dataset {
  return applyDatasetTransforms(loadConfigDataset(config, baseDir), config, 'train config');
}

function loadConfigDataset(config: TrainConfig, baseDir: string): Dataset {
  const { dataset } = config;
  if (typeof dataset === 'string') return loadDataset(dataset);
  if (dataset.format === 'idx') {
    const { images, labels, testImages, testLabels } = dataset;
    return readIdxDataset(resolve(baseDir, images), resolve(baseDir, labels), {
      ...(testImages === undefined ? {} : { testImages: resolve(baseDir, testImages) }),
      ...(testLabels === undefined ? {} : { testLabels: resolve(baseDir, testLabels) }),
    });
  }
  return readCsvDataset(resolve(baseDir, dataset.path), {
    ...(dataset.target === undefined ? {} : { target: dataset.target }),
    ...(dataset.task === undefined ? {} : { task: dataset.task }),
  });
}

/**
 * The training options of a config (everything but dataset, output and editor fields), with the
 * teacher's path resolved against `baseDir`.
 */
export function configOptions(config: TrainConfig, baseDir: string): TrainOptions {
  const {
    $schema: _schema,
    description: _description,
    dataset: _dataset,
    output: _output,
    crossValidation: _crossValidation,
    initialization: _initialization,
    transform: _transform,
    classes: _classes,
    ...options
  } = config;
  const teacher = options.distillation?.teacher;
  if (typeof teacher === 'string') {
    options.distillation = { ...options.distillation, teacher: resolve(baseDir, teacher) };
  }
  return options;
}

/** Training options a train config sets under another name: option path -> config path. */
const CONFIG_FIELDS: Record<string, string> = {
  '/folds': '/crossValidation/folds',
  '/initialModel': '/initialization/from',
};

/**
 * An error of the options a train config set, as an issue of that config file at the field's
 * path; any other error as it is.
 */
export function inConfig(error: unknown, configPath: string): unknown {
  if (!(error instanceof OptionError)) return error;
  const option = Object.keys(CONFIG_FIELDS).find(
    (field) => error.path === field || error.path.startsWith(`${field}/`),
  );
  const path =
    option === undefined
      ? error.path
      : `${CONFIG_FIELDS[option] as string}${error.path.slice(option.length)}`;
  return new ConfigError(configPath, [
    {
      path,
      message: error.issue,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    },
  ]);
}
