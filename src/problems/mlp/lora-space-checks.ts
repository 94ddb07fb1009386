// The checks of a fine-tuning problem's space, before any trial: LoRA parameters need a base and
// the problem's lora, shape parameters are refused beside a base, and the bounds or choices of
// loraRank, loraAlpha, loraDropout, loraLayers and baseQuantization must be ones LoRA and NF4 take.
import { ProblemError, describeValue } from '../../core/errors.js';
import type { ParameterSpec } from '../../core/space.js';
import type { ModelDocument } from '../../training/model.js';
import type { TrainOptions } from '../../training/train-options.js';
import { isLoraParameter, loraLayersValue } from './lora-options.js';

// Space parameters that would change the base's shape or weights, which a base model fixes.
const SHAPE_PARAMETERS = /^(layers|width[1-8]|activation|initialization)$/;

/**
 * A problem's default space for fine-tuning: without `initialization`, which the base's weights
 * replace. A default space that searches the network's shape cannot fine-tune at all: refused,
 * asking for a space.
 */
export function fineTuningDefaultSpace(
  defaultSpace: Record<string, ParameterSpec>,
  where: string,
): Record<string, ParameterSpec> {
  const shape = Object.keys(defaultSpace).filter(
    (name) => SHAPE_PARAMETERS.test(name) && name !== 'initialization',
  );
  if (shape.length > 0)
    throw new ProblemError(
      `${where}: the default space searches the network's shape (${shape.join(', ')}), which the base model fixes when fine-tuning; give a space of other parameters, or remove initialization.from`,
    );
  const { initialization: _initialization, ...space } = defaultSpace;
  return space;
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
