// The adapter document (`kiln-adapter`): what a fine-tuning run trained (LoRA A and B, and any
// trained layer such as a new head) without the frozen base, which it names by a content hash;
// merging it onto that base gives a complete model. Reading and checking it.
import { createHash } from 'node:crypto';
import { validateAgainst } from '../../config/validate.js';
import { DataFileError } from '../../core/errors.js';
import { MODEL_SCHEMA, readModelJson, type ModelDocument } from '../model.js';
import type { Architecture, LayerWeights } from '../network.js';
import { dequantizeNf4, quantizeNf4 } from '../nf4/nf4.js';
import type { BaseQuantizationOptions } from './fine-tuning-options.js';
import type { AdapterWeights, ComputePrecision } from './adapted-network-options.js';
import { mergeLayer } from './lora.js';

/** The JSON document of a fine-tuning run's trained parameters. */
export interface AdapterDocument extends Omit<ModelDocument, 'format' | 'version' | 'layers'> {
  format: 'kiln-adapter';
  version: 1;
  /** The base model: its content hash ("sha256:<hex>") and shape. */
  base: { contentHash: string; network: string };
  lora: { rank: number; alpha: number; dropout: number; rsLora: boolean; layers: number[] } | null;
  baseQuantization: BaseQuantizationOptions | null;
  computePrecision: ComputePrecision;
  adapters: AdapterWeights[];
  /** Layers trained whole (a new head, unfrozen layers), by index. */
  layers: { layer: number; weight: number[][]; bias: number[] }[];
}

const shapeOf = (a: Architecture): string => [a.inputs, ...a.hidden, a.outputs].join('-');

/** "sha256:<hex>" of a model's architecture and weights (what an adapter depends on). */
export function modelContentHash(model: ModelDocument): string {
  const { inputs, hidden, outputs, activation, negativeSlope } = model.architecture;
  const content = JSON.stringify({
    network: [inputs, ...hidden, outputs],
    activation,
    negativeSlope,
    layers: model.layers,
  });
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

const numbers = { type: 'array', items: { type: 'number' } };
const matrix = { type: 'array', items: numbers };
const ADAPTER_SCHEMA = {
  type: 'object',
  required: [
    'format',
    'version',
    'base',
    'task',
    'featureNames',
    'classNames',
    'architecture',
    'normalization',
    'adapters',
    'layers',
  ],
  properties: {
    ...MODEL_SCHEMA.properties,
    format: { const: 'kiln-adapter' },
    version: { const: 1 },
    base: {
      type: 'object',
      required: ['contentHash', 'network'],
      properties: {
        contentHash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        network: { type: 'string' },
      },
    },
    adapters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['layer', 'rank', 'scaling', 'a', 'b'],
        properties: {
          layer: { type: 'integer', minimum: 0 },
          rank: { type: 'integer', minimum: 1 },
          scaling: { type: 'number' },
          a: numbers,
          b: numbers,
        },
      },
    },
    layers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['layer', 'weight', 'bias'],
        properties: { layer: { type: 'integer', minimum: 0 }, weight: matrix, bias: numbers },
      },
    },
  },
};

/** Checks a parsed adapter document; errors name `source` and the JSON path. */
export function checkAdapter(data: unknown, source: string): AdapterDocument {
  const issues = validateAgainst(ADAPTER_SCHEMA, data);
  if (issues.length > 0) {
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`)
      .join('; ');
    throw new DataFileError(source, undefined, `is not a kiln adapter: ${first}`);
  }
  const adapter = data as AdapterDocument;
  const a = adapter.architecture;
  const widths = [a.inputs, ...a.hidden, a.outputs];
  adapter.adapters.forEach((x, i) => {
    const inputs = widths[x.layer] as number;
    const outputs = widths[x.layer + 1] as number;
    if (outputs === undefined)
      throw new DataFileError(
        source,
        undefined,
        `/adapters/${i}/layer must be below ${widths.length - 1} (got ${x.layer})`,
      );
    if (x.a.length !== x.rank * inputs || x.b.length !== outputs * x.rank)
      throw new DataFileError(
        source,
        undefined,
        `/adapters/${i} must hold a of ${x.rank * inputs} and b of ${outputs * x.rank} numbers (got ${x.a.length} and ${x.b.length})`,
      );
  });
  adapter.layers.forEach((x, i) => {
    const inputs = widths[x.layer] as number;
    const outputs = widths[x.layer + 1] as number;
    if (
      outputs === undefined ||
      x.weight.length !== outputs ||
      x.weight.some((row) => row.length !== inputs) ||
      x.bias.length !== outputs
    )
      throw new DataFileError(
        source,
        undefined,
        `/layers/${i} must be layer ${x.layer}'s ${outputs} rows of ${inputs} weights and ${outputs} biases`,
      );
  });
  return adapter;
}

/** Reads and checks an adapter file. */
export function readAdapter(path: string): AdapterDocument {
  return checkAdapter(readModelJson(path), path);
}

/** The base's weight of layer `l` as the adapter was trained on it (the NF4 round trip for QLoRA). */
function trainedBase(
  layer: LayerWeights,
  quantization: BaseQuantizationOptions | null,
  float32: boolean,
): LayerWeights {
  if (quantization === null)
    return float32
      ? { weight: layer.weight.map((row) => row.map(Math.fround)), bias: layer.bias }
      : layer;
  const inputs = layer.weight[0]?.length ?? 0;
  const values = dequantizeNf4(quantizeNf4(layer.weight.flat(), quantization));
  const weight = layer.weight.map((_, o) =>
    Array.from(values.subarray(o * inputs, (o + 1) * inputs)),
  );
  return { weight, bias: layer.bias };
}

/**
 * The merged model: the base's layers with the adapters added (W0 + s·B·A in float64; a QLoRA
 * adapter merges onto the NF4-dequantized base it was trained on) and the trained layers put in.
 * Refuses a base whose content hash is not the adapter's (`source` names the adapter file).
 */
export function mergeAdapter(
  base: ModelDocument,
  adapter: AdapterDocument,
  source = 'adapter',
): ModelDocument {
  const hash = modelContentHash(base);
  if (hash !== adapter.base.contentHash)
    throw new DataFileError(
      source,
      undefined,
      `base.contentHash must be the hash of the base model, ${hash} (${shapeOf(base.architecture)}) (got ${adapter.base.contentHash}, ${adapter.base.network}): this adapter was trained on another model`,
    );
  const float32 = adapter.precision === 'float32';
  const trained = new Map(adapter.layers.map((x) => [x.layer, x]));
  const adapters = new Map(adapter.adapters.map((x) => [x.layer, x]));
  const layers = base.layers.map((layer, l): LayerWeights => {
    const whole = trained.get(l);
    if (whole !== undefined) return { weight: whole.weight, bias: whole.bias };
    const x = adapters.get(l);
    const frozen = trainedBase(layer, adapter.baseQuantization, float32);
    if (x === undefined) return frozen;
    return mergeLayer(frozen, x.a, x.b, x.rank, x.scaling, float32).merged;
  });
  const {
    format: _f,
    version: _v,
    base: _b,
    lora,
    baseQuantization,
    computePrecision: _c,
    adapters: _a,
    layers: _l,
    training,
    ...rest
  } = adapter;
  return {
    ...rest,
    format: 'kiln-mlp',
    version: 1,
    layers,
    training: { ...training, base: adapter.base, merged: { lora, baseQuantization } },
  };
}
