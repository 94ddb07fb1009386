// The trainer-backed problems: `mlp-hyperparameters` (search the optimizer, its conditional
// parameters, batch size, epochs or early-stopping patience, initialization and learning-rate
// schedule for a fixed network) and `mlp-architecture` (search depth, widths, activation and
// dropout, optionally penalizing the parameter count). Both score a configuration by its validation
// error and, after the search, retrain the best on train + validation and measure it on test.
import { MAX_BATCH_SIZE } from '../../core/limits.js';
import type { JsonSchema } from '../../core/solver.js';
import type { ParameterSpec } from '../../core/space.js';
import { DATASET_NAMES } from '../../training/data/datasets.js';
import { trainOptionsProperties } from '../../training/train-options-schema.js';
import { defineProblem } from '../factory.js';
import { objectivesSchema } from '../../multi-objective/objectives.js';
import { problemQuantizationSchema, sizePenaltySchema } from './compression-options.js';
import { TRAINER_OBJECTIVES } from './objectives.js';
import { fineTuningProblemProperties } from './lora-options.js';
import { datasetTransformProperties } from '../../config/dataset-transforms.js';
import { sharedOptions, trainerProblem, type CommonParams } from './trainer-problem.js';

const ADAM_FAMILY = ['adam', 'adamw', 'nadam'];
const ADAPTIVE = [...ADAM_FAMILY, 'rmsprop'];

/** The default space of `mlp-hyperparameters`. */
export const HYPERPARAMETER_SPACE: Record<string, ParameterSpec> = {
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'adamw', 'nadam', 'rmsprop'] },
  learningRate: { type: 'real', low: 1e-4, high: 0.3, log: true },
  momentum: { type: 'real', low: 0, high: 0.99, when: { optimizer: ['sgd', 'rmsprop'] } },
  nesterov: { type: 'boolean', when: { optimizer: 'sgd' } },
  beta1: { type: 'real', low: 0.8, high: 0.95, when: { optimizer: ADAM_FAMILY } },
  beta2: { type: 'real', low: 0.99, high: 0.9999, when: { optimizer: ADAM_FAMILY } },
  alpha: { type: 'real', low: 0.9, high: 0.999, when: { optimizer: 'rmsprop' } },
  epsilon: { type: 'real', low: 1e-8, high: 1e-5, log: true, when: { optimizer: ADAPTIVE } },
  weightDecay: { type: 'real', low: 1e-4, high: 0.1, log: true, when: { optimizer: 'adamw' } },
  l2: { type: 'real', low: 1e-5, high: 1e-1, log: true },
  batchSize: { type: 'integer', low: 16, high: 128, log: true },
  epochs: { type: 'integer', low: 15, high: 60 },
  learningRateSchedule: { type: 'categorical', choices: ['exponential', 'cosine'] },
  initialization: { type: 'categorical', choices: ['auto', 'glorot-uniform'] },
};

/** The default space of `mlp-architecture`. */
export const ARCHITECTURE_SPACE: Record<string, ParameterSpec> = {
  layers: { type: 'integer', low: 1, high: 4 },
  width1: { type: 'integer', low: 16, high: 512, log: true },
  width2: { type: 'integer', low: 16, high: 512, log: true, when: { layers: [2, 3, 4] } },
  width3: { type: 'integer', low: 16, high: 512, log: true, when: { layers: [3, 4] } },
  width4: { type: 'integer', low: 16, high: 512, log: true, when: { layers: 4 } },
  activation: { type: 'categorical', choices: ['relu', 'leaky-relu', 'tanh', 'gelu'] },
  dropout: { type: 'real', low: 0, high: 0.5 },
};

/** Parameters of `mlp-hyperparameters`. */
export interface HyperparameterParams extends CommonParams {
  model: { hidden: number[]; activation: string };
}

/** Parameters of `mlp-architecture`. */
export interface ArchitectureParams extends CommonParams {
  optimizer: { type: string; [option: string]: unknown };
  batchSize: number;
  patience: number;
  parameterPenalty: number;
}

const trainModelProperties = (
  trainOptionsProperties().model as { properties: Record<string, JsonSchema> }
).properties;

const commonSchema: Record<string, JsonSchema> = {
  dataset: { enum: [...DATASET_NAMES], description: 'A dataset by name (or give path).' },
  path: {
    type: 'string',
    minLength: 1,
    description: 'A CSV file with a header row, relative to the config file.',
  },
  target: { type: 'string', minLength: 1, description: 'The target column of the CSV file.' },
  validation: {
    description: 'Holdout (a fraction of the training rows) or k-fold cross-validation.',
    oneOf: [
      {
        type: 'object',
        required: ['method'],
        properties: {
          method: { const: 'holdout' },
          fraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        },
        additionalProperties: false,
      },
      {
        type: 'object',
        required: ['method', 'folds'],
        properties: { method: { const: 'k-fold' }, folds: { type: 'integer', minimum: 2 } },
        additionalProperties: false,
      },
    ],
  },
  trainingSeeds: {
    type: 'integer',
    minimum: 1,
    // One seed list entry each: past this the list alone exhausts memory (1e9 crashed the process).
    maximum: MAX_BATCH_SIZE,
    description: 'Trainings per configuration (averaged).',
  },
  epochs: {
    type: 'integer',
    minimum: 1,
    description:
      'Epochs of each training when the space does not search them (early stopping may end sooner).',
  },
  precision: { enum: ['float32', 'float64'], description: 'Floating-point precision of training.' },
  normalization: {
    enum: ['standard', 'min-max', 'none'],
    description:
      'Feature scaling of every training, fitted on its training rows (default standard). With post-training quantization prefer features already in a common range (none for pixels in [0, 1]): standardizing nearly constant features stretches the int8 input range.',
  },
  space: { type: 'object', description: 'The search space; replaces the default one.' },
  distillation: {
    ...distillationSchema(),
    description:
      'Train every configuration against a teacher model (path relative to the config file); the space may search temperature and distillationAlpha.',
  },
  labelFraction: trainOptionsProperties().labelFraction as JsonSchema,
  labelSeed: trainOptionsProperties().labelSeed as JsonSchema,
  quantization: problemQuantizationSchema(),
  sizePenalty: sizePenaltySchema,
  objectives: {
    ...objectivesSchema,
    description: `A multi-objective problem (set by the tune config's objectives): the measures, in order, among ${TRAINER_OBJECTIVES.join(', ')}.`,
  },
  // Transfer tasks and fine-tuning from a base model (LoRA, QLoRA).
  ...datasetTransformProperties(),
  ...fineTuningProblemProperties(),
};

function distillationSchema(): JsonSchema {
  const schema = trainOptionsProperties().distillation as JsonSchema & {
    properties: Record<string, JsonSchema>;
  };
  return {
    ...schema,
    properties: {
      ...schema.properties,
      teacher: { type: 'string', minLength: 1, description: "The teacher's model.json." },
    },
  };
}

const commonDefaults = {
  validation: { method: 'holdout' as const, fraction: 0.2 },
  trainingSeeds: 1,
  epochs: 60,
  precision: 'float32' as const,
  sizePenalty: 0,
};

export const mlpHyperparameters = defineProblem<HyperparameterParams>({
  type: 'mlp-hyperparameters',
  family: 'training',
  description:
    'Validation error of an MLP on a dataset, over the optimizer and its conditional parameters, L2, batch size, epochs (or patience), initialization and learning-rate schedule, plus sizePenalty x bytes.',
  defaultParams: { ...commonDefaults, model: { hidden: [256], activation: 'relu' } },
  paramsSchema: {
    type: 'object',
    properties: {
      ...commonSchema,
      model: {
        type: 'object',
        description: 'The fixed network.',
        // The trainer's own bounds: a layer wider than it allows, or an unknown activation, is
        // refused by its config path before any trial, not failed in every trial.
        properties: {
          hidden: trainModelProperties.hidden as JsonSchema,
          activation: trainModelProperties.activation as JsonSchema,
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  create: (params, context) =>
    trainerProblem(
      'mlp-hyperparameters',
      params,
      context,
      HYPERPARAMETER_SPACE,
      {
        model: { hidden: params.model.hidden, activation: params.model.activation as 'relu' },
        epochs: params.epochs,
        ...sharedOptions(params, context.baseDir),
      },
      ({ error, bytes }) => error + params.sizePenalty * bytes,
    ),
});

export const mlpArchitecture = defineProblem<ArchitectureParams>({
  type: 'mlp-architecture',
  family: 'training',
  description:
    'Validation error of an MLP on a dataset, over depth (1-4 layers), widths, activation and dropout, plus parameterPenalty x parameter count and sizePenalty x bytes.',
  defaultParams: {
    ...commonDefaults,
    optimizer: { type: 'adam' },
    batchSize: 32,
    patience: 10,
    parameterPenalty: 0,
  },
  paramsSchema: {
    type: 'object',
    properties: {
      ...commonSchema,
      optimizer: {
        type: 'object',
        required: ['type'],
        description: 'The fixed optimizer and its options.',
      },
      batchSize: { type: 'integer', minimum: 1, description: 'Samples per gradient step.' },
      patience: { type: 'integer', minimum: 1, description: 'Early-stopping patience in epochs.' },
      parameterPenalty: {
        type: 'number',
        minimum: 0,
        description: 'Added to the error per trainable parameter (trade accuracy for size).',
      },
    },
    additionalProperties: false,
  },
  create: (params, context) =>
    trainerProblem(
      'mlp-architecture',
      params,
      context,
      ARCHITECTURE_SPACE,
      {
        optimizer: params.optimizer,
        batchSize: params.batchSize,
        epochs: params.epochs,
        earlyStopping: { patience: params.patience },
        ...sharedOptions(params, context.baseDir),
      },
      ({ error, parameters, bytes }) =>
        error + params.parameterPenalty * parameters + params.sizePenalty * bytes,
    ),
});
