// Weight initialization from the seeded Rng: Glorot (Xavier) and He (Kaiming), uniform or normal;
// biases start at zero.
import type { Rng } from '../core/rng.js';
import type { Activation } from './activations.js';
import type { FloatArray } from './optimizers/optimizer.js';

/** Initialization schemes; `auto` is He for the ReLU family, Glorot otherwise. */
export type Initialization =
  'auto' | 'glorot-uniform' | 'glorot-normal' | 'he-uniform' | 'he-normal';

/** Every scheme, in a stable order. */
export const INITIALIZATIONS: readonly Initialization[] = [
  'auto',
  'glorot-uniform',
  'glorot-normal',
  'he-uniform',
  'he-normal',
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
 * Glorot & Bengio 2010, variance 2 / (fanIn + fanOut); He et al. 2015, variance 2 / fanIn.
 * Uniform schemes draw from U(-limit, limit) with limit = sqrt(3 * variance).
 */
export function initializeWeights(
  scheme: Exclude<Initialization, 'auto'>,
  weights: FloatArray,
  offset: number,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  const variance = scheme.startsWith('glorot') ? 2 / (fanIn + fanOut) : 2 / fanIn;
  const count = fanIn * fanOut;
  if (scheme.endsWith('uniform')) {
    const limit = Math.sqrt(3 * variance);
    for (let i = 0; i < count; i++) weights[offset + i] = rng.uniform(-limit, limit);
  } else {
    const deviation = Math.sqrt(variance);
    for (let i = 0; i < count; i++) weights[offset + i] = rng.normal(0, deviation);
  }
}
