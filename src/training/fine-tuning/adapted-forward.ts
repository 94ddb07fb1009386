// The forward pass of an adapted network: per layer, the adapter's U = A x (with LoRA dropout on
// its input when training) below the base's input rows, then one product over the extended matrix
// [[W, s·B], [A, 0]] gives W x + b + s·B U; bfloat16 compute rounds every input and output.
import type { Rng } from '../../core/rng.js';
import { activateBlock } from '../activations.js';
import type { DenseKernels, Precision } from '../kernels/dense-kernels.js';
import type { Architecture } from '../network.js';
import { blockColumns, drawDropoutMask } from '../network-steps.js';
import { roundArrayToBfloat16 } from '../nf4/bfloat16.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import type { AdaptedLayout, LayerRegions } from './adapted-layout.js';
import type { ComputePrecision } from './adapted-network-options.js';

/** What the forward and backward passes read of an adapted network. */
export interface AdaptedPass {
  readonly architecture: Readonly<Architecture>;
  readonly precision: Precision;
  readonly computePrecision: ComputePrecision;
  readonly adapterDropout: number;
  readonly values: FloatArray;
  readonly parameters: FloatArray;
  readonly gradients: FloatArray;
  readonly kernels: DenseKernels;
  readonly layout: AdaptedLayout;
  readonly stride: number;
  /** Bytes per element. */
  readonly bytes: number;
  /** The lowest layer that needs gradients: backward stops there. */
  readonly lowest: number;
  /** Brings layer `l`'s matrix up to date before a forward (or backward) product. */
  prepare(l: number, forward: boolean): void;
}

/** Forward pass over `count` samples; `dropoutRng` turns LoRA dropout on (training). */
export function forwardAdapted(pass: AdaptedPass, count: number, dropoutRng?: Rng): void {
  const { activation, negativeSlope } = pass.architecture;
  const e = pass.bytes;
  const columns = blockColumns(count, pass.precision);
  const columnBytes = columns * e;
  const strideBytes = pass.stride * e;
  const bfloat16 = pass.computePrecision === 'bfloat16';
  let input = pass.layout.input;
  const layers = pass.layout.layers;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l] as LayerRegions;
    const { inputs, outputs, rank } = layer;
    pass.prepare(l, true);
    if (bfloat16) roundRows(pass, input, inputs, columns);
    if (rank > 0) {
      let adapterInput = input;
      if (pass.adapterDropout > 0 && dropoutRng !== undefined) {
        drawDropoutMask(
          pass.values,
          layer.mask,
          pass.stride,
          inputs,
          count,
          pass.adapterDropout,
          dropoutRng,
        );
        pass.kernels.multiply(input * e, layer.mask * e, layer.dropped * e, inputs * strideBytes);
        adapterInput = layer.dropped;
      }
      const a = layer.matrix + outputs * layer.matrixRow;
      pass.kernels.matmul(
        a * e,
        layer.matrixRow * e,
        e,
        adapterInput * e,
        strideBytes,
        (input + inputs * pass.stride) * e,
        strideBytes,
        rank,
        inputs,
        columnBytes,
        pass.layout.zeros * e,
      );
      if (bfloat16) roundRows(pass, input + inputs * pass.stride, rank, columns);
    }
    pass.kernels.matmul(
      layer.matrix * e,
      layer.matrixRow * e,
      e,
      input * e,
      strideBytes,
      layer.z * e,
      strideBytes,
      outputs,
      inputs + rank,
      columnBytes,
      layer.bias * e,
    );
    if (bfloat16) roundRows(pass, layer.z, outputs, columns);
    if (l === layers.length - 1) break;
    const blockBytes = outputs * strideBytes;
    if (activation === 'relu') pass.kernels.relu(layer.z * e, layer.a * e, blockBytes);
    else if (activation === 'leaky-relu')
      pass.kernels.leakyRelu(layer.z * e, layer.a * e, blockBytes, negativeSlope);
    else activateBlock(activation, pass.values, layer.z, layer.a, outputs, columns, pass.stride);
    input = layer.a;
  }
}

/** Rounds `rows` rows of `columns` samples to bfloat16 in place. */
function roundRows(pass: AdaptedPass, offset: number, rows: number, columns: number): void {
  const values = pass.values as Float32Array;
  for (let r = 0; r < rows; r++)
    roundArrayToBfloat16(values, offset + r * pass.stride, offset + r * pass.stride + columns);
}
