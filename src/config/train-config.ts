// The train config (`kiln train`): a dataset, a network, an optimizer and the training options,
// its JSON Schema and its type.
import type { JsonSchema } from '../core/solver.js';
import { DATASET_NAMES } from '../training/data/datasets.js';
import type { TrainOptions } from '../training/train-options.js';
import { trainOptionsProperties } from '../training/train-options-schema.js';
import { commonConfigFields } from './schema-parts.js';
import { datasetTransformProperties, type DatasetTransformFields } from './dataset-transforms.js';

/** A CSV file as the dataset. */
export interface CsvDatasetConfig {
  format?: 'csv';
  /** Path of the CSV file, relative to the config file. */
  path: string;
  /** Target column. @defaultValue "target" if present, else the last column */
  target?: string;
  /** @defaultValue "classification" */
  task?: 'classification' | 'regression';
}

/** IDX files (MNIST's format, gzipped or not) as the dataset. */
export interface IdxDatasetConfig {
  format: 'idx';
  /** The images file, relative to the config file. */
  images: string;
  /** The labels file, relative to the config file. */
  labels: string;
  /** A predefined test part (both or neither). */
  testImages?: string;
  testLabels?: string;
}

/** A validated train config. */
export type TrainConfig = Omit<TrainOptions, 'seed' | 'initialModel'> &
  DatasetTransformFields & {
    $schema?: string;
    description?: string;
    /** A dataset by name, a CSV file, or IDX files. */
    dataset: string | CsvDatasetConfig | IdxDatasetConfig;
    /** Cross-validate the configuration on the training rows before the final training. */
    crossValidation?: { folds?: number };
    /** Fine-tuning: start from a trained model's weights (path relative to the config file). */
    initialization?: { from: string };
    seed?: number;
    output?: string;
  };

/** The training options a config may hold (a model to start from is given by path instead). */
function configTrainOptions(): Record<string, JsonSchema> {
  const { initialModel: _initialModel, ...properties } = trainOptionsProperties();
  return properties;
}

/** The JSON Schema of train configs (shipped as schemas/train.schema.json). */
export function trainConfigSchema(): JsonSchema {
  const { $schema, description, seed, output } = commonConfigFields;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kiln train config',
    description: 'Training of a dense network on a dataset: `kiln train <config>`.',
    type: 'object',
    required: ['dataset'],
    properties: {
      $schema,
      description,
      dataset: datasetSchema(),
      ...datasetTransformProperties(),
      ...configTrainOptions(),
      initialization: {
        type: 'object',
        description: "Fine-tuning: start from a trained model's weights.",
        required: ['from'],
        properties: {
          from: {
            type: 'string',
            minLength: 1,
            description: 'Path of the model.json (kiln train), relative to the config file.',
          },
        },
        additionalProperties: false,
      },
      crossValidation: {
        type: 'object',
        description:
          'Before training, k-fold cross-validate the configuration on the training rows (the test rows stay out).',
        properties: {
          folds: {
            type: 'integer',
            minimum: 2,
            description: 'Number of stratified folds (default 5).',
          },
        },
        additionalProperties: false,
      },
      seed: {
        ...seed,
        description: 'Seed of initialization, splits, shuffling and dropout (default 0).',
      },
      output: {
        ...output,
        description: 'Output folder for model.json, result.json and history.csv.',
      },
    },
    additionalProperties: false,
  };
}

const file = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });

/** The `dataset` field: a name, a CSV file or IDX files. */
export function datasetSchema(): JsonSchema {
  return {
    description: `A dataset by name (${DATASET_NAMES.join(', ')}), a CSV file, or IDX files.`,
    if: { type: 'string' },
    then: { enum: DATASET_NAMES },
    else: {
      if: { type: 'object', required: ['format'], properties: { format: { const: 'idx' } } },
      then: {
        type: 'object',
        description:
          'IDX files (MNIST format, gzipped or not); unsigned-byte pixels are scaled to [0, 1].',
        required: ['format', 'images', 'labels'],
        properties: {
          format: { const: 'idx' },
          images: file('The images file, relative to the config file.'),
          labels: file('The labels file, relative to the config file.'),
          testImages: file('Images of a predefined test part (with testLabels).'),
          testLabels: file('Labels of a predefined test part (with testImages).'),
        },
        dependencies: { testImages: ['testLabels'], testLabels: ['testImages'] },
        additionalProperties: false,
      },
      else: {
        type: 'object',
        description: 'A CSV file with a header row.',
        required: ['path'],
        properties: {
          format: { const: 'csv' },
          path: file('Path of the CSV file, relative to the config file.'),
          target: {
            type: 'string',
            minLength: 1,
            description: 'Target column (default "target" if present, else the last column).',
          },
          task: {
            enum: ['classification', 'regression'],
            description: 'What the target is (default classification).',
          },
        },
        additionalProperties: false,
      },
    },
  };
}
