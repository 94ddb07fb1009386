// The backward pass of an adapted network, from the top layer down to the lowest one that trains:
// dW for trained layers; for adapters dU = (s·B)^T dZ, dA = dU X^T, dB = s·dZ U^T; and dX through
// the extended matrix read transposed. Frozen weights get no gradient.
import { activationBackwardBlock } from '../activations.js';
import { blockColumns } from '../network-steps.js';
import type { LayerRegions } from './adapted-layout.js';
import type { AdaptedPass } from './adapted-forward.js';
import { adapterGradients } from './adapted-parts.js';

/** Backward pass after the forward pass: gradients of the trainable parameters only. */
export function backwardAdapted(
  pass: AdaptedPass,
  count: number,
  l2: number,
  dropout: boolean,
): void {
  const { activation, negativeSlope } = pass.architecture;
  const e = pass.bytes;
  const columns = blockColumns(count, pass.precision);
  const columnBytes = columns * e;
  const strideBytes = pass.stride * e;
  const layers = pass.layout.layers;
  const k = pass.kernels;
  const zeros = pass.layout.zeros * e;
  for (let l = layers.length - 1; l >= pass.lowest; l--) {
    const layer = layers[l] as LayerRegions;
    const { inputs, outputs, rank } = layer;
    const previous = l > 0 ? (layers[l - 1] as LayerRegions) : undefined;
    const input = previous === undefined ? pass.layout.input : previous.a;
    pass.prepare(l, false);
    const gradients = pass.layout.gradients;
    if (layer.trainable) {
      const w = layer.weightParameter;
      k.weightGradient(
        layer.dz * e,
        strideBytes,
        input * e,
        strideBytes,
        (gradients + w) * e,
        (gradients + layer.biasParameter) * e,
        outputs,
        inputs,
        columnBytes,
        layer.matrix * e,
        l2,
      );
    }
    const adapterDropout = dropout && rank > 0 && pass.adapterDropout > 0;
    const dU = layer.dz + outputs * pass.stride;
    if (rank > 0) {
      // dU = (s·B)^T dZ, read from the matrix's B columns; then dA = dU X^T, dB = dZ U^T.
      k.matmul(
        (layer.matrix + inputs) * e,
        e,
        layer.matrixRow * e,
        layer.dz * e,
        strideBytes,
        dU * e,
        strideBytes,
        rank,
        outputs,
        columnBytes,
        zeros,
      );
      const adapterInput = adapterDropout ? layer.dropped : input;
      const sink = pass.layout.sink * e;
      const parameters = pass.layout.parameters;
      k.weightGradient(
        dU * e,
        strideBytes,
        adapterInput * e,
        strideBytes,
        (gradients + layer.adapterA) * e,
        sink,
        rank,
        inputs,
        columnBytes,
        (parameters + layer.adapterA) * e,
        l2,
      );
      k.weightGradient(
        layer.dz * e,
        strideBytes,
        (input + inputs * pass.stride) * e,
        strideBytes,
        (gradients + layer.adapterB) * e,
        sink,
        outputs,
        rank,
        columnBytes,
        (parameters + layer.adapterB) * e,
        0,
      );
      adapterGradients(pass.parameters, pass.gradients, layer, l2);
    }
    if (previous === undefined || l === pass.lowest) break;
    // dX = [W^T | A^T] [dZ; dU]: one product over the extended matrix read transposed.
    const inner = rank > 0 && !adapterDropout ? outputs + rank : outputs;
    k.matmul(
      layer.matrix * e,
      e,
      layer.matrixRow * e,
      layer.dz * e,
      strideBytes,
      previous.da * e,
      strideBytes,
      inputs,
      inner,
      columnBytes,
      zeros,
    );
    if (adapterDropout) addDroppedInputGradient(pass, layer, previous.da, columns);
    const blockBytes = inputs * strideBytes;
    if (activation === 'relu')
      k.reluBackward(previous.da * e, previous.z * e, previous.dz * e, blockBytes);
    else if (activation === 'leaky-relu')
      k.leakyReluBackward(
        previous.da * e,
        previous.z * e,
        previous.dz * e,
        blockBytes,
        negativeSlope,
      );
    else
      activationBackwardBlock(
        activation,
        pass.values,
        previous.da,
        previous.z,
        previous.a,
        previous.dz,
        inputs,
        columns,
        pass.stride,
      );
  }
}

/** dX += mask ⊙ (A^T dU), with dropout on the adapter's input. */
function addDroppedInputGradient(
  pass: AdaptedPass,
  layer: LayerRegions,
  da: number,
  columns: number,
): void {
  const e = pass.bytes;
  const strideBytes = pass.stride * e;
  const { inputs, outputs, rank } = layer;
  const dU = layer.dz + outputs * pass.stride;
  const a = layer.matrix + outputs * layer.matrixRow;
  pass.kernels.matmul(
    a * e,
    e,
    layer.matrixRow * e,
    dU * e,
    strideBytes,
    layer.temporary * e,
    strideBytes,
    inputs,
    rank,
    columns * e,
    pass.layout.zeros * e,
  );
  pass.kernels.multiply(
    layer.temporary * e,
    layer.mask * e,
    layer.temporary * e,
    inputs * strideBytes,
  );
  const values = pass.values;
  for (let r = 0; r < inputs; r++) {
    const to = da + r * pass.stride;
    const from = layer.temporary + r * pass.stride;
    for (let b = 0; b < columns; b++)
      values[to + b] = (values[to + b] as number) + (values[from + b] as number);
  }
}
