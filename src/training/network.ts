// The dense network: parameters, gradients and activation blocks preallocated in one WebAssembly
// memory, with the forward and backward passes over a block of samples (no allocation per batch).
import { ParameterError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { activateBlock, activationBackwardBlock, type Activation } from './activations.js';
import {
  initializeBiases,
  initializeWeights,
  type Initialization,
  resolveInitialization,
} from './initialization.js';
import type { AdamScalars } from './kernels/adam-kernel.js';
import {
  createKernels,
  lanesOf,
  type DenseKernels,
  type Precision,
} from './kernels/dense-kernels.js';
import type { LossBlock } from './losses.js';
import type { FloatArray } from './optimizers/optimizer.js';
import {
  adamStepAt,
  blockColumns,
  drawDropoutMask,
  loadBatch,
  type AdamPointers,
} from './network-steps.js';

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

/** One layer's weights as plain data: weight[out][in] (PyTorch's layout) and bias[out]. */
export interface LayerWeights {
  weight: number[][];
  bias: number[];
}

/**
 * Code run on activation blocks (quantization-aware training): `forward` on the input block once
 * it is loaded (index 0) and on each layer's output (index l + 1: after the activation on hidden
 * layers, the logits on the last), in place; `backward` on the gradient of that output before it
 * flows further down. Blocks are `rows` rows of `stride` values from `offset` (elements), of which
 * the first `count` per row are samples.
 */
export interface ActivationHook {
  forward(
    index: number,
    values: FloatArray,
    offset: number,
    rows: number,
    count: number,
    stride: number,
  ): void;
  backward(
    index: number,
    values: FloatArray,
    offset: number,
    rows: number,
    count: number,
    stride: number,
  ): void;
}

interface Blocks {
  z: number;
  a: number;
  dz: number;
  da: number;
  mask: number;
  dropped: number;
}

/**
 * A dense network in `precision`, able to process blocks of up to `capacity` samples. Blocks are
 * feature-major: row k holds feature k of every sample, `stride` samples wide (capacity padded to
 * whole SIMD vectors). Parameters (weights then bias, layer by layer) are one flat array, as are
 * their gradients, so an optimizer steps them in one loop.
 */
export class Network {
  readonly architecture: Readonly<Architecture>;
  readonly precision: Precision;
  readonly capacity: number;
  readonly stride: number;
  readonly layers: readonly LayerLayout[];
  readonly parameterCount: number;
  /** All parameters (a view of the network's memory). */
  readonly parameters: FloatArray;
  /** Gradients of the last backward pass, laid out as {@link parameters}. */
  readonly gradients: FloatArray;
  /** The input block: `inputs` rows of `stride` samples, at element offset {@link inputOffset}. */
  readonly values: FloatArray;
  readonly inputOffset: number;
  /** The output block and its gradient, for the loss. */
  readonly output: LossBlock;
  /** Parameter-sized buffers reserved for an optimizer's state (see {@link adamStep}). */
  readonly optimizerBuffers: FloatArray[];
  /** Runs on the activation blocks when set (see {@link ActivationHook}). */
  activationHook: ActivationHook | undefined;

  private readonly kernels: DenseKernels;
  private readonly bytes: number;
  private readonly blocks: Blocks[];
  private readonly inputBytes: number;
  private readonly parameterBytes: number;
  private readonly gradientBytes: number;
  private readonly zerosBytes: number;
  private readonly optimizerBytes: number[];
  private readonly adamPointers: AdamPointers;

  /**
   * `optimizerBuffers` reserves that many parameter-sized buffers in the network's memory for an
   * optimizer that steps there ({@link adamStep}).
   */
  constructor(
    architecture: Architecture,
    precision: Precision,
    capacity: number,
    optimizerBuffers = 0,
  ) {
    checkArchitecture(architecture, capacity);
    this.architecture = Object.freeze({
      ...architecture,
      hidden: architecture.hidden.slice(),
      dropout: architecture.dropout.slice(),
    });
    this.precision = precision;
    this.capacity = capacity;
    const lanes = lanesOf(precision);
    this.stride = Math.ceil(capacity / lanes) * lanes;
    this.bytes = precision === 'float32' ? 4 : 8;
    const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
    const layers: LayerLayout[] = [];
    let count = 0;
    for (let l = 0; l + 1 < widths.length; l++) {
      const inputs = widths[l] as number;
      const outputs = widths[l + 1] as number;
      layers.push({ inputs, outputs, weightOffset: count, biasOffset: count + inputs * outputs });
      count += inputs * outputs + outputs;
    }
    this.layers = layers;
    this.parameterCount = count;

    // Byte layout: 64 reserved bytes, then 16-byte-aligned regions.
    let next = 64;
    const region = (elements: number): number => {
      const start = next;
      next += Math.ceil((elements * this.bytes) / 16) * 16;
      return start;
    };
    const block = (rows: number): number => region(rows * this.stride);
    this.parameterBytes = region(count);
    this.gradientBytes = region(count);
    this.zerosBytes = region(Math.max(...widths));
    this.optimizerBytes = Array.from({ length: optimizerBuffers }, () => region(count));
    this.inputBytes = block(architecture.inputs);
    this.blocks = layers.map((layer, l) => {
      const hidden = l < layers.length - 1;
      const dropout = hidden && (architecture.dropout[l] ?? 0) > 0;
      return {
        z: block(layer.outputs),
        a: hidden ? block(layer.outputs) : 0,
        dz: block(layer.outputs),
        da: hidden ? block(layer.outputs) : 0,
        mask: dropout ? block(layer.outputs) : 0,
        dropped: dropout ? block(layer.outputs) : 0,
      };
    });
    const { kernels, buffer } = createKernels(precision, next);
    this.kernels = kernels;
    this.values = precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
    const element = (byteOffset: number): number => byteOffset / this.bytes;
    this.parameters = this.values.subarray(
      element(this.parameterBytes),
      element(this.parameterBytes) + count,
    );
    this.gradients = this.values.subarray(
      element(this.gradientBytes),
      element(this.gradientBytes) + count,
    );
    this.optimizerBuffers = this.optimizerBytes.map((start) =>
      this.values.subarray(element(start), element(start) + count),
    );
    this.inputOffset = element(this.inputBytes);
    this.adamPointers = {
      parameters: this.parameterBytes,
      gradients: this.gradientBytes,
      moments: this.optimizerBytes,
      bytes: Math.ceil((count * this.bytes) / 16) * 16,
    };
    const last = this.blocks[this.blocks.length - 1] as Blocks;
    this.output = {
      z: this.values,
      offset: element(last.z),
      stride: this.stride,
      dz: this.values,
      gradientOffset: element(last.dz),
    };
  }

  /** Initializes weights and biases with `scheme` from `rng`, layer by layer (biases: zeros except pytorch-uniform). */
  initialize(scheme: Initialization, rng: Rng): void {
    const resolved = resolveInitialization(scheme, this.architecture.activation);
    for (const layer of this.layers) {
      initializeWeights(
        resolved,
        this.parameters,
        layer.weightOffset,
        layer.inputs,
        layer.outputs,
        rng,
      );
      initializeBiases(
        resolved,
        this.parameters,
        layer.biasOffset,
        layer.inputs,
        layer.outputs,
        rng,
      );
    }
  }

  /**
   * Copies samples `order[start .. start + count)` of the row-major matrix `features` (one row
   * of `inputs` values per sample) into the input block, and zeros the padding columns.
   */
  loadInputs(
    features: Float64Array | Float32Array,
    order: Int32Array,
    start: number,
    count: number,
  ): void {
    loadBatch(this, features, order, start, count);
  }

  /** The columns a block of `count` samples occupies (count rounded up to whole vectors). */
  columns(count: number): number {
    return blockColumns(count, this.precision);
  }

  /**
   * Forward pass over the first `count` samples of the input block. With `dropoutRng`, dropout
   * layers draw fresh masks from it (training); without, dropout is off (evaluation).
   */
  forward(count: number, dropoutRng?: Rng): void {
    const { activation, negativeSlope, dropout } = this.architecture;
    const columnBytes = this.columns(count) * this.bytes;
    const strideBytes = this.stride * this.bytes;
    const hook = this.activationHook;
    const e = this.bytes;
    hook?.forward(
      0,
      this.values,
      this.inputBytes / e,
      this.architecture.inputs,
      count,
      this.stride,
    );
    let input = this.inputBytes;
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l] as LayerLayout;
      const blocks = this.blocks[l] as Blocks;
      this.kernels.matmul(
        this.parameterBytes + layer.weightOffset * this.bytes,
        layer.inputs * this.bytes,
        this.bytes,
        input,
        strideBytes,
        blocks.z,
        strideBytes,
        layer.outputs,
        layer.inputs,
        columnBytes,
        this.parameterBytes + layer.biasOffset * this.bytes,
      );
      if (l === this.layers.length - 1) {
        hook?.forward(l + 1, this.values, blocks.z / e, layer.outputs, count, this.stride);
        break;
      }
      const blockBytes = layer.outputs * strideBytes;
      if (activation === 'relu') this.kernels.relu(blocks.z, blocks.a, blockBytes);
      else if (activation === 'leaky-relu')
        this.kernels.leakyRelu(blocks.z, blocks.a, blockBytes, negativeSlope);
      else {
        const columns = this.columns(count);
        activateBlock(
          activation,
          this.values,
          blocks.z / e,
          blocks.a / e,
          layer.outputs,
          columns,
          this.stride,
        );
      }
      hook?.forward(l + 1, this.values, blocks.a / e, layer.outputs, count, this.stride);
      input = blocks.a;
      const rate = dropout[l] ?? 0;
      if (rate > 0 && dropoutRng !== undefined) {
        this.drawMask(blocks.mask / this.bytes, layer.outputs, count, rate, dropoutRng);
        this.kernels.multiply(blocks.a, blocks.mask, blocks.dropped, blockBytes);
        input = blocks.dropped;
      }
    }
  }

  /**
   * Backward pass after {@link forward} with the same `count`, from the output gradient the loss
   * wrote: fills {@link gradients}, adding `l2 * W` to the weight gradients. `dropout` must match
   * the forward pass (true when it drew masks).
   */
  backward(count: number, l2: number, dropout: boolean): void {
    const { activation, negativeSlope } = this.architecture;
    const columnBytes = this.columns(count) * this.bytes;
    const strideBytes = this.stride * this.bytes;
    const hook = this.activationHook;
    const e = this.bytes;
    const top = this.layers.length - 1;
    const outputs = this.architecture.outputs;
    hook?.backward(top + 1, this.values, this.output.gradientOffset, outputs, count, this.stride);
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l] as LayerLayout;
      const blocks = this.blocks[l] as Blocks;
      const previous = l > 0 ? (this.blocks[l - 1] as Blocks) : undefined;
      const input =
        previous === undefined
          ? this.inputBytes
          : dropout && previous.dropped !== 0
            ? previous.dropped
            : previous.a;
      this.kernels.weightGradient(
        blocks.dz,
        strideBytes,
        input,
        strideBytes,
        this.gradientBytes + layer.weightOffset * this.bytes,
        this.gradientBytes + layer.biasOffset * this.bytes,
        layer.outputs,
        layer.inputs,
        columnBytes,
        this.parameterBytes + layer.weightOffset * this.bytes,
        l2,
      );
      if (previous === undefined) break;
      // dA of the layer below = W^T dZ: the product kernel with the weight matrix read transposed.
      this.kernels.matmul(
        this.parameterBytes + layer.weightOffset * this.bytes,
        this.bytes,
        layer.inputs * this.bytes,
        blocks.dz,
        strideBytes,
        previous.da,
        strideBytes,
        layer.inputs,
        layer.outputs,
        columnBytes,
        this.zerosBytes,
      );
      const blockBytes = layer.inputs * strideBytes;
      if (dropout && previous.mask !== 0)
        this.kernels.multiply(previous.da, previous.mask, previous.da, blockBytes);
      hook?.backward(l, this.values, previous.da / e, layer.inputs, count, this.stride);
      if (activation === 'relu')
        this.kernels.reluBackward(previous.da, previous.z, previous.dz, blockBytes);
      else if (activation === 'leaky-relu')
        this.kernels.leakyReluBackward(
          previous.da,
          previous.z,
          previous.dz,
          blockBytes,
          negativeSlope,
        );
      else {
        activationBackwardBlock(
          activation,
          this.values,
          previous.da / e,
          previous.z / e,
          previous.a / e,
          previous.dz / e,
          layer.inputs,
          this.columns(count),
          this.stride,
        );
      }
    }
  }

  /**
   * One Adam (or AMSGrad) step of {@link parameters} from {@link gradients} in a single SIMD loop,
   * with the moments in optimizer buffers 0 and 1 (2: the AMSGrad maximum).
   */
  adamStep(s: AdamScalars, amsgrad: boolean): void {
    adamStepAt(this.kernels, this.adamPointers, s, amsgrad);
  }

  /** The weights as plain data (float32 values are written as the doubles they equal). */
  exportWeights(): LayerWeights[] {
    return this.layers.map((layer) => {
      const weight: number[][] = [];
      for (let o = 0; o < layer.outputs; o++) {
        const start = layer.weightOffset + o * layer.inputs;
        weight.push(Array.from(this.parameters.subarray(start, start + layer.inputs)));
      }
      const bias = Array.from(
        this.parameters.subarray(layer.biasOffset, layer.biasOffset + layer.outputs),
      );
      return { weight, bias };
    });
  }

  /** Sets the weights from plain data of the same shape (as {@link exportWeights} writes). */
  importWeights(weights: readonly LayerWeights[]): void {
    if (weights.length !== this.layers.length) {
      throw new ParameterError(
        `network: weights must hold ${this.layers.length} layers (got ${weights.length})`,
      );
    }
    this.layers.forEach((layer, l) => {
      const { weight, bias } = weights[l] as LayerWeights;
      if (weight.length !== layer.outputs || weight.some((row) => row.length !== layer.inputs)) {
        throw new ParameterError(
          `network: layer ${l} weight must be ${layer.outputs} rows of ${layer.inputs} numbers`,
        );
      }
      if (bias.length !== layer.outputs) {
        throw new ParameterError(`network: layer ${l} bias must hold ${layer.outputs} numbers`);
      }
      weight.forEach((row, o) => this.parameters.set(row, layer.weightOffset + o * layer.inputs));
      this.parameters.set(bias, layer.biasOffset);
    });
  }

  private drawMask(offset: number, rows: number, count: number, rate: number, rng: Rng): void {
    drawDropoutMask(this.values, offset, this.stride, rows, count, rate, rng);
  }
}

function checkArchitecture(architecture: Architecture, capacity: number): void {
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
