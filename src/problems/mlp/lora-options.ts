// Fine-tuning in the trainer problems: every configuration starts from a trained base model
// (`initialization.from`), with the problem's frozen layers, new head, LoRA adapters and NF4 base,
// and the space may search the LoRA settings: loraRank, loraAlpha, loraLayers, loraDropout and
// baseQuantization ("nf4" or "none"), besides learningRate and the other optimizer options.
import { resolve } from 'node:path';
import { ParameterError, ProblemError } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import type { ParameterValues } from '../../core/space.js';
import {
  fineTuningProperties,
  resolveFineTuning,
  type FineTuningTrainOptions,
} from '../../training/fine-tuning/fine-tuning-options.js';
import type { Dataset } from '../../training/data/dataset.js';
import { readModel, type ModelDocument } from '../../training/model.js';
import type { TrainOptions } from '../../training/train-options.js';

/** The fine-tuning parameters of a trainer problem. */
export interface FineTuningProblemParams extends Omit<FineTuningTrainOptions, 'merge'> {
  /** The trained model every configuration starts from (path relative to the config file). */
  initialization?: { from: string };
}

/** Space parameters that set LoRA and the base's storage. */
export const LORA_PARAMETERS = [
  'loraRank',
  'loraAlpha',
  'loraLayers',
  'loraDropout',
  'baseQuantization',
] as const;

/** True when `name` is one of {@link LORA_PARAMETERS}. */
export function isLoraParameter(name: string): boolean {
  return (LORA_PARAMETERS as readonly string[]).includes(name);
}

/** JSON Schema properties of the fine-tuning parameters of a trainer problem. */
export function fineTuningProblemProperties(): Record<string, JsonSchema> {
  const { merge: _merge, ...properties } = fineTuningProperties();
  return {
    initialization: {
      type: 'object',
      description:
        "Fine-tuning: every configuration starts from this trained model's weights (its architecture replaces model).",
      required: ['from'],
      properties: {
        from: {
          type: 'string',
          minLength: 1,
          description: 'Path of the base model.json, relative to the config file.',
        },
      },
      additionalProperties: false,
    },
    ...properties,
  };
}

/**
 * The training options every configuration of a fine-tuning problem shares: the base model (read
 * once), its architecture, and the problem's fine-tuning fields; empty without a base.
 */
export function fineTuningShared(
  params: FineTuningProblemParams,
  baseDir: string,
  where: string,
): TrainOptions {
  const from = params.initialization?.from;
  const names = (
    ['freeze', 'newHead', 'lora', 'baseQuantization', 'computePrecision'] as const
  ).filter((field) => params[field] !== undefined);
  if (from === undefined) {
    const first = names[0];
    if (first !== undefined)
      throw new ProblemError(
        `${where}: ${first} needs a base model to fine-tune; add "initialization": {"from": "model.json"}`,
      );
    return {};
  }
  const base = readModel(resolve(baseDir, from));
  const { hidden, activation } = base.architecture;
  return {
    initialModel: base,
    model: { hidden: hidden.slice(), activation },
    ...(Object.fromEntries(names.map((field) => [field, params[field]])) as FineTuningTrainOptions),
  };
}

/**
 * Refuses, before any trial, a base that does not fit the dataset (its inputs, or its classes
 * without newHead) and fine-tuning fields the trainer would refuse in every trial.
 */
export function checkFineTuningPlan(shared: TrainOptions, dataset: Dataset, where: string): void {
  const base = shared.initialModel;
  if (base === undefined) return;
  const features = dataset.featureNames.length;
  if (base.architecture.inputs !== features)
    throw new ProblemError(
      `${where}: initialization.from must be a model with ${features} inputs, the dataset's features (got ${base.architecture.inputs})`,
    );
  const classes = dataset.task === 'classification' ? dataset.classNames.length : 0;
  try {
    resolveFineTuning(shared, base, classes, shared.precision ?? 'float64');
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    throw new ProblemError(`${where}: ${error.message.replace(/^train: /, '')}`);
  }
}

/** A loraLayers choice as the trainer's `lora.layers`: "all", or layer indices as "0,1" or 1. */
export function loraLayersValue(choice: unknown): 'all' | number[] | undefined {
  if (choice === 'all') return 'all';
  if (typeof choice === 'number')
    return Number.isInteger(choice) && choice >= 0 ? [choice] : undefined;
  if (typeof choice !== 'string' || !/^\d+(,\d+)*$/.test(choice)) return undefined;
  const layers = choice.split(',').map(Number);
  return new Set(layers).size === layers.length ? layers : undefined;
}

/** `options` with the LoRA parameters of the point `x` applied. */
export function applyLoraParameters(options: TrainOptions, x: ParameterValues): TrainOptions {
  const searched = LORA_PARAMETERS.filter((name) => x[name] !== undefined);
  if (searched.length === 0) return options;
  const result: TrainOptions = { ...options };
  if (options.lora !== undefined) {
    const lora = { ...options.lora };
    if (typeof x.loraRank === 'number') lora.rank = x.loraRank;
    if (typeof x.loraAlpha === 'number') lora.alpha = x.loraAlpha;
    if (typeof x.loraDropout === 'number') lora.dropout = x.loraDropout;
    const layers = loraLayersValue(x.loraLayers);
    if (layers !== undefined) lora.layers = layers;
    result.lora = lora;
  }
  if (x.baseQuantization === 'none') {
    delete result.baseQuantization;
    delete result.computePrecision;
  } else if (x.baseQuantization === 'nf4' && options.baseQuantization === undefined) {
    result.baseQuantization = { type: 'nf4' };
  }
  return result;
}

/** Trainable parameters of the fine-tuning `options` describe, before training. */
export function fineTunedTrainableParameters(
  options: TrainOptions,
  widths: readonly number[],
): number {
  const base = options.initialModel as ModelDocument;
  const classes = widths.at(-1) as number;
  const plan = resolveFineTuning(options, base, classes, options.precision ?? 'float64');
  let count = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    if (plan === undefined || !(plan.frozen[l] ?? false)) count += (inputs + 1) * outputs;
    else count += (plan.ranks[l] ?? 0) * (inputs + outputs);
  }
  return count;
}
