// Compression options of the trainer problems: the `quantization` block (quantization-aware, as in
// train configs, or post-training), the space parameters that search it (`weightBits`,
// `weightScheme`), and `sizePenalty`, the byte counterpart of `parameterPenalty`.
import { ProblemError, type ConfigIssue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import type { ParameterSpec, ParameterValues } from '../../core/space.js';
import type { WeightScheme } from '../../training/quantization/quantized-model.js';
import { WEIGHT_BITS, type WeightBits } from '../../training/quantization/ranges.js';
import {
  quantizationTrainSchema,
  type QuantizationTrainOptions,
} from '../../training/quantization/training-options.js';
import type { TrainOptions } from '../../training/train-options.js';

/** How the trainer problems quantize every configuration. */
export type QuantizationMethod = 'quantization-aware' | 'post-training';

/**
 * The problems' `quantization` option: a train config's quantization-aware block, or with
 * `method: "post-training"` the float network trained, then quantized (weights as given,
 * 8-bit activations calibrated with min/max on the training rows) and validated as integers.
 */
export type ProblemQuantization = QuantizationTrainOptions & { method?: QuantizationMethod };

/** Space parameters that set the quantization of a configuration. */
export const COMPRESSION_PARAMETERS = ['weightBits', 'weightScheme'] as const;

/** The JSON Schema of the problems' `quantization` option. */
export function problemQuantizationSchema(): JsonSchema {
  const schema = quantizationTrainSchema() as JsonSchema & {
    properties: Record<string, JsonSchema>;
  };
  return {
    ...schema,
    description:
      "Quantize every configuration: quantization-aware training (the default method; the block of a train config) or post-training quantization of the trained float network. The validation error is then the quantized network's and the bytes objective (and sizePenalty) count integer weights; the space may search weightBits and weightScheme. Needs relu (or identity) activations.",
    properties: {
      method: {
        enum: ['quantization-aware', 'post-training'],
        description:
          "quantization-aware: fake quantization in training (a train config's block); post-training: train in float, then quantize (min/max calibration on at most 10,000 training rows) and validate the integer network (default quantization-aware).",
      },
      ...schema.properties,
    },
  };
}

/** The JSON Schema of `sizePenalty`. */
export const sizePenaltySchema: JsonSchema = {
  type: 'number',
  minimum: 0,
  description:
    "Added to the error per byte of the network's parameters (lambda x bytes, integer weights when quantized; trade accuracy for size). Single-objective studies only: a multi-objective one declares the bytes objective instead.",
};

/** The fields of the compression options, as a problem's params carry them. */
export interface CompressionParams {
  quantization?: ProblemQuantization;
  sizePenalty?: number;
  parameterPenalty?: number;
  objectives?: readonly unknown[];
}

/**
 * Refuses what the schema cannot: training-only fields with post-training quantization, searched
 * bits or scheme without a quantization option, a penalty in a multi-objective problem.
 */
export function checkCompressionOptions(
  params: CompressionParams,
  space: Record<string, ParameterSpec>,
  where: string,
): void {
  const quantization = params.quantization;
  if (quantization?.method === 'post-training') {
    for (const field of ['startEpoch', 'freezeObserversEpoch'] as const) {
      if (quantization[field] !== undefined)
        throw new ProblemError(
          `${where}: quantization.${field} must be left out with method "post-training" (it applies to quantization-aware training) (got ${JSON.stringify(quantization[field])})`,
        );
    }
  }
  const searched = COMPRESSION_PARAMETERS.filter((name) => name in space);
  if (searched.length > 0 && quantization === undefined)
    throw new ProblemError(
      `${where}: space parameter(s) ${searched.join(', ')} need the problem's quantization option (for example "quantization": {"method": "post-training"})`,
    );
  checkSearchedValues(space, where);
  const penalty = objectivePenaltyIssues(params)[0];
  if (penalty !== undefined)
    throw new ProblemError(`${where}: ${penalty.path.slice(1)} ${penalty.message}`);
}

/**
 * The size penalties a multi-objective trainer problem sets (it declares the bytes or parameters
 * objective instead), at their paths in the problem block.
 */
export function objectivePenaltyIssues(params: {
  objectives?: unknown;
  sizePenalty?: number;
  parameterPenalty?: number;
}): ConfigIssue[] {
  if (params.objectives === undefined) return [];
  return (['sizePenalty', 'parameterPenalty'] as const).flatMap((field) => {
    const value = params[field];
    return value === undefined || value === 0
      ? []
      : [
          {
            path: `/${field}`,
            message: `must be 0 or left out in a multi-objective study, which declares the bytes or parameters objective instead (got ${value})`,
          },
        ];
  });
}

// The values a searched weightBits or weightScheme can take must be ones kiln stores.
function checkSearchedValues(space: Record<string, ParameterSpec>, where: string): void {
  const bits = space.weightBits;
  if (bits !== undefined) {
    const values =
      bits.type === 'categorical'
        ? bits.choices
        : bits.type === 'integer'
          ? Array.from({ length: bits.high - bits.low + 1 }, (_, i) => bits.low + i)
          : undefined;
    const bad = values?.filter((v) => !(WEIGHT_BITS as readonly unknown[]).includes(v));
    if (values === undefined || (bad?.length ?? 0) > 0)
      throw new ProblemError(
        `${where}: space.weightBits must be a categorical or integer parameter over ${WEIGHT_BITS.join(', ')} (got ${JSON.stringify(bad ?? bits.type)})`,
      );
  }
  const scheme = space.weightScheme;
  if (scheme !== undefined) {
    const bad =
      scheme.type === 'categorical'
        ? scheme.choices.filter((c) => c !== 'per-channel' && c !== 'per-tensor')
        : [scheme.type];
    if (bad.length > 0)
      throw new ProblemError(
        `${where}: space.weightScheme must be a categorical parameter over per-channel, per-tensor (got ${JSON.stringify(bad)})`,
      );
  }
}

/** The quantization of one configuration: the problem's option with the searched bits and scheme. */
export function quantizationFor(
  quantization: ProblemQuantization | undefined,
  x: ParameterValues,
): ProblemQuantization | undefined {
  if (quantization === undefined) return undefined;
  const bits = x.weightBits;
  const scheme = x.weightScheme;
  if (typeof bits !== 'number' && typeof scheme !== 'string') return quantization;
  return {
    ...quantization,
    weights: {
      ...(quantization.weights ?? {}),
      ...(typeof bits === 'number' ? { bits: bits as WeightBits } : {}),
      ...(typeof scheme === 'string' ? { scheme: scheme as WeightScheme } : {}),
    },
  };
}

/** The training options of a configuration: quantization-aware training passes to the trainer. */
export function withQuantization(
  options: TrainOptions,
  quantization: ProblemQuantization | undefined,
): TrainOptions {
  if (quantization === undefined || quantization.method === 'post-training') return options;
  const { method: _method, ...aware } = quantization;
  return { ...options, quantization: aware };
}
