// The `quantization` block of the training options (quantization-aware training): its type,
// defaults and JSON Schema.
import type { JsonSchema } from '../../core/solver.js';
import type { WeightRange, WeightScheme } from './quantized-model.js';
import { WEIGHT_BITS, type WeightBits } from './ranges.js';

/** Quantization-aware training: fake-quantized weights and activations in training, then an integer model. */
export interface QuantizationTrainOptions {
  weights?: {
    /** @defaultValue 8 */
    bits?: WeightBits;
    /** @defaultValue 'per-channel' */
    scheme?: WeightScheme;
    /** @defaultValue 'full' (PyTorch's -2^(b-1)..2^(b-1)-1) */
    range?: WeightRange;
  };
  /**
   * Activations: 8-bit affine (0..255), fake-quantized in training with a moving-average range
   * (PyTorch's), which the integer model keeps.
   */
  activations?: { bits?: 8 };
  /** First epoch (0-based) trained with fake quantization. @defaultValue 0 */
  startEpoch?: number;
  /** Epoch (0-based) from which the weight scales and activation ranges are frozen. @defaultValue null (never) */
  freezeObserversEpoch?: number | null;
}

/** The complete settings. */
export interface ResolvedQuantizationTrainOptions {
  weights: { bits: WeightBits; scheme: WeightScheme; range: WeightRange };
  activations: { bits: 8 };
  startEpoch: number;
  freezeObserversEpoch: number | null;
}

/** The settings with their defaults. */
export function resolveQuantizationTrainOptions(
  options: QuantizationTrainOptions,
): ResolvedQuantizationTrainOptions {
  return {
    weights: {
      bits: options.weights?.bits ?? 8,
      scheme: options.weights?.scheme ?? 'per-channel',
      range: options.weights?.range ?? 'full',
    },
    activations: { bits: 8 },
    startEpoch: options.startEpoch ?? 0,
    freezeObserversEpoch: options.freezeObserversEpoch ?? null,
  };
}

/** The JSON Schema of the block. */
export function quantizationTrainSchema(): JsonSchema {
  return {
    type: 'object',
    description:
      "Quantization-aware training: fake-quantized weights and activations (the input and every layer's output, 8-bit with moving-average ranges) in the forward pass, straight-through gradients (zero where clipped), then conversion to an integer model with the observed activation ranges.",
    properties: {
      weights: {
        type: 'object',
        properties: {
          bits: { enum: [...WEIGHT_BITS], description: 'Bits per weight (default 8).' },
          scheme: {
            enum: ['per-channel', 'per-tensor'],
            description: 'One scale per output row, or per layer (default per-channel).',
          },
          range: {
            enum: ['narrow', 'full'],
            description:
              "full: -2^(b-1)..2^(b-1)-1 with scale max|w|/((2^b-1)/2), PyTorch's (default); narrow: -(2^(b-1)-1)..2^(b-1)-1 with scale max|w|/(2^(b-1)-1), symmetric (2 bits: ternary). The gradient passes up to half a step outside the range, so a row's largest weight keeps it.",
          },
        },
        additionalProperties: false,
      },
      activations: {
        type: 'object',
        properties: {
          bits: {
            const: 8,
            description: 'Activation bits (8: uint8 codes, fake-quantized in training).',
          },
        },
        additionalProperties: false,
      },
      startEpoch: {
        type: 'integer',
        minimum: 0,
        description: 'First epoch (0-based) with fake quantization (default 0).',
      },
      freezeObserversEpoch: {
        type: ['integer', 'null'],
        minimum: 0,
        description:
          'Epoch (0-based) from which the weight scales and the activation ranges are frozen (default null: they follow the training to the end).',
      },
    },
    additionalProperties: false,
  };
}
