// The NF4 model document (`kiln-mlp` version 3): every weight matrix in NF4 (packed codes in
// base64, block absmax as float32 numbers or double-quantized), float32 biases, beside the float
// document's architecture, normalization and names. Inference dequantizes it (bitsandbytes does
// the same per layer), so kiln predict and export read it as the float model it stands for.
import { validateAgainst } from '../../config/validate.js';
import { DataFileError } from '../../core/errors.js';
import { MODEL_SCHEMA, type ModelDocument } from '../model.js';
import { dequantizeNf4, nf4Bytes, quantizeNf4, type Nf4Tensor } from './nf4.js';

/** One NF4 layer as stored. */
export interface Nf4Layer {
  /** Two codes per byte, first in the high nibble, base64. */
  packed: string;
  /** Float32 absmax per block (without double quantization). */
  absmax?: number[];
  /** Double-quantized absmax: 8-bit codes (base64), their float32 block absmax and mean. */
  scales?: { offset: number; blockSize: number; codes: string; absmax: number[] };
  bias: number[];
}

/** The JSON document of an NF4 model. */
export interface Nf4ModelDocument extends Omit<ModelDocument, 'version' | 'layers'> {
  version: 3;
  quantization: { type: 'nf4'; blockSize: number; doubleQuantization: boolean };
  layers: Nf4Layer[];
}

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** `model` with its weights in NF4. */
export function quantizeModelNf4(
  model: ModelDocument,
  options: { blockSize?: number; doubleQuantization?: boolean } = {},
): Nf4ModelDocument {
  const blockSize = options.blockSize ?? 64;
  const doubleQuantization = options.doubleQuantization ?? true;
  const layers = model.layers.map((layer): Nf4Layer => {
    const tensor = quantizeNf4(layer.weight.flat(), { blockSize, doubleQuantization });
    const s = tensor.scales;
    return {
      packed: toBase64(tensor.packed),
      ...(tensor.absmax === undefined ? {} : { absmax: Array.from(tensor.absmax) }),
      ...(s === undefined
        ? {}
        : {
            scales: {
              offset: s.offset,
              blockSize: s.blockSize,
              codes: toBase64(s.codes),
              absmax: Array.from(s.absmax),
            },
          }),
      bias: layer.bias.map(Math.fround),
    };
  });
  return {
    ...model,
    version: 3,
    precision: 'float32',
    quantization: { type: 'nf4', blockSize, doubleQuantization },
    layers,
  };
}

function tensorOf(layer: Nf4Layer, length: number, blockSize: number): Nf4Tensor {
  const tensor: Nf4Tensor = { length, blockSize, packed: fromBase64(layer.packed) };
  if (layer.absmax !== undefined) tensor.absmax = Float32Array.from(layer.absmax);
  if (layer.scales !== undefined)
    tensor.scales = {
      ...layer.scales,
      codes: fromBase64(layer.scales.codes),
      absmax: Float32Array.from(layer.scales.absmax),
    };
  return tensor;
}

/** The float model an NF4 document stands for (its dequantized weights). */
export function dequantizeModelNf4(model: Nf4ModelDocument): ModelDocument {
  const a = model.architecture;
  const widths = [a.inputs, ...a.hidden, a.outputs];
  const layers = model.layers.map((layer, l) => {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    const values = dequantizeNf4(tensorOf(layer, inputs * outputs, model.quantization.blockSize));
    const weight = Array.from({ length: outputs }, (_, o) =>
      Array.from(values.subarray(o * inputs, (o + 1) * inputs)),
    );
    return { weight, bias: layer.bias };
  });
  const { quantization, ...rest } = model;
  return { ...rest, version: 1, layers, training: { ...model.training, quantization } };
}

/** Parameter bytes of an NF4 model: the NF4 storage of every weight matrix plus float32 biases. */
export function nf4ModelBytes(model: Nf4ModelDocument): number {
  const a = model.architecture;
  const widths = [a.inputs, ...a.hidden, a.outputs];
  const { blockSize, doubleQuantization } = model.quantization;
  let bytes = 0;
  for (let l = 0; l + 1 < widths.length; l++)
    bytes +=
      nf4Bytes((widths[l] as number) * (widths[l + 1] as number), blockSize, doubleQuantization) +
      4 * (widths[l + 1] as number);
  return bytes;
}

const SCHEMA = {
  type: 'object',
  required: [...MODEL_SCHEMA.required, 'quantization'],
  properties: {
    ...MODEL_SCHEMA.properties,
    version: { const: 3 },
    quantization: {
      type: 'object',
      required: ['type', 'blockSize', 'doubleQuantization'],
      properties: {
        type: { const: 'nf4' },
        blockSize: { enum: [32, 64, 128, 256, 512, 1024, 2048, 4096] },
        doubleQuantization: { type: 'boolean' },
      },
    },
    layers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['packed', 'bias'],
        properties: {
          packed: { type: 'string' },
          bias: { type: 'array', items: { type: 'number' } },
        },
      },
    },
  },
};

/** Checks a parsed NF4 model document and returns the float model it stands for. */
export function checkNf4Model(data: unknown, source: string): ModelDocument {
  const issues = validateAgainst(SCHEMA, data);
  if (issues.length > 0) {
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`)
      .join('; ');
    throw new DataFileError(source, undefined, `is not a kiln NF4 model: ${first}`);
  }
  const model = data as Nf4ModelDocument;
  const a = model.architecture;
  const widths = [a.inputs, ...a.hidden, a.outputs];
  if (model.layers.length !== widths.length - 1)
    throw new DataFileError(
      source,
      undefined,
      `layers must hold ${widths.length - 1} layers for ${widths.join('-')} (got ${model.layers.length})`,
    );
  model.layers.forEach((layer, l) => {
    const count = (widths[l] as number) * (widths[l + 1] as number);
    const blocks = Math.ceil(count / model.quantization.blockSize);
    const packed = Buffer.from(layer.packed, 'base64').length;
    if (packed !== Math.ceil(count / 2))
      throw new DataFileError(
        source,
        undefined,
        `/layers/${l}/packed must hold ${Math.ceil(count / 2)} bytes (got ${packed})`,
      );
    const scales = model.quantization.doubleQuantization ? layer.scales?.codes : undefined;
    const absmax =
      scales === undefined ? layer.absmax?.length : Buffer.from(scales, 'base64').length;
    if (absmax !== blocks)
      throw new DataFileError(
        source,
        undefined,
        `/layers/${l} must hold ${blocks} block scales (${model.quantization.doubleQuantization ? 'scales.codes' : 'absmax'}) (got ${absmax ?? 'none'})`,
      );
    if (layer.bias.length !== widths[l + 1])
      throw new DataFileError(
        source,
        undefined,
        `/layers/${l}/bias must hold ${widths[l + 1]} numbers (got ${layer.bias.length})`,
      );
  });
  return dequantizeModelNf4(model);
}
