// The options of train(): plain data with defaults, their JSON Schema (shared with `kiln train`
// configs) and their resolution into a complete, validated set.
import { validateAgainst } from '../config/validate.js';
import { OptionError, ParameterError } from '../core/errors.js';
import type { JsonSchema } from '../core/solver.js';
import type { Activation } from './activations.js';
import type { Dataset } from './data/dataset.js';
import { DISTILLATION_DEFAULTS, type DistillationOptions } from './distillation.js';
import type { NormalizationKind } from './data/normalization.js';
import type { Initialization } from './initialization.js';
import type { Precision } from './kernels/dense-kernels.js';
import type { LossName } from './losses.js';
import type { ModelDocument } from './model.js';
import { resolveOptimizerOptions } from './optimizers/registry.js';
import {
  resolveQuantizationTrainOptions,
  type QuantizationTrainOptions,
  type ResolvedQuantizationTrainOptions,
} from './quantization/training-options.js';
import { DEFAULT_SCHEDULE, type LearningRateSchedule } from './schedules.js';
import { trainOptionsProperties } from './train-options-schema.js';
import { checkSplitOptions } from './training-split.js';
import {
  resolveFineTuning,
  type FineTuningTrainOptions,
  type ResolvedFineTuning,
} from './fine-tuning/fine-tuning-options.js';
import { classCount } from './data/dataset.js';

/** The network. */
export interface ModelOptions {
  /** Widths of the hidden layers. @defaultValue [100] */
  hidden: number[];
  /** @defaultValue "relu" */
  activation: Activation;
  /** Slope of leaky ReLU below zero. @defaultValue 0.01 (PyTorch) */
  negativeSlope: number;
  /** Dropout rate after every hidden layer, or one rate per hidden layer. @defaultValue 0 */
  dropout: number | number[];
  /** @defaultValue "auto" (He for the ReLU family, Glorot otherwise) */
  initialization: Initialization;
  /** L2 penalty (l2 / 2) * sum of squared weights added to the loss (biases excluded). @defaultValue 0 */
  l2: number;
}

/** Early stopping on the validation loss. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping. @defaultValue 10 */
  patience: number;
  /** An improvement must lower the best loss by more than this. @defaultValue 0 */
  minDelta: number;
  /** Restore the weights of the best epoch at the end. @defaultValue true */
  restoreBestWeights: boolean;
}

/** Gradient clipping, applied after each backward pass. */
export interface GradientClippingOptions {
  /** Rescale the gradient so its global L2 norm is at most this (PyTorch clip_grad_norm_). */
  maxNorm?: number;
  /** Clamp every gradient component to [-maxValue, maxValue] (clip_grad_value_). */
  maxValue?: number;
}

/** The optimizer: a registered name and its options. */
export interface OptimizerConfig {
  type: string;
  [option: string]: unknown;
}

/** Explicit rows of each part (0-based sample indices); overrides the fractions. */
export interface ExplicitSplit {
  train: number[];
  validation?: number[];
  test?: number[];
}

/** Complete options of {@link train}. */
export interface ResolvedTrainOptions {
  model: ModelOptions;
  /** @defaultValue softmax-cross-entropy (classification), mean-squared-error (regression) */
  loss: LossName;
  /** @defaultValue {"type": "adam"} */
  optimizer: OptimizerConfig;
  /** Samples per gradient step; "full" is full-batch gradient descent, 1 is stochastic. @defaultValue 32 */
  batchSize: number | 'full';
  /** @defaultValue 200 */
  epochs: number;
  /** Reshuffle the training rows every epoch. @defaultValue true */
  shuffle: boolean;
  learningRateSchedule: LearningRateSchedule;
  gradientClipping: GradientClippingOptions;
  /** Off unless given. */
  earlyStopping: EarlyStoppingOptions | undefined;
  /** Fraction of the non-test rows held out for validation. @defaultValue 0.1 with early stopping, else 0 */
  validationFraction: number;
  /**
   * Fraction of rows held out for testing. Unset: the dataset's reference split when it has one
   * (the shipped datasets), else 0.2.
   */
  testFraction: number | undefined;
  split: ExplicitSplit | undefined;
  /** @defaultValue "standard" */
  normalization: NormalizationKind;
  /** @defaultValue "float64" */
  precision: Precision;
  /** Seed of initialization, splits, shuffling and dropout. @defaultValue 0 */
  seed: number | string;
  /** Train against a teacher model's softened predictions (off unless given). */
  distillation: DistillationOptions | undefined;
  /**
   * Fraction of the training rows whose labels are used (a stratified subset fixed for the whole
   * training); without distillation only those rows are trained on. @defaultValue 1
   */
  labelFraction: number;
  /** Seed of the choice of labelled rows. @defaultValue the seed */
  labelSeed: number | string | undefined;
  /** Quantization-aware training (off unless given). */
  quantization: ResolvedQuantizationTrainOptions | undefined;
  /** Fine-tuning: the trained model whose weights training starts from. */
  initialModel: ModelDocument | undefined;
  /** Fine-tuning with frozen layers, a new head or LoRA (from the fields of FineTuningTrainOptions). */
  fineTuning: ResolvedFineTuning | undefined;
}

/** Options of {@link train}: any field may be left out. */
export type TrainOptions = Partial<
  Omit<
    ResolvedTrainOptions,
    | 'model'
    | 'learningRateSchedule'
    | 'earlyStopping'
    | 'distillation'
    | 'quantization'
    | 'fineTuning'
  >
> &
  FineTuningTrainOptions & {
    quantization?: QuantizationTrainOptions;
    model?: Partial<ModelOptions>;
    distillation?: Partial<DistillationOptions> & Pick<DistillationOptions, 'teacher'>;
    learningRateSchedule?: Partial<LearningRateSchedule>;
    earlyStopping?: Partial<EarlyStoppingOptions>;
  };

const DEFAULT_MODEL: ModelOptions = {
  hidden: [100],
  activation: 'relu',
  negativeSlope: 0.01,
  dropout: 0,
  initialization: 'auto',
  l2: 0,
};

const DEFAULT_EARLY_STOPPING: EarlyStoppingOptions = {
  patience: 10,
  minDelta: 0,
  restoreBestWeights: true,
};

let schema: JsonSchema | undefined;

function optionsSchema(): JsonSchema {
  schema ??= {
    type: 'object',
    properties: {
      ...trainOptionsProperties(),
      seed: {
        type: ['integer', 'string'],
        description: 'Seed of every random choice (default 0).',
      },
    },
    additionalProperties: false,
  };
  return schema;
}

/** Complete, validated options for training on `dataset`; throws a ParameterError listing every issue. */
export function resolveTrainOptions(options: TrainOptions, dataset: Dataset): ResolvedTrainOptions {
  const issues = validateAgainst(optionsSchema(), options);
  if (issues.length > 0) {
    const text = issues.map(
      (i) => `${i.path || '(root)'} ${i.message}${i.hint === undefined ? '' : ` (${i.hint})`}`,
    );
    throw new ParameterError(`train: invalid options: ${text.join('; ')}`);
  }
  // A fine-tuned network has its base's shape unless the options say otherwise.
  const base = options.initialModel?.architecture;
  const model: ModelOptions = {
    ...DEFAULT_MODEL,
    ...(base === undefined
      ? {}
      : {
          hidden: base.hidden.slice(),
          activation: base.activation,
          negativeSlope: base.negativeSlope,
        }),
    ...options.model,
  };
  const { type: optimizerType = 'adam', ...optimizerOptions } = options.optimizer ?? {
    type: 'adam',
  };
  const optimizer = {
    type: optimizerType,
    ...resolveOptimizerOptions(optimizerType, optimizerOptions),
  };
  const earlyStopping =
    options.earlyStopping === undefined
      ? undefined
      : { ...DEFAULT_EARLY_STOPPING, ...options.earlyStopping };
  const loss =
    options.loss ??
    (dataset.task === 'regression' ? 'mean-squared-error' : 'softmax-cross-entropy');
  const resolved: ResolvedTrainOptions = {
    model,
    loss,
    optimizer,
    batchSize: options.batchSize ?? 32,
    epochs: options.epochs ?? 200,
    shuffle: options.shuffle ?? true,
    learningRateSchedule: { ...DEFAULT_SCHEDULE, ...options.learningRateSchedule },
    gradientClipping: { ...options.gradientClipping },
    earlyStopping,
    validationFraction: options.validationFraction ?? (earlyStopping === undefined ? 0 : 0.1),
    testFraction: options.testFraction,
    split: options.split,
    normalization: options.normalization ?? options.initialModel?.normalization.kind ?? 'standard',
    precision: options.precision ?? 'float64',
    seed: options.seed ?? 0,
    distillation:
      options.distillation === undefined
        ? undefined
        : { ...DISTILLATION_DEFAULTS, ...options.distillation },
    labelFraction: options.labelFraction ?? 1,
    labelSeed: options.labelSeed,
    quantization:
      options.quantization === undefined
        ? undefined
        : resolveQuantizationTrainOptions(options.quantization),
    initialModel: options.initialModel,
    fineTuning: resolveFineTuning(
      options,
      options.initialModel,
      dataset.task === 'classification' ? classCount(dataset) : 0,
      options.precision ?? 'float64',
    ),
  };
  checkConsistency(resolved, dataset);
  checkSplitOptions(options);
  return resolved;
}

/**
 * Refuses a labelSeed without a labelFraction below 1: every training row keeps its label then, so
 * the seed choosing them would be ignored.
 */
export function checkLabelSeed(
  labelSeed: number | string | undefined,
  labelFraction: number,
  where: string,
): void {
  if (labelSeed === undefined || labelFraction < 1) return;
  throw new OptionError(
    where,
    '/labelSeed',
    `must be left out without a labelFraction below 1, which keeps every label (got ${JSON.stringify(labelSeed)})`,
    'set labelFraction, or remove labelSeed',
  );
}

function checkConsistency(options: ResolvedTrainOptions, dataset: Dataset): void {
  const { model, loss } = options;
  if (Array.isArray(model.dropout) && model.dropout.length !== model.hidden.length) {
    throw new ParameterError(
      `train: model.dropout must hold one rate per hidden layer, ${model.hidden.length} (got ${model.dropout.length})`,
    );
  }
  if (options.quantization !== undefined && options.fineTuning !== undefined) {
    throw new ParameterError(
      'train: quantization (quantization-aware training) cannot be combined with freeze, newHead, lora or baseQuantization',
    );
  }
  if (options.quantization !== undefined && !['relu', 'identity'].includes(model.activation)) {
    throw new ParameterError(
      `train: quantization needs model.activation relu or identity, which integer inference fuses (got ${model.activation})`,
    );
  }
  if (dataset.task === 'regression' && loss !== 'mean-squared-error') {
    throw new ParameterError(
      `train: loss must be mean-squared-error for a regression dataset (got ${loss})`,
    );
  }
  if (loss === 'binary-cross-entropy' && dataset.classNames.length !== 2) {
    throw new ParameterError(
      `train: loss binary-cross-entropy needs 2 classes (got ${dataset.classNames.length}); use softmax-cross-entropy`,
    );
  }
  if (options.distillation !== undefined && loss !== 'softmax-cross-entropy') {
    throw new ParameterError(
      `train: distillation needs the softmax-cross-entropy loss of a classification dataset (got ${loss})`,
    );
  }
  checkLabelSeed(options.labelSeed, options.labelFraction, 'train');
  if (options.labelFraction < 1 && dataset.task !== 'classification') {
    throw new ParameterError(
      'train: labelFraction needs a classification dataset (got regression)',
    );
  }
  if (
    options.earlyStopping !== undefined &&
    options.validationFraction === 0 &&
    options.split?.validation === undefined
  ) {
    throw new ParameterError(
      'train: earlyStopping needs validation rows: set validationFraction > 0',
    );
  }
  if (options.split !== undefined) {
    for (const [part, rows] of Object.entries(options.split) as [string, number[]][]) {
      const at = rows.findIndex((i) => i >= dataset.samples);
      if (at >= 0) {
        throw new OptionError(
          'train',
          `/split/${part}/${at}`,
          `must be a row index below ${dataset.samples} (got ${rows[at]})`,
        );
      }
    }
    if (options.split.train.length === 0)
      throw new OptionError('train', '/split/train', 'must not be empty');
  }
}

/** The dropout rate of each hidden layer. */
export function dropoutRates(model: ModelOptions): number[] {
  return Array.isArray(model.dropout)
    ? model.dropout.slice()
    : model.hidden.map(() => model.dropout as number);
}
