// Reading an adapted network's weights back as plain data: the LoRA adapters (A and B as
// trained), a layer's weight and bias out of its matrix, and the merged weights W0 + s·B·A.
import type { LayerWeights } from '../network.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import type { AdaptedLayout, LayerRegions } from './adapted-layout.js';
import type { AdapterWeights } from './adapted-network-options.js';
import { mergeLayer } from './lora.js';

/** The trained adapters of `layout`, read from `parameters`. */
export function adapterWeightsOf(layout: AdaptedLayout, parameters: FloatArray): AdapterWeights[] {
  return layout.layers.flatMap((layer, l) => {
    if (layer.rank === 0) return [];
    const { rank, inputs, outputs } = layer;
    const a = Array.from(parameters.subarray(layer.adapterA, layer.adapterA + rank * inputs));
    const b = Array.from(parameters.subarray(layer.adapterB, layer.adapterB + outputs * rank));
    return [{ layer: l, rank, scaling: layer.scaling, a, b }];
  });
}

/** A layer's [outputs][inputs] weight read from `matrix` (row length `layer.matrixRow`) and its bias. */
export function layerWeightsAt(
  values: FloatArray,
  layer: LayerRegions,
  matrix: number,
): LayerWeights {
  const weight: number[][] = [];
  for (let o = 0; o < layer.outputs; o++) {
    const start = matrix + o * layer.matrixRow;
    weight.push(Array.from(values.subarray(start, start + layer.inputs)));
  }
  return {
    weight,
    bias: Array.from(values.subarray(layer.bias, layer.bias + layer.outputs)),
  };
}

/**
 * Every layer's weights with the adapters merged in (W0 + s·B·A in float64): trained layers as
 * they are, frozen ones from `baseWeights` (the base as the network computes with it).
 */
export function mergedWeights(
  layout: AdaptedLayout,
  values: FloatArray,
  adapters: readonly AdapterWeights[],
  baseWeights: (l: number) => LayerWeights,
  float32: boolean,
): LayerWeights[] {
  const byLayer = new Map(adapters.map((a) => [a.layer, a]));
  return layout.layers.map((layer, l) => {
    if (layer.trainable) return layerWeightsAt(values, layer, layer.matrix);
    const base = baseWeights(l);
    const adapter = byLayer.get(l);
    if (adapter === undefined) return base;
    return mergeLayer(base, adapter.a, adapter.b, adapter.rank, adapter.scaling, float32).merged;
  });
}
