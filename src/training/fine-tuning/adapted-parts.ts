// The parts of an adapted layer's extended matrix [[W, s·B], [A, 0]] and the adapter gradients'
// finishing touches: writing the frozen base (float once, NF4 dequantized on the fly), writing the
// current A and s·B, and scaling dB by s with the L2 term.
import { NF4_TABLE, nf4Absmax } from '../nf4/nf4.js';
import { roundArrayToBfloat16 } from '../nf4/bfloat16.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import type { LayerRegions } from './adapted-layout.js';

/** Writes a float frozen weight [outputs][inputs] into the layer's extended matrix. */
export function writeBaseMatrix(values: FloatArray, layer: LayerRegions, weight: number[][]): void {
  weight.forEach((row, o) => values.set(row, layer.matrix + o * layer.matrixRow));
}

/** Dequantizes an NF4 frozen weight into the layer's matrix: fl32(level[code] * block absmax). */
function writeNf4Base(values: FloatArray, layer: LayerRegions): void {
  const tensor = layer.nf4;
  if (tensor === undefined) return;
  const absmax = nf4Absmax(tensor);
  const packed = tensor.packed;
  const inputs = layer.inputs;
  const blockSize = tensor.blockSize;
  let i = 0;
  for (let o = 0; o < layer.outputs; o++) {
    const row = layer.matrix + o * layer.matrixRow;
    for (let k = 0; k < inputs; k++, i++) {
      const byte = packed[i >> 1] as number;
      const code = (i & 1) === 0 ? byte >> 4 : byte & 15;
      values[row + k] = Math.fround(
        (NF4_TABLE[code] as number) * (absmax[(i / blockSize) | 0] as number),
      );
    }
  }
}

/**
 * Brings layer `layer`'s matrix up to date before a product: the NF4 base when `withBase`, the
 * current A (rows outputs..) and s·B (columns inputs..); bfloat16 rounds what it wrote.
 */
export function writeAdapterMatrix(
  values: FloatArray,
  parameters: FloatArray,
  layer: LayerRegions,
  bfloat16: boolean,
  withBase = true,
): void {
  const { inputs, outputs, rank, scaling, matrix, matrixRow } = layer;
  if (layer.nf4 !== undefined && withBase) {
    writeNf4Base(values, layer);
    if (bfloat16)
      for (let o = 0; o < outputs; o++)
        roundArrayToBfloat16(
          values as Float32Array,
          matrix + o * matrixRow,
          matrix + o * matrixRow + inputs,
        );
  }
  if (rank === 0) return;
  for (let r = 0; r < rank; r++) {
    const row = matrix + (outputs + r) * matrixRow;
    values.set(
      parameters.subarray(layer.adapterA + r * inputs, layer.adapterA + (r + 1) * inputs),
      row,
    );
    if (bfloat16) roundArrayToBfloat16(values as Float32Array, row, row + inputs);
  }
  for (let o = 0; o < outputs; o++) {
    const row = matrix + o * matrixRow + inputs;
    for (let r = 0; r < rank; r++)
      values[row + r] = scaling * (parameters[layer.adapterB + o * rank + r] as number);
    if (bfloat16) roundArrayToBfloat16(values as Float32Array, row, row + rank);
  }
}

/** dB = s·(dZ U^T) + l2·B (the kernel left dZ U^T; dA already carries s through dU, and its L2 term). */
export function adapterGradients(
  parameters: FloatArray,
  gradients: FloatArray,
  layer: LayerRegions,
  l2: number,
): void {
  const start = layer.adapterB;
  const end = start + layer.outputs * layer.rank;
  const s = layer.scaling;
  for (let i = start; i < end; i++)
    gradients[i] = s * (gradients[i] as number) + l2 * (parameters[i] as number);
}
