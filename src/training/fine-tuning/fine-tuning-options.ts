// The fine-tuning fields of the training options (`freeze`, `newHead`, `lora`, `merge`,
// `baseQuantization`, `computePrecision`): types, defaults (PEFT's for LoRA: r 8, alpha 8,
// dropout 0), JSON Schema, and their resolution against the base model and the dataset.
import { OptionError, ParameterError, describeValue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import type { ModelDocument } from '../model.js';
import type { ComputePrecision } from './adapted-network-options.js';

/**
 * The largest LoRA rank: a layer's extended matrix [[W, s·B], [A, 0]] holds at least rank²
 * elements, and past 2^15 those alone outgrow WebAssembly's 4 GiB.
 */
export const MAX_LORA_RANK = 32768;

/** LoRA settings. */
export interface LoraOptions {
  /** @defaultValue 8 */
  rank: number;
  /** @defaultValue 8 */
  alpha: number;
  /** Dropout on the adapters' input. @defaultValue 0 */
  dropout: number;
  /** Layers (0-based) that get an adapter. @defaultValue "all" */
  layers: 'all' | number[];
  /** Scaling alpha / sqrt(rank) instead of alpha / rank. @defaultValue false */
  rsLora: boolean;
}

/** The frozen base stored in 4 bits. */
export interface BaseQuantizationOptions {
  type: 'nf4';
  /** @defaultValue 64 */
  blockSize: number;
  /** @defaultValue true */
  doubleQuantization: boolean;
}

/** The fine-tuning fields as given. */
export interface FineTuningTrainOptions {
  freeze?: 'all' | number[];
  newHead?: boolean;
  lora?: Partial<LoraOptions>;
  merge?: boolean;
  baseQuantization?: Partial<BaseQuantizationOptions> & { type: 'nf4' };
  computePrecision?: ComputePrecision;
}

/** The resolved plan: what each layer of the base does. */
export interface ResolvedFineTuning {
  /** Per layer: frozen (possibly with an adapter) or trained. */
  frozen: boolean[];
  /** Per layer: LoRA rank (0: none). */
  ranks: number[];
  newHead: boolean;
  lora: (Omit<LoraOptions, 'layers'> & { layers: number[]; scaling: number }) | undefined;
  merge: boolean;
  baseQuantization: BaseQuantizationOptions | undefined;
  computePrecision: ComputePrecision;
}

const LORA_DEFAULTS = { rank: 8, alpha: 8, dropout: 0, layers: 'all' as const, rsLora: false };

const layerList = (description: string): JsonSchema => ({
  anyOf: [
    { const: 'all' },
    { type: 'array', items: { type: 'integer', minimum: 0 }, uniqueItems: true },
  ],
  description,
});

/** JSON Schema properties of the fine-tuning fields. */
export function fineTuningProperties(): Record<string, JsonSchema> {
  return {
    freeze: layerList(
      'Fine-tuning: base layers (0-based) whose weights stay fixed, or "all" (default: none; with lora every base layer).',
    ),
    newHead: {
      type: 'boolean',
      description:
        "Fine-tuning: replace the base's output layer by a freshly initialized, trained one sized for this dataset's classes (default false).",
    },
    lora: {
      type: 'object',
      description:
        'LoRA adapters on frozen base layers: y = W x + b + (alpha / rank) B A x, A uniform in +-1/sqrt(inputs), B zero.',
      properties: {
        rank: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_LORA_RANK,
          description: `Rank r of B A (default 8; at most ${MAX_LORA_RANK}).`,
        },
        alpha: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'Scaling numerator (default 8).',
        },
        dropout: {
          type: 'number',
          minimum: 0,
          exclusiveMaximum: 1,
          description: "Dropout on the adapters' input (default 0).",
        },
        layers: layerList('Layers (0-based) with an adapter (default "all": every base layer).'),
        rsLora: {
          type: 'boolean',
          description: 'Rank-stabilized scaling alpha / sqrt(rank) (default false).',
        },
      },
      additionalProperties: false,
    },
    merge: {
      type: 'boolean',
      description:
        'With lora: also write the merged model (W + s B A, in float64) as model.json (default false).',
    },
    baseQuantization: {
      type: 'object',
      description: 'QLoRA: the frozen base stored in NF4 and dequantized on the fly in every pass.',
      required: ['type'],
      properties: {
        type: { const: 'nf4', description: '4-bit NormalFloat (bitsandbytes).' },
        blockSize: {
          enum: [32, 64, 128, 256, 512, 1024, 2048, 4096],
          description: 'Weights per absmax block (default 64).',
        },
        doubleQuantization: {
          type: 'boolean',
          description: 'Code the block absmax values in 8 bits (default true).',
        },
      },
      additionalProperties: false,
    },
    computePrecision: {
      enum: ['float32', 'bfloat16'],
      description:
        'With baseQuantization: bfloat16 rounds the dequantized weights, adapters and every layer input and output to bfloat16 (emulated; needs precision float32) (default float32).',
    },
  };
}

/** True when `options` asks for any fine-tuning beyond starting from a model's weights. */
export function wantsFineTuning(options: FineTuningTrainOptions): boolean {
  return (
    options.lora !== undefined ||
    options.freeze !== undefined ||
    options.newHead === true ||
    options.baseQuantization !== undefined
  );
}

function layerIndices(value: 'all' | number[], count: number, field: string): number[] {
  if (value === 'all') return Array.from({ length: count }, (_, i) => i);
  const bad = value.find((i) => i >= count);
  const at = value.indexOf(bad as number);
  if (bad !== undefined)
    throw new OptionError(
      'train',
      `/${field.replace('.', '/')}/${at}`,
      `must be a layer index below ${count}, the base's layer count (got ${bad})`,
    );
  return value.slice();
}

/**
 * The fine-tuning plan of `options` for `base` on a dataset of `classes` classes (0: regression);
 * undefined when only the weights are reused (full fine-tuning).
 */
export function resolveFineTuning(
  options: FineTuningTrainOptions,
  base: ModelDocument | undefined,
  classes: number,
  precision: string,
): ResolvedFineTuning | undefined {
  const asked = (
    ['lora', 'freeze', 'newHead', 'merge', 'baseQuantization', 'computePrecision'] as const
  ).find((field) => options[field] !== undefined);
  if (base === undefined) {
    if (asked !== undefined)
      throw new ParameterError(
        `train: ${asked} needs a base model to fine-tune (initialization.from in a config, initialModel in train())`,
      );
    return undefined;
  }
  const count = base.layers.length;
  const outputs = base.architecture.outputs;
  const newHead = options.newHead === true;
  if (
    !newHead &&
    classes > 0 &&
    base.task === 'classification' &&
    classes !== outputs &&
    !(classes === 2 && outputs === 1)
  )
    throw new ParameterError(
      `train: the dataset has ${classes} classes but the base model has ${outputs} outputs; set newHead: true to replace the output layer`,
    );
  if (options.merge === true && options.lora === undefined)
    throw new ParameterError('train: merge needs lora (there is no adapter to merge otherwise)');
  if (
    options.computePrecision === 'bfloat16' &&
    (options.baseQuantization === undefined || precision !== 'float32')
  )
    throw new ParameterError(
      `train: computePrecision bfloat16 needs baseQuantization and precision float32 (got ${options.baseQuantization === undefined ? 'no baseQuantization' : `precision ${precision}`})`,
    );
  if (!wantsFineTuning(options)) return undefined;
  const head = count - 1;
  const lora = options.lora === undefined ? undefined : { ...LORA_DEFAULTS, ...options.lora };
  const baseLayers = newHead ? head : count;
  const adapted = lora === undefined ? [] : layerIndices(lora.layers, baseLayers, 'lora.layers');
  if (lora !== undefined && Array.isArray(lora.layers) && newHead && lora.layers.includes(head))
    throw new OptionError(
      'train',
      '/lora/layers',
      `must not include the new head (layer ${head}), which is trained whole`,
    );
  const freezeDefault = lora === undefined ? [] : 'all';
  const frozenList = layerIndices(options.freeze ?? freezeDefault, baseLayers, 'freeze');
  if (Array.isArray(options.freeze) && newHead && options.freeze.includes(head))
    throw new OptionError(
      'train',
      '/freeze',
      `must not include the new head (layer ${head}), which replaces the base's`,
    );
  const frozen = Array.from({ length: count }, (_, l) =>
    l === head && newHead ? false : frozenList.includes(l) || adapted.includes(l),
  );
  if (frozen.every(Boolean) && adapted.length === 0)
    throw new OptionError(
      'train',
      options.freeze === undefined ? '/lora/layers' : '/freeze',
      `leaves nothing to train (got ${describeValue(options.freeze ?? lora?.layers)})`,
      'add newHead, lora, or unfreeze a layer',
    );
  const ranks = Array.from({ length: count }, (_, l) =>
    lora !== undefined && adapted.includes(l) ? lora.rank : 0,
  );
  const quantization = options.baseQuantization;
  return {
    frozen,
    ranks,
    newHead,
    lora:
      lora === undefined
        ? undefined
        : {
            ...lora,
            layers: adapted,
            scaling: lora.rsLora ? lora.alpha / Math.sqrt(lora.rank) : lora.alpha / lora.rank,
          },
    merge: options.merge === true,
    baseQuantization:
      quantization === undefined
        ? undefined
        : {
            type: 'nf4',
            blockSize: quantization.blockSize ?? 64,
            doubleQuantization: quantization.doubleQuantization ?? true,
          },
    computePrecision: options.computePrecision ?? 'float32',
  };
}
