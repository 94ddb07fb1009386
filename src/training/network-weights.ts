// The dense network's weights as plain data (PyTorch's layout), read from and written into its
// flat parameter array.
import { ParameterError } from '../core/errors.js';
import type { LayerLayout } from './network-architecture.js';
import type { FloatArray } from './optimizers/optimizer.js';

/** One layer's weights as plain data: weight[out][in] (PyTorch's layout) and bias[out]. */
export interface LayerWeights {
  weight: number[][];
  bias: number[];
}

/** The weights of `layers` in `parameters` as plain data (float32 values are written as the doubles they equal). */
export function readWeights(
  layers: readonly LayerLayout[],
  parameters: FloatArray,
): LayerWeights[] {
  return layers.map((layer) => {
    const weight: number[][] = [];
    for (let o = 0; o < layer.outputs; o++) {
      const start = layer.weightOffset + o * layer.inputs;
      weight.push(Array.from(parameters.subarray(start, start + layer.inputs)));
    }
    const bias = Array.from(
      parameters.subarray(layer.biasOffset, layer.biasOffset + layer.outputs),
    );
    return { weight, bias };
  });
}

/** Writes plain-data `weights` of the same shape as `layers` (as {@link readWeights} returns) into `parameters`. */
export function writeWeights(
  layers: readonly LayerLayout[],
  parameters: FloatArray,
  weights: readonly LayerWeights[],
): void {
  if (weights.length !== layers.length) {
    throw new ParameterError(
      `network: weights must hold ${layers.length} layers (got ${weights.length})`,
    );
  }
  layers.forEach((layer, l) => {
    const { weight, bias } = weights[l] as LayerWeights;
    if (weight.length !== layer.outputs || weight.some((row) => row.length !== layer.inputs)) {
      throw new ParameterError(
        `network: layer ${l} weight must be ${layer.outputs} rows of ${layer.inputs} numbers`,
      );
    }
    if (bias.length !== layer.outputs) {
      throw new ParameterError(`network: layer ${l} bias must hold ${layer.outputs} numbers`);
    }
    weight.forEach((row, o) => parameters.set(row, layer.weightOffset + o * layer.inputs));
    parameters.set(bias, layer.biasOffset);
  });
}
