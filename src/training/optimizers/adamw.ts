// AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019), as PyTorch's
// torch.optim.AdamW: the parameters shrink by (1 - lr * weightDecay) before the Adam step.
import { AdamFamily, adamDefaults, adamSchema, type AdamOptions } from './adam.js';
import type { OptimizerDefinition } from './optimizer.js';

/** Options of AdamW: Adam's, with a default weight decay of 0.01 (PyTorch's). */
export type AdamwOptions = AdamOptions;

export const adamw: OptimizerDefinition<AdamwOptions> = {
  name: 'adamw',
  description:
    'AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay, as PyTorch AdamW.',
  defaultOptions: { ...adamDefaults, weightDecay: 0.01 },
  optionsSchema: adamSchema(
    'Decoupled weight decay: p = p * (1 - learningRate * weightDecay) before each step.',
  ),
  create: (options) => new AdamFamily('adamw', options),
};
