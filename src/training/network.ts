// The dense network: parameters, gradients and activation blocks preallocated in one WebAssembly
// memory (network-layout.ts), with the forward and backward passes over a block of samples
// (network-forward.ts, network-backward.ts; no allocation per batch).
import type { Rng } from '../core/rng.js';
import {
  initializeBiases,
  initializeWeights,
  type Initialization,
  resolveInitialization,
} from './initialization.js';
import type { AdamScalars } from './kernels/adam-kernel.js';
import { createKernels, type Precision } from './kernels/dense-kernels.js';
import type { LossBlock } from './losses.js';
import {
  checkArchitecture,
  type ActivationHook,
  type Architecture,
  type LayerLayout,
} from './network-architecture.js';
import { backwardDense } from './network-backward.js';
import { forwardDense, type DensePass } from './network-forward.js';
import { layoutNetwork, type LayerBlocks } from './network-layout.js';
import { checkNetworkMemory } from './network-memory.js';
import { adamStepAt, blockColumns, loadBatch, type AdamPointers } from './network-steps.js';
import { readWeights, writeWeights, type LayerWeights } from './network-weights.js';
import type { FloatArray } from './optimizers/optimizer.js';

export type {
  ActivationBlockVisitor,
  ActivationHook,
  Architecture,
  LayerLayout,
} from './network-architecture.js';
export type { LayerWeights } from './network-weights.js';

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

  /** What the passes read (network-forward.ts, network-backward.ts). */
  private readonly pass: DensePass;
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
    const layout = layoutNetwork(architecture, precision, capacity, optimizerBuffers);
    checkNetworkMemory(layout.size, '/model/hidden', 'use fewer or narrower hidden layers');
    const { bytes, parameterCount: count } = layout;
    this.stride = layout.stride;
    this.layers = layout.layers;
    this.parameterCount = count;
    const { kernels, buffer } = createKernels(precision, layout.size);
    this.values = precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
    const view = (byteOffset: number): FloatArray =>
      this.values.subarray(byteOffset / bytes, byteOffset / bytes + count);
    this.parameters = view(layout.parameterBytes);
    this.gradients = view(layout.gradientBytes);
    this.optimizerBuffers = layout.optimizerBytes.map(view);
    this.inputOffset = layout.inputBytes / bytes;
    this.adamPointers = {
      parameters: layout.parameterBytes,
      gradients: layout.gradientBytes,
      moments: layout.optimizerBytes,
      bytes: Math.ceil((count * bytes) / 16) * 16,
    };
    const last = layout.blocks[layout.blocks.length - 1] as LayerBlocks;
    this.output = {
      z: this.values,
      offset: last.z / bytes,
      stride: this.stride,
      dz: this.values,
      gradientOffset: last.dz / bytes,
    };
    this.pass = {
      architecture: this.architecture,
      precision,
      layout,
      kernels,
      values: this.values,
    };
  }

  /** Initializes weights and biases with `scheme` from `rng`, layer by layer (biases: zeros except pytorch-uniform). */
  initialize(scheme: Initialization, rng: Rng): void {
    const resolved = resolveInitialization(scheme, this.architecture.activation);
    for (const layer of this.layers) {
      const { inputs, outputs } = layer;
      initializeWeights(resolved, this.parameters, layer.weightOffset, inputs, outputs, rng);
      initializeBiases(resolved, this.parameters, layer.biasOffset, inputs, outputs, rng);
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
    forwardDense(this.pass, this.activationHook, count, dropoutRng);
  }

  /**
   * Backward pass after {@link forward} with the same `count`, from the output gradient the loss
   * wrote: fills {@link gradients}, adding `l2 * W` to the weight gradients. `dropout` must match
   * the forward pass (true when it drew masks).
   */
  backward(count: number, l2: number, dropout: boolean): void {
    backwardDense(this.pass, this.activationHook, count, l2, dropout);
  }

  /**
   * One Adam (or AMSGrad) step of {@link parameters} from {@link gradients} in a single SIMD loop,
   * with the moments in optimizer buffers 0 and 1 (2: the AMSGrad maximum).
   */
  adamStep(s: AdamScalars, amsgrad: boolean): void {
    adamStepAt(this.pass.kernels, this.adamPointers, s, amsgrad);
  }

  /** The weights as plain data (float32 values are written as the doubles they equal). */
  exportWeights(): LayerWeights[] {
    return readWeights(this.layers, this.parameters);
  }

  /** Sets the weights from plain data of the same shape (as {@link exportWeights} writes). */
  importWeights(weights: readonly LayerWeights[]): void {
    writeWeights(this.layers, this.parameters, weights);
  }
}
