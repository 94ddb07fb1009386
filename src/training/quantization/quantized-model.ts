// The quantized model document (`kiln-mlp` version 2): integer weights with float32 scales,
// float32 biases, and the 8-bit parameters of the input and of every layer's output, beside the
// float document's architecture, normalization and names. Checking it before use.
import { validateAgainst } from '../../config/validate.js';
import { DataFileError } from '../../core/errors.js';
import { MODEL_SCHEMA, type ModelDocument } from '../model.js';
import type { ObserverKind } from './observers.js';
import { OBSERVER_KINDS } from './observers.js';
import { signedRange, type RoundingConvention, type WeightBits, WEIGHT_BITS } from './ranges.js';

/** Per output row (PyTorch's per-channel) or one scale for the whole matrix. */
export type WeightScheme = 'per-channel' | 'per-tensor';

/** Signed range of the weight codes: full (-2^(b-1)..) or narrow (symmetric). */
export type WeightRange = 'full' | 'narrow';

/** How a model was quantized, and the 8-bit parameters of its input. */
export interface QuantizationSettings {
  weightBits: WeightBits;
  scheme: WeightScheme;
  weightRange: WeightRange;
  /** Activations are unsigned 8-bit, affine. */
  activationBits: 8;
  observer: ObserverKind | 'qat';
  /** Rounding of quantization and requantization (see RoundingConvention). */
  convention: RoundingConvention;
  /** Scale and zero point of the normalized input. */
  inputScale: number;
  inputZeroPoint: number;
}

/** One quantized dense layer. */
export interface QuantizedLayer {
  /** Integer codes, [out][in] (zero points 0: symmetric). */
  weight: number[][];
  /** One float32 scale per output row (per-channel) or one (per-tensor). */
  weightScale: number[];
  /** Float32 bias, added in the requantization. */
  bias: number[];
  /** 8-bit parameters of the layer's output (after a fused ReLU on hidden layers). */
  outputScale: number;
  outputZeroPoint: number;
}

/** The JSON document of a quantized model. */
export interface QuantizedModelDocument extends Omit<ModelDocument, 'version' | 'layers'> {
  version: 2;
  quantization: QuantizationSettings;
  layers: QuantizedLayer[];
}

/** A float or quantized model document. */
export type AnyModelDocument = ModelDocument | QuantizedModelDocument;

/** True when `model` is a quantized document. */
export function isQuantized(model: AnyModelDocument): model is QuantizedModelDocument {
  return model.version === 2;
}

/** Activations integer inference supports (a monotone function that fuses into the clamp). */
export const INTEGER_ACTIVATIONS = ['relu', 'identity'] as const;

const positive = { type: 'number', exclusiveMinimum: 0 };
const code = { type: 'integer', minimum: 0, maximum: 255 };
const float = MODEL_SCHEMA.properties;

const QUANTIZED_SCHEMA = {
  type: 'object',
  required: [...MODEL_SCHEMA.required, 'quantization'],
  properties: {
    ...float,
    version: { const: 2 },
    quantization: {
      type: 'object',
      required: [
        'weightBits',
        'scheme',
        'weightRange',
        'activationBits',
        'observer',
        'convention',
        'inputScale',
        'inputZeroPoint',
      ],
      properties: {
        weightBits: { enum: WEIGHT_BITS },
        scheme: { enum: ['per-channel', 'per-tensor'] },
        weightRange: { enum: ['full', 'narrow'] },
        activationBits: { const: 8 },
        observer: { enum: [...OBSERVER_KINDS, 'qat'] },
        convention: { enum: ['torch', 'onnx'] },
        inputScale: positive,
        inputZeroPoint: code,
      },
    },
    layers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['weight', 'weightScale', 'bias', 'outputScale', 'outputZeroPoint'],
        properties: {
          weight: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
          weightScale: { type: 'array', items: positive, minItems: 1 },
          bias: { type: 'array', items: { type: 'number' } },
          outputScale: positive,
          outputZeroPoint: code,
        },
      },
    },
  },
};

function fail(source: string, message: string): never {
  throw new DataFileError(source, undefined, message);
}

/** Checks a parsed quantized model document; errors name `source`, the JSON path and the fix. */
export function checkQuantizedModel(data: unknown, source: string): QuantizedModelDocument {
  const issues = validateAgainst(QUANTIZED_SCHEMA, data);
  if (issues.length > 0) {
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`)
      .join('; ');
    fail(source, `is not a kiln quantized model: ${first}`);
  }
  const model = data as QuantizedModelDocument;
  const { architecture, quantization } = model;
  const d = model.featureNames.length;
  if (architecture.inputs !== d)
    fail(
      source,
      `architecture.inputs must equal the number of featureNames, ${d} (got ${architecture.inputs})`,
    );
  if (model.normalization.shift.length !== d || model.normalization.scale.length !== d)
    fail(source, `normalization must hold ${d} shifts and scales`);
  if (!(INTEGER_ACTIVATIONS as readonly string[]).includes(architecture.activation))
    fail(
      source,
      `architecture.activation must be relu or identity in a quantized model (got ${architecture.activation})`,
    );
  const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
  if (model.layers.length !== widths.length - 1)
    fail(
      source,
      `layers must hold ${widths.length - 1} layers for ${widths.join('-')} (got ${model.layers.length})`,
    );
  const range = signedRange(quantization.weightBits, quantization.weightRange === 'narrow');
  model.layers.forEach((layer, l) => {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    const where = `/layers/${l}`;
    if (layer.weight.length !== outputs || layer.weight.some((row) => row.length !== inputs))
      fail(source, `${where}/weight must be ${outputs} rows of ${inputs} integers`);
    if (layer.bias.length !== outputs)
      fail(source, `${where}/bias must hold ${outputs} numbers (got ${layer.bias.length})`);
    const scales = quantization.scheme === 'per-channel' ? outputs : 1;
    if (layer.weightScale.length !== scales)
      fail(
        source,
        `${where}/weightScale must hold ${scales} scales for ${quantization.scheme} (got ${layer.weightScale.length})`,
      );
    layer.weight.forEach((row, o) => {
      const bad = row.findIndex((q) => q < range.min || q > range.max);
      if (bad >= 0)
        fail(
          source,
          `${where}/weight/${o}/${bad} must be an integer in ${range.min}..${range.max} for ${quantization.weightBits}-bit weights (got ${row[bad]})`,
        );
    });
  });
  return model;
}

/**
 * Parameter bytes of one dense layer, the reference formula: float32, 4·(in·out + out); with
 * `bits`-bit weights, in·out·bits/8 rounded up, plus 4 per float32 bias and per weight scale.
 */
export function layerBytes(inputs: number, outputs: number, bits?: number, scales = 0): number {
  if (bits === undefined) return 4 * (inputs * outputs + outputs);
  return Math.ceil((inputs * outputs * bits) / 8) + 4 * outputs + 4 * scales;
}

/** Parameter bytes of a float model: 4 per float32 weight and bias. */
export function floatModelBytes(model: ModelDocument | QuantizedModelDocument): number {
  const a = model.architecture;
  const widths = [a.inputs, ...a.hidden, a.outputs];
  let bytes = 0;
  for (let l = 0; l + 1 < widths.length; l++)
    bytes += layerBytes(widths[l] as number, widths[l + 1] as number);
  return bytes;
}

/** Parameter bytes of a quantized model ({@link layerBytes} with its bits and scales). */
export function quantizedModelBytes(model: QuantizedModelDocument): number {
  const bits = model.quantization.weightBits;
  return model.layers.reduce(
    (sum, layer) =>
      sum +
      layerBytes(layer.weight[0]?.length ?? 0, layer.weight.length, bits, layer.weightScale.length),
    0,
  );
}

/** Parameter bytes of either kind of model. */
export function modelBytes(model: AnyModelDocument): number {
  return isQuantized(model) ? quantizedModelBytes(model) : floatModelBytes(model);
}
