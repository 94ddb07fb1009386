// The dense network's forward pass over a block of samples: per layer, the product with the
// weights plus bias in the WebAssembly kernels, the activation, and inverted dropout in training.
import type { Rng } from '../core/rng.js';
import { activateBlock } from './activations.js';
import type { DenseKernels, Precision } from './kernels/dense-kernels.js';
import type { ActivationHook, Architecture, LayerLayout } from './network-architecture.js';
import type { LayerBlocks, NetworkLayout } from './network-layout.js';
import { blockColumns, drawDropoutMask } from './network-steps.js';
import type { FloatArray } from './optimizers/optimizer.js';

/** What the passes read of a network (network-forward.ts, network-backward.ts). */
export interface DensePass {
  readonly architecture: Readonly<Architecture>;
  readonly precision: Precision;
  readonly layout: NetworkLayout;
  readonly kernels: DenseKernels;
  /** The whole memory, as elements. */
  readonly values: FloatArray;
}

/**
 * Forward pass over the first `count` samples of the input block, `hook` run on each activation
 * block. With `dropoutRng`, dropout layers draw fresh masks from it (training); without, dropout
 * is off (evaluation).
 */
export function forwardDense(
  pass: DensePass,
  hook: ActivationHook | undefined,
  count: number,
  dropoutRng?: Rng,
): void {
  const { architecture, layout, kernels, values } = pass;
  const { activation, negativeSlope, dropout } = architecture;
  const { stride, bytes: e, layers, blocks } = layout;
  const columns = blockColumns(count, pass.precision);
  const columnBytes = columns * e;
  const strideBytes = stride * e;
  hook?.forward(0, values, layout.inputBytes / e, architecture.inputs, count, stride);
  let input = layout.inputBytes;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l] as LayerLayout;
    const block = blocks[l] as LayerBlocks;
    kernels.matmul(
      layout.parameterBytes + layer.weightOffset * e,
      layer.inputs * e,
      e,
      input,
      strideBytes,
      block.z,
      strideBytes,
      layer.outputs,
      layer.inputs,
      columnBytes,
      layout.parameterBytes + layer.biasOffset * e,
    );
    if (l === layers.length - 1) {
      hook?.forward(l + 1, values, block.z / e, layer.outputs, count, stride);
      break;
    }
    const blockBytes = layer.outputs * strideBytes;
    if (activation === 'relu') kernels.relu(block.z, block.a, blockBytes);
    else if (activation === 'leaky-relu')
      kernels.leakyRelu(block.z, block.a, blockBytes, negativeSlope);
    else
      activateBlock(activation, values, block.z / e, block.a / e, layer.outputs, columns, stride);
    hook?.forward(l + 1, values, block.a / e, layer.outputs, count, stride);
    input = block.a;
    const rate = dropout[l] ?? 0;
    if (rate > 0 && dropoutRng !== undefined) {
      drawDropoutMask(values, block.mask / e, stride, layer.outputs, count, rate, dropoutRng);
      kernels.multiply(block.a, block.mask, block.dropped, blockBytes);
      input = block.dropped;
    }
  }
}
