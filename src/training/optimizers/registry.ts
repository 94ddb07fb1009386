// The optimizer registry and createOptimizer(): every optimizer by name, options checked against
// their schema with defaults filled in.
import { resolveParams } from '../../config/params.js';
import { createRegistry, type Registry } from '../../core/registry.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamax } from './adamax.js';
import { adamw } from './adamw.js';
import { ftrl } from './ftrl.js';
import { nadam } from './nadam.js';
import type { Optimizer, OptimizerDefinition } from './optimizer.js';
import { rmsprop } from './rmsprop.js';
import { sgd, type SgdOptions } from './sgd.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = OptimizerDefinition<any>;

/** SGD under another name with other defaults ("momentum", "nesterov"). */
function sgdVariant(
  name: string,
  description: string,
  defaults: Partial<SgdOptions>,
): AnyDefinition {
  return { ...sgd, name, description, defaultOptions: { ...sgd.defaultOptions, ...defaults } };
}

/** SGD with momentum 0.9. */
export const momentum = sgdVariant(
  'momentum',
  'SGD with momentum 0.9 (Polyak 1964), as PyTorch SGD.',
  {
    momentum: 0.9,
  },
);

/** SGD with Nesterov momentum 0.9. */
export const nesterov = sgdVariant(
  'nesterov',
  'SGD with Nesterov momentum 0.9 (Sutskever et al. 2013), as PyTorch SGD.',
  { momentum: 0.9, nesterov: true },
);

/** Every optimizer kiln ships, by name. */
export const optimizers: Registry<AnyDefinition> = createRegistry<AnyDefinition>(
  'optimizer',
  [sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamw, adamax, nadam, ftrl],
  (d) => d.name,
);

/** The complete options of optimizer `name`: defaults merged with `options`, then validated. */
export function resolveOptimizerOptions(
  name: string,
  options: Record<string, unknown> = {},
): Record<string, unknown> {
  const definition = optimizers.get(name);
  return resolveParams(
    { name, defaultParams: definition.defaultOptions, paramsSchema: definition.optionsSchema },
    options,
    `optimizer ${name}`,
  ) as Record<string, unknown>;
}

/**
 * A new optimizer: `name` is one of sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam,
 * adamw, adamax, nadam, ftrl; `options` override its defaults (PyTorch's, Keras's for Ftrl).
 * Throws a RegistryError for an unknown name and a ParameterError for invalid options.
 */
export function createOptimizer(name: string, options: Record<string, unknown> = {}): Optimizer {
  return optimizers.get(name).create(resolveOptimizerOptions(name, options));
}
