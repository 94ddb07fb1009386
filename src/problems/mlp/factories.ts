// The trainer-backed problems: `mlp-hyperparameters` (search the optimizer, its conditional
// parameters, batch size, epochs or early-stopping patience, initialization and learning-rate
// schedule for a fixed network) and `mlp-architecture` (search depth, widths, activation and
// dropout, optionally penalizing the parameter count). Both score a configuration by its validation
// error and, after the search, retrain the best on train + validation and measure it on test.
import type { Problem } from '../../core/problem.js';
import type { JsonSchema } from '../../core/solver.js';
import type { ParameterSpec, ParameterValues } from '../../core/space.js';
import type { Trial } from '../../core/trial.js';
import { mixedSpace } from '../../core/spaces/mixed.js';
import { DATASET_NAMES } from '../../training/data/datasets.js';
import { resolve } from 'node:path';
import { ProblemError } from '../../core/errors.js';
import type { TrainOptions } from '../../training/train-options.js';
import { trainOptionsProperties } from '../../training/train-options-schema.js';
import { defineProblem, type ProblemContext } from '../factory.js';
import {
  objectivesSchema,
  objectiveSign,
  type ObjectiveDeclaration,
} from '../../multi-objective/objectives.js';
import {
  checkCompressionOptions,
  problemQuantizationSchema,
  quantizationFor,
  sizePenaltySchema,
  withQuantization,
  type ProblemQuantization,
} from './compression-options.js';
import { compressionReport, scoredResult } from './compression-report.js';
import {
  TRAINER_OBJECTIVES,
  checkTrainerObjectives,
  networkBytes,
  type TrainerMeasures,
} from './objectives.js';
import { checkSpaceParameters, trainOptionsFor } from './options-mapping.js';
import { checkFineTuningSpace } from './lora-space-checks.js';
import {
  checkFineTuningPlan,
  fineTuningProblemProperties,
  fineTuningShared,
  type FineTuningProblemParams,
} from './lora-options.js';
import { datasetTransformProperties } from '../../config/dataset-transforms.js';
import {
  buildProtocol,
  networkParameters,
  networkWidths,
  retrainAndTest,
  validate,
  validateReporting,
  validationCost,
  type DatasetParams,
} from './protocol.js';

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

interface CommonParams extends DatasetParams, FineTuningProblemParams {
  epochs: number;
  precision: 'float32' | 'float64';
  space?: Record<string, ParameterSpec>;
  /** Train every configuration against a teacher (its path relative to the config file). */
  distillation?: NonNullable<TrainOptions['distillation']> & { teacher: string };
  labelFraction?: number;
  labelSeed?: number | string;
  /** Quantize every configuration (quantization-aware or post-training; `bytes` counts integer weights). */
  quantization?: ProblemQuantization;
  /** Added to the error per parameter byte (single-objective). @defaultValue 0 */
  sizePenalty: number;
  /** A multi-objective problem: which measures, in order (error, parameters, bytes, trainingSeconds). */
  objectives?: ObjectiveDeclaration[];
}

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
    description: 'Trainings per configuration (averaged).',
  },
  epochs: {
    type: 'integer',
    minimum: 1,
    description:
      'Epochs of each training when the space does not search them (early stopping may end sooner).',
  },
  precision: { enum: ['float32', 'float64'], description: 'Floating-point precision of training.' },
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

/** The options every configuration shares: precision, distillation and labels. */
function sharedOptions(params: CommonParams, baseDir: string): TrainOptions {
  const { distillation, labelFraction, labelSeed } = params;
  return {
    precision: params.precision,
    ...(distillation === undefined
      ? {}
      : { distillation: { ...distillation, teacher: resolve(baseDir, distillation.teacher) } }),
    ...(labelFraction === undefined ? {} : { labelFraction }),
    ...(labelSeed === undefined ? {} : { labelSeed }),
  };
}

const commonDefaults = {
  validation: { method: 'holdout' as const, fraction: 0.2 },
  trainingSeeds: 1,
  epochs: 60,
  precision: 'float32' as const,
  sizePenalty: 0,
};

/** What the single-objective value of a configuration adds up. */
interface Scored {
  error: number;
  parameters: number;
  bytes: number;
}

function trainerProblem(
  name: string,
  params: CommonParams,
  context: ProblemContext,
  defaultSpace: Record<string, ParameterSpec>,
  base: TrainOptions,
  score: (measured: Scored) => number,
): Problem<ParameterValues> {
  const where = `problem ${name}`;
  const parameters = params.space ?? defaultSpace;
  checkSpaceParameters(Object.keys(parameters), where);
  const fineTuning = fineTuningShared(params, context.baseDir, where);
  if (fineTuning.initialModel !== undefined) {
    base = { ...base, ...fineTuning };
    if (params.quantization !== undefined && Object.keys(fineTuning).length > 2)
      throw new ProblemError(
        `${where}: quantization (quantization-aware training) cannot be combined with freeze, newHead, lora or baseQuantization; remove one of them`,
      );
    if (params.objectives?.some((o) => o.name === 'bytes') === true)
      throw new ProblemError(
        `${where}: objective bytes counts a network trained from scratch, not a fine-tuned one; use parameters (the trained adapters and layers) with initialization.from`,
      );
  }
  checkFineTuningSpace(parameters, fineTuning, where);
  const distilling = ['temperature', 'distillationAlpha'].filter((n) => n in parameters);
  if (distilling.length > 0 && params.distillation === undefined) {
    throw new ProblemError(
      `${where}: space parameter(s) ${distilling.join(', ')} need the problem's distillation option (a teacher)`,
    );
  }
  if (params.quantization !== undefined) checkQuantizedActivations(parameters, base, where);
  checkCompressionOptions(params, parameters, where);
  const objectives = params.objectives;
  if (objectives !== undefined) checkTrainerObjectives(objectives, where);
  const space = mixedSpace({ parameters });
  const protocol = buildProtocol(params, context.baseDir, where);
  checkFineTuningPlan(base, protocol.dataset, where);
  if (params.quantization?.method === 'post-training' && protocol.dataset.task !== 'classification')
    throw new ProblemError(
      `${where}: quantization method "post-training" must have a classification dataset, whose integer network is scored by accuracy (got a regression target)`,
    );
  // One configuration: its training options, its quantization, what the search scores of a training.
  const configure = (x: ParameterValues) => {
    const quantization = quantizationFor(params.quantization, x);
    return {
      options: withQuantization(trainOptionsFor(base, x), quantization),
      quantization,
      scored: scoredResult(protocol.dataset, quantization),
    };
  };
  const bytesOf = (x: ParameterValues): number => {
    const { options, quantization } = configure(x);
    return networkBytes(networkWidths(protocol, options), quantization);
  };
  const measure = (
    x: ParameterValues,
    validated: { error: number; parameters: number; trainingSeconds: number },
  ): number[] => {
    const measures: TrainerMeasures = {
      error: validated.error,
      parameters: validated.parameters,
      bytes: bytesOf(x),
      trainingSeconds: validated.trainingSeconds,
    };
    return (objectives ?? []).map(
      (o) => objectiveSign(o) * measures[o.name as keyof TrainerMeasures],
    );
  };
  return {
    name: `${name}-${protocol.dataset.name}`,
    space,
    ...(objectives === undefined
      ? {}
      : {
          objectives,
          evaluateObjectives: (x: ParameterValues, trial?: Trial) => {
            const { options, scored } = configure(x);
            if (trial === undefined) return measure(x, validate(protocol, options, scored));
            return validateReporting(protocol, options, trial, scored).then((v) => measure(x, v));
          },
        }),
    evaluate: (x, trial) => {
      const { options, scored } = configure(x);
      const scoreOf = (validated: { error: number; parameters: number }): number =>
        score({ ...validated, bytes: bytesOf(x) });
      if (trial === undefined) return scoreOf(validate(protocol, options, scored));
      return validateReporting(protocol, options, trial, scored).then(scoreOf);
    },
    steps: {
      max: epochBound(parameters, base),
      epochsPerStep: protocol.folds.length * protocol.seeds.length,
    },
    cost: (x) => validationCost(protocol, trainOptionsFor(base, x)),
    attributes: (x) => ({
      parameters: networkParameters(protocol, trainOptionsFor(base, x)),
      bytes: bytesOf(x),
    }),
    finalize: (best, output) => {
      const { options, quantization, scored } = configure(best);
      const validated = validate(protocol, options, scored);
      return Promise.resolve(
        retrainAndTest(protocol, options, validated, output, (result, report) =>
          compressionReport(protocol, result, quantization, bytesOf(best), report, output),
        ),
      );
    },
  };
}

// Integer inference fuses only relu (and identity) into its clamp: refuse other activations up front
// rather than fail every trial.
function checkQuantizedActivations(
  parameters: Record<string, ParameterSpec>,
  base: TrainOptions,
  where: string,
): void {
  const searched = parameters.activation;
  const activations =
    searched === undefined
      ? [base.model?.activation ?? 'relu']
      : searched.type === 'categorical'
        ? searched.choices.map(String)
        : [];
  const refused = activations.filter((a) => a !== 'relu' && a !== 'identity');
  if (refused.length > 0)
    throw new ProblemError(
      `${where}: quantization needs relu (or identity) activations, which integer inference fuses (got ${refused.join(', ')}); search "activation": {"type": "categorical", "choices": ["relu"]}`,
    );
}

// The most epochs a trial trains: the bound of a searched `epochs`, else the fixed count.
function epochBound(parameters: Record<string, ParameterSpec>, base: TrainOptions): number {
  const searched = parameters.epochs;
  if (searched !== undefined && (searched.type === 'integer' || searched.type === 'real')) {
    return Math.floor(searched.high);
  }
  return base.epochs ?? 1;
}

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
        properties: {
          hidden: { type: 'array', items: { type: 'integer', minimum: 1 } },
          activation: { type: 'string' },
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
