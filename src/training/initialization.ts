// Weight initialization from the seeded Rng: Glorot (Xavier) and He (Kaiming), uniform or normal,
// with biases at zero; or PyTorch nn.Linear's default, weights and biases uniform in +-1/sqrt(in).
import type { Rng } from '../core/rng.js';
import type { Activation } from './activations.js';
import type { FloatArray } from './optimizers/optimizer.js';

/**
 * Initialization schemes; `auto` is He for the ReLU family, Glorot otherwise. `pytorch-uniform`
 * is PyTorch nn.Linear's default (Kaiming-uniform with a = sqrt(5)): weights and biases uniform
 * in +-1/sqrt(fanIn).
 */
export type Initialization =
  'auto' | 'glorot-uniform' | 'glorot-normal' | 'he-uniform' | 'he-normal' | 'pytorch-uniform';

/** Every scheme, in a stable order. */
export const INITIALIZATIONS: readonly Initialization[] = [
  'auto',
  'glorot-uniform',
  'glorot-normal',
  'he-uniform',
  'he-normal',
  'pytorch-uniform',
];

/** The scheme `auto` stands for with a given hidden activation. */
export function resolveInitialization(
  initialization: Initialization,
  activation: Activation,
): Exclude<Initialization, 'auto'> {
  if (initialization !== 'auto') return initialization;
  return activation === 'relu' || activation === 'leaky-relu' ? 'he-uniform' : 'glorot-uniform';
}

/**
 * Fills `weights[offset .. offset + fanOut * fanIn)` (row-major [out][in]) from `rng`:
 * Glorot & Bengio 2010, variance 2 / (fanIn + fanOut); He et al. 2015, variance 2 / fanIn;
 * pytorch-uniform, variance 1 / (3 fanIn). Uniform schemes draw from U(-limit, limit) with
 * limit = sqrt(3 * variance).
 */
export function initializeWeights(
  scheme: Exclude<Initialization, 'auto'>,
  weights: FloatArray,
  offset: number,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  const variance = scheme.startsWith('glorot')
    ? 2 / (fanIn + fanOut)
    : scheme === 'pytorch-uniform'
      ? 1 / (3 * fanIn)
      : 2 / fanIn;
  const count = fanIn * fanOut;
  if (scheme.endsWith('uniform')) {
    const limit = scheme === 'pytorch-uniform' ? 1 / Math.sqrt(fanIn) : Math.sqrt(3 * variance);
    for (let i = 0; i < count; i++) weights[offset + i] = rng.uniform(-limit, limit);
  } else {
    const deviation = Math.sqrt(variance);
    for (let i = 0; i < count; i++) weights[offset + i] = rng.normal(0, deviation);
  }
}

/**
 * Fills the `fanOut` biases at `biases[offset ..]`: uniform in +-1/sqrt(fanIn) from `rng` with
 * pytorch-uniform, zeros (no draw) with every other scheme.
 */
export function initializeBiases(
  scheme: Exclude<Initialization, 'auto'>,
  biases: FloatArray,
  offset: number,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  if (scheme !== 'pytorch-uniform') {
    biases.fill(0, offset, offset + fanOut);
    return;
  }
  const limit = 1 / Math.sqrt(fanIn);
  for (let i = 0; i < fanOut; i++) biases[offset + i] = rng.uniform(-limit, limit);
}
