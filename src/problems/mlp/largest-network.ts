// The largest network a trainer problem can train (every searched size at its upper bound, the
// fixed network otherwise), checked against WebAssembly memory before any trial: a space allowing
// too large a network is refused by the bounds to lower, not failed trial after trial.
import { OptionError } from '../../core/errors.js';
import { maxOf } from '../../core/extremes.js';
import type { ParameterSpec, ParameterValues } from '../../core/space.js';
import { classCount, featureCount } from '../../training/data/dataset.js';
import { networkOptimizerBuffers } from '../../training/network-adam.js';
import { layoutNetwork } from '../../training/network-layout.js';
import { networkMemoryIssue } from '../../training/network-memory.js';
import type { TrainOptions } from '../../training/train-options.js';
import { trainOptionsFor } from './options-mapping.js';
import type { Protocol } from './protocol.js';

// The searched parameters that size the network or its activation blocks.
const SIZES = [...Array.from({ length: 8 }, (_, i) => `width${i + 1}`), 'layers', 'batchSize'];

// The largest number a parameter takes (undefined: none, or not a number).
function largest(spec: ParameterSpec): number | undefined {
  if (spec.type === 'integer' || spec.type === 'real') return spec.high;
  if (spec.type !== 'categorical') return undefined;
  const numbers = spec.choices.filter((c): c is number => typeof c === 'number');
  return numbers.length === 0 ? undefined : maxOf(numbers);
}

// The most optimizer buffers a configuration reserves in the network's memory (Adam's moments).
function optimizerBuffers(parameters: Record<string, ParameterSpec>, base: TrainOptions): number {
  const searched = parameters.optimizer;
  const types =
    searched?.type === 'categorical'
      ? searched.choices.map(String)
      : [base.optimizer?.type ?? 'adam'];
  const amsgrad = parameters.amsgrad;
  const anyAmsgrad =
    amsgrad === undefined
      ? base.optimizer?.amsgrad === true
      : amsgrad.type === 'boolean' ||
        (amsgrad.type === 'categorical' && amsgrad.choices.includes(true));
  return maxOf(types.map((type) => networkOptimizerBuffers({ type, amsgrad: anyAmsgrad })));
}

/**
 * Refuses a problem whose largest network outgrows WebAssembly memory (network-memory.ts): the
 * issue sits at the first space bound that enlarges it (`/space/width1/high`), or at the fixed
 * `/model/hidden` when the space sizes nothing; `spaceGiven` false leaves the default space out.
 */
export function checkLargestNetwork(
  parameters: Record<string, ParameterSpec>,
  base: TrainOptions,
  protocol: Protocol,
  where: string,
  spaceGiven: boolean,
): void {
  const point: ParameterValues = {};
  for (const name of SIZES) {
    const spec = parameters[name];
    const value = spec === undefined ? undefined : largest(spec);
    if (value !== undefined) point[name] = Math.floor(value);
  }
  const dropout = parameters.dropout === undefined ? undefined : largest(parameters.dropout);
  if (dropout !== undefined && dropout > 0) point.dropout = dropout;
  const options = trainOptionsFor(base, point);
  const hidden = options.model?.hidden ?? [100];
  const { dataset } = protocol;
  const rows = protocol.searchRows.length;
  const batch = options.batchSize === 'full' ? rows : Math.min(options.batchSize ?? 32, rows);
  const floor = Math.min(256, dataset.samples);
  const rate = typeof options.model?.dropout === 'number' ? options.model.dropout : 0;
  const architecture = {
    inputs: featureCount(dataset),
    hidden,
    outputs: classCount(dataset),
    activation: 'relu' as const,
    negativeSlope: 0,
    dropout: hidden.map(() => rate),
  };
  const precision = base.precision ?? 'float32';
  const buffers = optimizerBuffers(parameters, base);
  const { size } = layoutNetwork(architecture, precision, Math.max(batch, floor), buffers);
  if (networkMemoryIssue(size) === undefined) return;
  // The bounds that made it this large: the searched depth and the widths of its layers, and a
  // batch size past the activation blocks' floor.
  const bounds = (spaceGiven ? SIZES : []).filter((name) => {
    if (!(name in point)) return false;
    if (name === 'batchSize') return batch > floor;
    const layer = /^width(\d)$/.exec(name);
    return layer === null || Number(layer[1]) <= hidden.length;
  });
  const fixed =
    hidden.some((_, i) => !(`width${i + 1}` in point)) && base.model?.hidden !== undefined;
  const shape = [architecture.inputs, ...hidden, architecture.outputs].join('-');
  if (bounds.length === 0) {
    throw new OptionError(
      where,
      '/model/hidden',
      networkMemoryIssue(size) as string,
      `the network is ${shape}; use fewer or narrower hidden layers`,
    );
  }
  const spec = parameters[bounds[0] as string] as ParameterSpec;
  const path = `/space/${bounds[0] as string}/${spec.type === 'categorical' ? 'choices' : 'high'}`;
  const listed =
    bounds.length === 1
      ? (bounds[0] as string)
      : `${bounds.slice(0, -1).join(', ')} or ${bounds[bounds.length - 1] as string}`;
  const remedy = `lower the bound of ${listed}${fixed ? ', or narrow model.hidden' : ''}`;
  throw new OptionError(
    where,
    path,
    networkMemoryIssue(size, 'allows') as string,
    `at the bounds the network is ${shape}${batch > floor ? ` with batches of ${batch}` : ''}; ${remedy}`,
  );
}
