// Post-training quantization of a float model: integer weights (per row or per tensor, symmetric)
// with float32 scales, float32 biases, and 8-bit affine activation parameters from calibration,
// with PyTorch's conventions (torch.ao.quantization static quantization, fbgemm-style qconfig
// without reduce_range).
import { ParameterError } from '../../core/errors.js';
import { applyNormalization } from '../data/normalization.js';
import type { ModelDocument } from '../model.js';
import { calibrate } from './calibrate.js';
import type { ObserverKind } from './observers.js';
import { affineParameters, perRowSymmetricParameters, symmetricParameters } from './parameters.js';
import { quantizePerChannel } from './quantize.js';
import {
  INTEGER_ACTIVATIONS,
  type QuantizedLayer,
  type QuantizedModelDocument,
  type WeightRange,
  type WeightScheme,
} from './quantized-model.js';
import {
  signedRange,
  unsignedRange,
  WEIGHT_BITS,
  type RoundingConvention,
  type WeightBits,
} from './ranges.js';

type ActivationRangeLike = { min: number; max: number };

/** Options of {@link quantizeModel}. */
export interface QuantizeOptions {
  /** Bits per weight. @defaultValue 8 */
  weightBits?: WeightBits;
  /** @defaultValue 'per-channel' */
  scheme?: WeightScheme;
  /** `full`: -2^(b-1)..2^(b-1)-1 with scale amax/((2^b-1)/2) (PyTorch's); `narrow`: symmetric. @defaultValue 'full' */
  weightRange?: WeightRange;
  /** Observer of the activation ranges. @defaultValue 'minmax' */
  observer?: ObserverKind;
  /** Percentile observer: share of values inside the range, in percent. @defaultValue 99.99 */
  percentile?: number;
  /** Rounding: PyTorch's reciprocal multiply and float64 requantization, or ONNX Runtime's. @defaultValue 'torch' */
  convention?: RoundingConvention;
  /** Rows per calibration batch (the moving-average observer sees one update per batch). @defaultValue 256 */
  batchSize?: number;
  /**
   * Activation ranges already observed (quantization-aware training): the normalized input, then
   * each layer's output. When given, no calibration runs and `features` only has to fit.
   */
  activationRanges?: readonly { min: number; max: number }[];
}

/** The symmetric codes and scales of one weight matrix. */
export function quantizeWeights(
  weight: readonly (readonly number[])[],
  bits: WeightBits,
  scheme: WeightScheme,
  weightRange: WeightRange,
  convention: RoundingConvention,
): { weight: number[][]; weightScale: number[] } {
  const range = signedRange(bits, weightRange === 'narrow');
  const rows = weight.length;
  const flat = weight.flat();
  let scales: ArrayLike<number>;
  if (scheme === 'per-channel') {
    scales = perRowSymmetricParameters(flat, rows, range).scales;
  } else {
    let min = 0;
    let max = 0;
    for (const v of flat) {
      min = Math.min(min, Math.fround(v));
      max = Math.max(max, Math.fround(v));
    }
    scales = [symmetricParameters(min, max, range).scale];
  }
  const perRow = Array.from(
    { length: rows },
    (_, r) => scales[scheme === 'per-channel' ? r : 0] as number,
  );
  const q = quantizePerChannel(flat, rows, perRow, new Int32Array(rows), range, convention);
  const columns = rows === 0 ? 0 : flat.length / rows;
  return {
    weight: Array.from({ length: rows }, (_, r) =>
      Array.from(q.subarray(r * columns, (r + 1) * columns)),
    ),
    weightScale: Array.from(scales),
  };
}

/**
 * Quantizes `model` after training, calibrating its activation ranges on `samples` rows of raw
 * (unnormalized) features in the model's feature order.
 */
export function quantizeModel(
  model: ModelDocument,
  features: Float64Array,
  samples: number,
  options: QuantizeOptions = {},
): QuantizedModelDocument {
  const weightBits = options.weightBits ?? 8;
  const scheme = options.scheme ?? 'per-channel';
  const weightRange = options.weightRange ?? 'full';
  const observer = options.observer ?? 'minmax';
  const convention = options.convention ?? 'torch';
  if (!(WEIGHT_BITS as readonly number[]).includes(weightBits))
    throw new ParameterError(
      `quantizeModel: weightBits must be one of ${WEIGHT_BITS.join(', ')} (got ${weightBits})`,
    );
  if (scheme !== 'per-channel' && scheme !== 'per-tensor')
    throw new ParameterError(
      `quantizeModel: scheme must be per-channel or per-tensor (got ${String(scheme)})`,
    );
  if (!(INTEGER_ACTIVATIONS as readonly string[]).includes(model.architecture.activation))
    throw new ParameterError(
      `quantizeModel: the model's activation must be relu or identity for integer inference (got ${model.architecture.activation})`,
    );
  const d = model.featureNames.length;
  if (!(samples >= 1) || features.length !== samples * d)
    throw new ParameterError(
      `quantizeModel: calibration features must hold at least 1 row of ${d} values (got ${features.length} values for ${samples} rows)`,
    );
  const given = options.activationRanges;
  if (given !== undefined && given.length !== model.layers.length + 1)
    throw new ParameterError(
      `quantizeModel: activationRanges must hold ${model.layers.length + 1} ranges, the input's and each layer's (got ${given.length})`,
    );
  const observed =
    given !== undefined
      ? { input: given[0] as ActivationRangeLike, outputs: given.slice(1) }
      : calibrate(
          model,
          applyNormalization(model.normalization, features, d),
          samples,
          observer,
          options.percentile === undefined ? {} : { percentile: options.percentile },
          options.batchSize ?? 256,
        );
  const activations = unsignedRange();
  const input = affineParameters(observed.input.min, observed.input.max, activations);
  const layers: QuantizedLayer[] = model.layers.map((layer, l) => {
    const output = observed.outputs[l];
    const parameters = affineParameters(output?.min ?? NaN, output?.max ?? NaN, activations);
    return {
      ...quantizeWeights(layer.weight, weightBits, scheme, weightRange, convention),
      // + 0: no negative zero, which JSON cannot keep.
      bias: layer.bias.map((b) => Math.fround(b) + 0),
      outputScale: parameters.scale,
      outputZeroPoint: parameters.zeroPoint,
    };
  });
  const { version: _version, layers: _layers, training, ...rest } = model;
  return {
    ...rest,
    version: 2,
    quantization: {
      weightBits,
      scheme,
      weightRange,
      activationBits: 8,
      observer,
      convention,
      inputScale: input.scale,
      inputZeroPoint: input.zeroPoint,
    },
    layers,
    ...(training === undefined ? {} : { training: { ...training } }),
  };
}
