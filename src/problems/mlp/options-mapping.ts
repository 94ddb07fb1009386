// From a point of a hyperparameter or architecture space to the trainer's options: every
// parameter name a space may use, and where it goes.
import { ProblemError } from '../../core/errors.js';
import type { ParameterValues } from '../../core/space.js';
import type { TrainOptions } from '../../training/train-options.js';
import { LORA_PARAMETERS, applyLoraParameters, isLoraParameter } from './lora-options.js';

/** Parameters that become optimizer options, under the same names as in `kiln train` configs. */
export const OPTIMIZER_OPTIONS = [
  'learningRate',
  'momentum',
  'dampening',
  'nesterov',
  'weightDecay',
  'lrDecay',
  'initialAccumulatorValue',
  'epsilon',
  'rho',
  'alpha',
  'centered',
  'beta1',
  'beta2',
  'amsgrad',
  'momentumDecay',
];

// Parameters of the training loop and the network.
const TRAINING_OPTIONS = [
  'optimizer',
  'batchSize',
  'epochs',
  'patience',
  'initialization',
  'learningRateSchedule',
  'l2',
  'dropout',
  'activation',
  'layers',
  // Distillation (with the problem's `distillation` option); `alpha` is RMSprop's, hence the prefix.
  'temperature',
  'distillationAlpha',
  // Quantization (with the problem's `quantization` option; see compression-options.ts).
  'weightBits',
  'weightScheme',
];

/** Every parameter name a trainer-backed space may use (`width1`..`width8` too). */
export function knownParameter(name: string): boolean {
  return (
    OPTIMIZER_OPTIONS.includes(name) ||
    TRAINING_OPTIONS.includes(name) ||
    /^width[1-8]$/.test(name) ||
    isLoraParameter(name)
  );
}

/** Refuses space parameters that do not map to a training option. */
export function checkSpaceParameters(names: readonly string[], where: string): void {
  const unknown = names.filter((name) => !knownParameter(name));
  if (unknown.length > 0) {
    throw new ProblemError(
      `${where}: space parameter(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')} are not training options; use ${[...TRAINING_OPTIONS, ...OPTIMIZER_OPTIONS, 'width1..width8', ...LORA_PARAMETERS].join(', ')}`,
    );
  }
}

/** The trainer's options for `params`, over `base` (the problem's fixed settings). */
export function trainOptionsFor(base: TrainOptions, params: ParameterValues): TrainOptions {
  const options: TrainOptions = { ...base, model: { ...(base.model ?? {}) } };
  const model = options.model as NonNullable<TrainOptions['model']>;
  const optimizer: Record<string, unknown> = { ...(base.optimizer ?? { type: 'adam' }) };
  for (const [name, value] of Object.entries(params)) {
    if (OPTIMIZER_OPTIONS.includes(name)) optimizer[name] = value;
  }
  if (typeof params.optimizer === 'string') optimizer.type = params.optimizer;
  options.optimizer = optimizer as TrainOptions['optimizer'] & object;
  if (typeof params.batchSize === 'number') options.batchSize = params.batchSize;
  if (typeof params.epochs === 'number') options.epochs = params.epochs;
  if (typeof params.patience === 'number')
    options.earlyStopping = { ...(base.earlyStopping ?? {}), patience: params.patience };
  if (typeof params.learningRateSchedule === 'string') {
    options.learningRateSchedule = {
      ...(base.learningRateSchedule ?? {}),
      type: params.learningRateSchedule as 'constant',
    };
  }
  if (typeof params.initialization === 'string')
    model.initialization = params.initialization as 'auto';
  if (typeof params.l2 === 'number') model.l2 = params.l2;
  if (typeof params.dropout === 'number') model.dropout = params.dropout;
  if (typeof params.activation === 'string') model.activation = params.activation as 'relu';
  if (options.distillation !== undefined) {
    const distillation = { ...options.distillation };
    if (typeof params.temperature === 'number') distillation.temperature = params.temperature;
    if (typeof params.distillationAlpha === 'number') distillation.alpha = params.distillationAlpha;
    options.distillation = distillation;
  }
  // Without a searched depth, searched widths replace those of the fixed network (or, without
  // one, give the depth: width1 and width2 make two hidden layers).
  const widest = widestLayer(params);
  const layers =
    typeof params.layers === 'number' ? params.layers : (model.hidden?.length ?? widest);
  if (typeof params.layers === 'number' || widest > 0) {
    model.hidden = Array.from({ length: layers }, (_, i) => {
      const width = params[`width${i + 1}`];
      return typeof width === 'number' ? width : (model.hidden?.[i] ?? 64);
    });
  }
  return applyLoraParameters(options, params);
}

// The highest n of the widthN parameters given (0 without any).
function widestLayer(params: ParameterValues): number {
  let widest = 0;
  for (const name of Object.keys(params)) {
    const match = /^width([1-8])$/.exec(name);
    if (match !== null) widest = Math.max(widest, Number(match[1]));
  }
  return widest;
}
