// The parts of an adapted layer's extended matrix [[W, s·B], [A, 0]] and the adapter gradients'
// finishing touches: storing a layer's plan (a float base once), dequantizing an NF4 base at each
// pass, writing the current A and s·B, and scaling dB by s with the L2 term.
import { NF4_TABLE, nf4Absmax, type Nf4Tensor } from '../nf4/nf4.js';
import { roundArrayToBfloat16 } from '../nf4/bfloat16.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import type { AdaptedLayerPlan, LayerRegions } from './adapted-layout.js';

/**
 * Stores a layer's plan: its bias, its float weight (an NF4 base is dequantized at each pass
 * instead) and any starting adapter matrices.
 */
export function storeLayerPlan(
  values: FloatArray,
  parameters: FloatArray,
  plan: AdaptedLayerPlan,
  layer: LayerRegions,
): void {
  const { weight, bias } = plan.weights;
  values.set(bias, layer.bias);
  if (layer.nf4 === undefined)
    weight.forEach((row, o) => values.set(row, layer.matrix + o * layer.matrixRow));
  if (layer.rank > 0) {
    if (plan.adapterA !== undefined) parameters.set(Array.from(plan.adapterA), layer.adapterA);
    if (plan.adapterB !== undefined) parameters.set(Array.from(plan.adapterB), layer.adapterB);
  }
}

// Both levels of every packed byte, high nibble first: one lookup decodes two weights.
const LEVEL_PAIRS = Float64Array.from({ length: 512 }, (_, i) =>
  i % 2 === 0 ? (NF4_TABLE[i >> 5] as number) : (NF4_TABLE[(i >> 1) & 15] as number),
);

// Block absmax values per tensor: with double quantization they are decoded once, not per pass.
const absmaxOf = new WeakMap<Nf4Tensor, Float32Array>();

// The flat dequantized weight, reused by every pass (grown to the largest NF4 layer).
let flat = new Float32Array(0);

/**
 * Dequantizes an NF4 frozen weight into the layer's matrix: fl32(level[code] * block absmax),
 * block by block into a reused float32 buffer (the store rounds to float32), then row by row.
 */
function writeNf4Base(values: FloatArray, layer: LayerRegions): void {
  const tensor = layer.nf4;
  if (tensor === undefined) return;
  let absmax = absmaxOf.get(tensor);
  if (absmax === undefined) {
    absmax = nf4Absmax(tensor);
    absmaxOf.set(tensor, absmax);
  }
  const { inputs, outputs, matrix, matrixRow } = layer;
  const total = inputs * outputs;
  if (flat.length < total) flat = new Float32Array(total);
  const packed = tensor.packed;
  const blockSize = tensor.blockSize;
  // Blocks hold an even number of weights, so a byte never straddles two blocks.
  for (let start = 0, block = 0; start < total; start += blockSize, block++) {
    const scale = absmax[block] as number;
    const end = Math.min(start + blockSize, total);
    let i = start;
    for (; i + 1 < end; i += 2) {
      const pair = (packed[i >> 1] as number) << 1;
      flat[i] = (LEVEL_PAIRS[pair] as number) * scale;
      flat[i + 1] = (LEVEL_PAIRS[pair + 1] as number) * scale;
    }
    if (i < end) flat[i] = (LEVEL_PAIRS[(packed[i >> 1] as number) << 1] as number) * scale;
  }
  for (let o = 0; o < outputs; o++)
    values.set(flat.subarray(o * inputs, (o + 1) * inputs), matrix + o * matrixRow);
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
