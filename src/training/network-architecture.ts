// The dense network's shape (layer widths, activation, dropout) and its check, where each layer
// lies in the flat parameter array, and the hook run on activation blocks.
import { ParameterError } from '../core/errors.js';
import type { Activation } from './activations.js';
import type { FloatArray } from './optimizers/optimizer.js';

/** The shape of a network. */
export interface Architecture {
  inputs: number;
  /** Widths of the hidden layers (none: a linear model). */
  hidden: number[];
  outputs: number;
  activation: Activation;
  /** Slope of leaky ReLU for negative inputs. */
  negativeSlope: number;
  /** Dropout rate after each hidden layer (0: none). */
  dropout: number[];
}

/** Where one dense layer lives in the flat parameter array. */
export interface LayerLayout {
  inputs: number;
  outputs: number;
  /** Element offset of the [outputs][inputs] weight matrix (row-major). */
  weightOffset: number;
  /** Element offset of the bias vector. */
  biasOffset: number;
}

/**
 * Code run on activation blocks (quantization-aware training): `forward` on the input block once
 * it is loaded (index 0) and on each layer's output (index l + 1: after the activation on hidden
 * layers, the logits on the last), in place; `backward` on the gradient of that output before it
 * flows further down. Blocks are `rows` rows of `stride` values from `offset` (elements), of which
 * the first `count` per row are samples.
 */
export interface ActivationHook {
  forward: ActivationBlockVisitor;
  backward: ActivationBlockVisitor;
}

/** Visits activation block `index`: `rows` rows of `stride` values from `offset`, `count` used. */
export type ActivationBlockVisitor = (
  index: number,
  values: FloatArray,
  offset: number,
  rows: number,
  count: number,
  stride: number,
) => void;

/** Refuses layer widths, a capacity or dropout rates a network cannot have. */
export function checkArchitecture(architecture: Architecture, capacity: number): void {
  const { inputs, hidden, outputs, dropout } = architecture;
  const positive = (value: number): boolean => Number.isInteger(value) && value >= 1;
  if (!positive(inputs) || !positive(outputs) || !hidden.every(positive)) {
    throw new ParameterError(
      `network: layer widths must be integers >= 1 (got ${[inputs, ...hidden, outputs].join('-')})`,
    );
  }
  if (!positive(capacity)) {
    throw new ParameterError(`network: capacity must be an integer >= 1 (got ${capacity})`);
  }
  if (dropout.some((rate) => !(rate >= 0 && rate < 1))) {
    throw new ParameterError(
      `network: dropout rates must be in [0, 1) (got ${dropout.join(', ')})`,
    );
  }
}
