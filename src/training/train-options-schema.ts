// The JSON Schema of the training options, shared by train() (validation) and `kiln train`
// configs (schemas/train.schema.json).
import { typedBlockSchema } from '../config/schema-parts.js';
import type { JsonSchema } from '../core/solver.js';
import { ACTIVATIONS } from './activations.js';
import { DISTILLATION_DEFAULTS } from './distillation.js';
import { INITIALIZATIONS } from './initialization.js';
import { LOSSES } from './losses.js';
import { optimizers } from './optimizers/registry.js';
import { MAX_LAYER_WIDTH } from '../core/limits.js';
import { quantizationTrainSchema } from './quantization/training-options.js';
import { fineTuningProperties } from './fine-tuning/fine-tuning-options.js';

const fraction = (description: string): JsonSchema => ({
  type: 'number',
  minimum: 0,
  exclusiveMaximum: 1,
  description,
});

const indexList: JsonSchema = { type: 'array', items: { type: 'integer', minimum: 0 } };

/** The optimizer block: `type` names an optimizer, the other fields are its options. */
export function optimizerBlockSchema(): JsonSchema {
  return typedBlockSchema(
    'optimizer',
    optimizers.entries().map((d) => ({
      name: d.name,
      description: d.description,
      paramsSchema: d.optionsSchema,
    })),
  );
}

/** JSON Schema properties of the training options (shared with train configs). */
export function trainOptionsProperties(): Record<string, JsonSchema> {
  return {
    model: {
      type: 'object',
      description: 'The network.',
      properties: {
        hidden: {
          type: 'array',
          items: { type: 'integer', minimum: 1, maximum: MAX_LAYER_WIDTH },
          description: 'Widths of the hidden layers (default [100]; [] is a linear model).',
        },
        activation: {
          enum: ACTIVATIONS,
          description: 'Activation of the hidden layers (default relu).',
        },
        negativeSlope: {
          type: 'number',
          minimum: 0,
          description: 'Slope of leaky-relu below zero (default 0.01).',
        },
        dropout: {
          anyOf: [
            { type: 'number', minimum: 0, exclusiveMaximum: 1 },
            { type: 'array', items: { type: 'number', minimum: 0, exclusiveMaximum: 1 } },
          ],
          description:
            'Dropout rate after every hidden layer, or one per hidden layer (default 0).',
        },
        initialization: {
          enum: INITIALIZATIONS,
          description:
            "Weight initialization (default auto: He for the ReLU family, Glorot otherwise; pytorch-uniform: weights and biases uniform in +-1/sqrt(inputs), PyTorch nn.Linear's default).",
        },
        l2: {
          type: 'number',
          minimum: 0,
          description:
            'L2 penalty (l2 / 2) * sum of squared weights added to the loss (default 0).',
        },
      },
      additionalProperties: false,
    },
    loss: {
      enum: LOSSES,
      description:
        'Loss (default softmax-cross-entropy for classification, mean-squared-error for regression).',
    },
    optimizer: optimizerBlockSchema(),
    batchSize: {
      anyOf: [{ type: 'integer', minimum: 1 }, { const: 'full' }],
      description:
        'Samples per step: 1 is stochastic, "full" is full-batch gradient descent (default 32).',
    },
    epochs: {
      type: 'integer',
      minimum: 1,
      description: 'Passes over the training rows (default 200).',
    },
    shuffle: {
      type: 'boolean',
      description: 'Reshuffle the training rows every epoch (default true).',
    },
    learningRateSchedule: {
      type: 'object',
      description: 'Learning rate per epoch, after an optional linear warmup.',
      properties: {
        type: {
          enum: ['constant', 'step', 'exponential', 'cosine'],
          description: 'Schedule (default constant).',
        },
        stepSize: {
          type: 'integer',
          minimum: 1,
          description: 'step: epochs between decays (default 30).',
        },
        gamma: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description:
            'step and exponential: decay factor (default 0.1 for step, 0.95 for exponential).',
        },
        minLearningRate: {
          type: 'number',
          minimum: 0,
          description: 'cosine: final learning rate (default 0).',
        },
        warmupEpochs: {
          type: 'integer',
          minimum: 0,
          description: 'Epochs of linear warmup (default 0).',
        },
        warmupStartFactor: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'Warmup starts at this fraction of the learning rate (default 1/3).',
        },
      },
      additionalProperties: false,
    },
    gradientClipping: {
      type: 'object',
      description: 'Gradient clipping after each backward pass.',
      properties: {
        maxNorm: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'Maximum global L2 norm of the gradient.',
        },
        maxValue: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'Maximum absolute value of each component.',
        },
      },
      additionalProperties: false,
    },
    earlyStopping: {
      type: 'object',
      description: 'Stop when the validation loss stops improving (off unless given).',
      properties: {
        patience: {
          type: 'integer',
          minimum: 1,
          description: 'Epochs without improvement (default 10).',
        },
        minDelta: {
          type: 'number',
          minimum: 0,
          description: 'Minimum improvement of the loss (default 0).',
        },
        restoreBestWeights: {
          type: 'boolean',
          description: "Keep the best epoch's weights (default true).",
        },
      },
      additionalProperties: false,
    },
    validationFraction: fraction(
      'Fraction of the non-test rows held out for validation (default 0.1 with early stopping, else 0).',
    ),
    testFraction: fraction(
      'Fraction of rows held out for testing when the dataset has no reference split (default 0.2).',
    ),
    split: {
      type: 'object',
      description:
        'Explicit 0-based rows of each part, a row in one part only; replaces the reference split (leave validationFraction and testFraction out).',
      required: ['train'],
      properties: { train: indexList, validation: indexList, test: indexList },
      additionalProperties: false,
    },
    normalization: {
      enum: ['standard', 'min-max', 'none'],
      description: 'Feature scaling fitted on the training rows (default standard).',
    },
    precision: {
      enum: ['float64', 'float32'],
      description: 'Floating-point precision (default float64).',
    },
    distillation: {
      type: 'object',
      description:
        'Knowledge distillation: loss = alpha x cross-entropy + (1 - alpha) x T^2 x KL(teacher || student) at temperature T (off unless given).',
      required: ['teacher'],
      properties: {
        teacher: {
          type: ['string', 'object'],
          description: "The teacher's model.json, relative to the config file.",
        },
        temperature: {
          type: 'number',
          exclusiveMinimum: 0,
          description: `Temperature T softening both distributions (default ${DISTILLATION_DEFAULTS.temperature}).`,
        },
        alpha: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: `Weight of the cross-entropy with the labels (default ${DISTILLATION_DEFAULTS.alpha}).`,
        },
        transferSet: {
          enum: ['all', 'labelled'],
          description:
            'Rows the teacher teaches on: all training rows (unlabelled ones get the soft term alone) or only the labelled ones (default all).',
        },
      },
      additionalProperties: false,
    },
    labelFraction: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description:
        'Fraction of the training rows whose labels are used, a fixed stratified subset; without distillation only those rows are trained on (default 1).',
    },
    labelSeed: {
      type: ['integer', 'string'],
      description: 'Seed of the choice of labelled rows (default: the seed).',
    },
    quantization: quantizationTrainSchema(),
    initialModel: {
      type: 'object',
      description:
        "Fine-tuning: start from this trained model's weights (a kiln-mlp document of the same architecture).",
    },
    ...fineTuningProperties(),
  };
}
