// Fine-tuning in the trainer problems: every configuration starts from a trained base model
// (`initialization.from`), with the problem's frozen layers, new head, LoRA adapters and NF4 base,
// and the space may search the LoRA settings: loraRank, loraAlpha, loraLayers, loraDropout and
// baseQuantization ("nf4" or "none"), besides learningRate and the other optimizer options.
import { resolve } from 'node:path';
import { ParameterError, ProblemError, describeValue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import type { ParameterSpec, ParameterValues } from '../../core/space.js';
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

// Space parameters that would change the base's shape or weights, which a base model fixes.
const SHAPE_PARAMETERS = /^(layers|width[1-8]|activation|initialization)$/;

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
 * Refuses a space that cannot fine-tune `base`: LoRA parameters without the problem's `lora`
 * (or without a base), parameters that would change the base's shape, and bounds or choices
 * outside what LoRA and NF4 accept.
 */
export function checkFineTuningSpace(
  parameters: Record<string, ParameterSpec>,
  shared: TrainOptions,
  where: string,
): void {
  const names = Object.keys(parameters);
  const base = shared.initialModel;
  const lora = names.filter(isLoraParameter);
  if (base === undefined) {
    if (lora.length > 0)
      throw new ProblemError(
        `${where}: space parameter(s) ${lora.join(', ')} need a base model to fine-tune; add "initialization": {"from": "model.json"} and "lora": {} to the problem`,
      );
    return;
  }
  const shape = names.filter((name) => SHAPE_PARAMETERS.test(name));
  if (shape.length > 0)
    throw new ProblemError(
      `${where}: space parameter(s) ${shape.join(', ')} must not be searched when fine-tuning, since the base model fixes the network; remove them (or initialization.from)`,
    );
  const adapting = lora.filter((name) => name !== 'baseQuantization');
  if (adapting.length > 0 && shared.lora === undefined)
    throw new ProblemError(
      `${where}: space parameter(s) ${adapting.join(', ')} need the problem's lora option; add "lora": {} (PEFT's defaults: rank 8, alpha 8)`,
    );
  const at = (name: string): string => `${where}: space.${name}`;
  const spec = (name: string): ParameterSpec | undefined => parameters[name];
  checkNumbers(spec('loraRank'), at('loraRank'), 'integers of at least 1', (v) =>
    Number.isInteger(v) ? v >= 1 : false,
  );
  checkNumbers(spec('loraAlpha'), at('loraAlpha'), 'numbers above 0', (v) => v > 0);
  checkNumbers(spec('loraDropout'), at('loraDropout'), 'numbers in [0, 1)', (v) => v >= 0 && v < 1);
  const layers = spec('loraLayers');
  if (layers !== undefined)
    checkLayerChoices(layers, base, shared.newHead === true, at('loraLayers'));
  const quantization = spec('baseQuantization');
  if (quantization !== undefined) {
    const choices = categoricalChoices(quantization, at('baseQuantization'));
    const bad = choices.find((c) => c !== 'nf4' && c !== 'none');
    if (bad !== undefined)
      throw new ProblemError(
        `${at('baseQuantization')}: choices must be "nf4" or "none" (got ${describeValue(bad)})`,
      );
    if (shared.computePrecision === 'bfloat16' && choices.includes('none'))
      throw new ProblemError(
        `${at('baseQuantization')}: choices must not include "none" with computePrecision bfloat16, which needs an NF4 base (got ${describeValue(choices)})`,
      );
  }
}

/** The bounds (numeric specs) or choices (categorical) of a numeric LoRA parameter, checked. */
function checkNumbers(
  spec: ParameterSpec | undefined,
  where: string,
  constraint: string,
  valid: (value: number) => boolean,
): void {
  if (spec === undefined) return;
  const values =
    spec.type === 'real' || spec.type === 'integer'
      ? [spec.low, spec.high]
      : categoricalChoices(spec, where);
  const bad = values.find((v) => typeof v !== 'number' || !valid(v));
  if (bad !== undefined)
    throw new ProblemError(
      `${where}: ${spec.type === 'categorical' ? 'choices' : 'bounds'} must be ${constraint} (got ${describeValue(bad)})`,
    );
}

function categoricalChoices(spec: ParameterSpec, where: string): unknown[] {
  if (spec.type !== 'categorical')
    throw new ProblemError(`${where}: type must be categorical (got ${describeValue(spec.type)})`);
  return spec.choices;
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

function checkLayerChoices(
  spec: ParameterSpec,
  base: ModelDocument,
  newHead: boolean,
  where: string,
): void {
  // A new head is trained whole; only the layers below it can carry an adapter.
  const count = base.layers.length - (newHead ? 1 : 0);
  for (const choice of categoricalChoices(spec, where)) {
    const layers = loraLayersValue(choice);
    if (layers === undefined || (layers !== 'all' && layers.some((l) => l >= count)))
      throw new ProblemError(
        `${where}: choices must be "all" or distinct layer indices below ${count} such as "0" or "0,1" (got ${describeValue(choice)})`,
      );
  }
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
