// The dense network's backward pass: from the output gradient the loss wrote, the weight and bias
// gradients of every layer (with L2) and the gradient flowing down through dropout and activation.
import { activationBackwardBlock } from './activations.js';
import type { ActivationHook, LayerLayout } from './network-architecture.js';
import type { LayerBlocks } from './network-layout.js';
import type { DensePass } from './network-forward.js';
import { blockColumns } from './network-steps.js';

/**
 * Backward pass after a forward pass with the same `count`, `hook` run on each gradient block:
 * fills the gradients, adding `l2 * W` to the weight gradients. `dropout` must match the forward
 * pass (true when it drew masks).
 */
export function backwardDense(
  pass: DensePass,
  hook: ActivationHook | undefined,
  count: number,
  l2: number,
  dropout: boolean,
): void {
  const { architecture, layout, kernels, values } = pass;
  const { activation, negativeSlope } = architecture;
  const { stride, bytes: e, layers, blocks } = layout;
  const columns = blockColumns(count, pass.precision);
  const columnBytes = columns * e;
  const strideBytes = stride * e;
  const top = layers.length - 1;
  const outputGradient = (blocks[top] as LayerBlocks).dz / e;
  hook?.backward(top + 1, values, outputGradient, architecture.outputs, count, stride);
  for (let l = top; l >= 0; l--) {
    const layer = layers[l] as LayerLayout;
    const block = blocks[l] as LayerBlocks;
    const previous = l > 0 ? (blocks[l - 1] as LayerBlocks) : undefined;
    const input =
      previous === undefined
        ? layout.inputBytes
        : dropout && previous.dropped !== 0
          ? previous.dropped
          : previous.a;
    kernels.weightGradient(
      block.dz,
      strideBytes,
      input,
      strideBytes,
      layout.gradientBytes + layer.weightOffset * e,
      layout.gradientBytes + layer.biasOffset * e,
      layer.outputs,
      layer.inputs,
      columnBytes,
      layout.parameterBytes + layer.weightOffset * e,
      l2,
    );
    if (previous === undefined) break;
    // dA of the layer below = W^T dZ: the product kernel with the weight matrix read transposed.
    kernels.matmul(
      layout.parameterBytes + layer.weightOffset * e,
      e,
      layer.inputs * e,
      block.dz,
      strideBytes,
      previous.da,
      strideBytes,
      layer.inputs,
      layer.outputs,
      columnBytes,
      layout.zerosBytes,
    );
    const blockBytes = layer.inputs * strideBytes;
    if (dropout && previous.mask !== 0)
      kernels.multiply(previous.da, previous.mask, previous.da, blockBytes);
    hook?.backward(l, values, previous.da / e, layer.inputs, count, stride);
    if (activation === 'relu')
      kernels.reluBackward(previous.da, previous.z, previous.dz, blockBytes);
    else if (activation === 'leaky-relu')
      kernels.leakyReluBackward(previous.da, previous.z, previous.dz, blockBytes, negativeSlope);
    else {
      activationBackwardBlock(
        activation,
        values,
        previous.da / e,
        previous.z / e,
        previous.a / e,
        previous.dz / e,
        layer.inputs,
        columns,
        stride,
      );
    }
  }
}
