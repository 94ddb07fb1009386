// A network being fine-tuned: frozen base layers (float, or NF4 dequantized on the fly) with
// optional LoRA adapters (Hu et al. 2021, arXiv:2106.09685; PEFT's y = W x + b + s·B(A x)), and
// trainable layers; only the trainable parameters get gradients and optimizer state. Every
// product runs in the dense WebAssembly kernels; B·A is never formed during training.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { activateBlock, activationBackwardBlock } from '../activations.js';
import type { AdamScalars } from '../kernels/adam-kernel.js';
import {
  createKernels,
  lanesOf,
  type DenseKernels,
  type Precision,
} from '../kernels/dense-kernels.js';
import type { LossBlock } from '../losses.js';
import type { Architecture, LayerWeights } from '../network.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import { adamStepAt, loadInputBlock } from '../network-steps.js';
import { roundArrayToBfloat16 } from '../nf4/bfloat16.js';
import {
  layoutAdapted,
  type AdaptedLayerPlan,
  type AdaptedLayout,
  type LayerRegions,
} from './adapted-layout.js';
import { mergeLayer } from './lora.js';
import { adapterGradients, writeBaseMatrix, writeAdapterMatrix } from './adapted-parts.js';

/** How the frozen base is computed with. */
export type ComputePrecision = 'float32' | 'bfloat16';

/** A LoRA adapter's trained matrices, row-major. */
export interface AdapterWeights {
  layer: number;
  rank: number;
  scaling: number;
  /** [rank][inputs]. */
  a: number[];
  /** [outputs][rank]. */
  b: number[];
}

/** Options of {@link AdaptedNetwork}. */
export interface AdaptedNetworkOptions {
  architecture: Architecture;
  precision: Precision;
  capacity: number;
  layers: AdaptedLayerPlan[];
  optimizerBuffers?: number;
  /** Dropout on the adapters' input (PEFT lora_dropout). @defaultValue 0 */
  adapterDropout?: number;
  /** bfloat16: frozen weights, adapters and layer inputs and outputs rounded to bfloat16. @defaultValue "float32" */
  computePrecision?: ComputePrecision;
}

/** A fine-tuned network; the trainer uses it as it uses a Network. */
export class AdaptedNetwork {
  readonly architecture: Readonly<Architecture>;
  readonly precision: Precision;
  readonly capacity: number;
  readonly stride: number;
  readonly parameterCount: number;
  readonly parameters: FloatArray;
  readonly gradients: FloatArray;
  readonly optimizerBuffers: FloatArray[];
  readonly values: FloatArray;
  readonly inputOffset: number;
  readonly output: LossBlock;
  readonly layout: AdaptedLayout;
  readonly computePrecision: ComputePrecision;
  readonly adapterDropout: number;

  private readonly kernels: DenseKernels;
  private readonly bytes: number;
  /** The lowest layer that needs gradients: backward stops there. */
  private readonly lowest: number;

  constructor(options: AdaptedNetworkOptions) {
    const { architecture, precision, capacity, layers } = options;
    const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
    if (layers.length !== widths.length - 1)
      throw new ParameterError(
        `adapted network: layers must hold ${widths.length - 1} plans (got ${layers.length})`,
      );
    if (architecture.dropout.some((rate) => rate > 0))
      throw new ParameterError(
        'adapted network: model.dropout must be 0 when fine-tuning with frozen layers or LoRA (use lora.dropout)',
      );
    this.computePrecision = options.computePrecision ?? 'float32';
    if (this.computePrecision === 'bfloat16' && precision !== 'float32')
      throw new ParameterError(
        `adapted network: computePrecision bfloat16 needs precision float32 (got ${precision})`,
      );
    this.adapterDropout = options.adapterDropout ?? 0;
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
    this.layout = layoutAdapted(
      layers,
      widths,
      this.stride,
      this.bytes,
      options.optimizerBuffers ?? 0,
      this.adapterDropout > 0,
    );
    const { kernels, buffer } = createKernels(precision, this.layout.elements * this.bytes);
    this.kernels = kernels;
    this.values = precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
    const view = (start: number, length: number): FloatArray =>
      this.values.subarray(start, start + length);
    const count = this.layout.trainableCount;
    this.parameterCount = count;
    this.parameters = view(this.layout.parameters, count);
    this.gradients = view(this.layout.gradients, count);
    this.optimizerBuffers = this.layout.optimizer.map((start) => view(start, count));
    this.inputOffset = this.layout.input;
    const last = this.layout.layers[this.layout.layers.length - 1] as LayerRegions;
    this.output = {
      z: this.values,
      offset: last.z,
      stride: this.stride,
      dz: this.values,
      gradientOffset: last.dz,
    };
    this.lowest = this.layout.layers.findIndex((l) => l.trainable || l.rank > 0);
    if (this.lowest < 0)
      throw new ParameterError(
        'adapted network: nothing to train (every layer is frozen and none has an adapter)',
      );
    layers.forEach((plan, l) => this.store(plan, this.layout.layers[l] as LayerRegions));
  }

  private store(plan: AdaptedLayerPlan, layer: LayerRegions): void {
    const { weight, bias } = plan.weights;
    this.values.set(bias, layer.bias);
    if (layer.nf4 === undefined) writeBaseMatrix(this.values, layer, weight);
    if (layer.rank > 0) {
      if (plan.adapterA !== undefined)
        this.parameters.set(Array.from(plan.adapterA), layer.adapterA);
      if (plan.adapterB !== undefined)
        this.parameters.set(Array.from(plan.adapterB), layer.adapterB);
    }
  }

  /** Copies samples `order[start .. start + count)` of row-major `features` into the input block. */
  loadInputs(
    features: Float64Array | Float32Array,
    order: Int32Array,
    start: number,
    count: number,
  ): void {
    const { inputs } = this.architecture;
    const { values, inputOffset, stride } = this;
    loadInputBlock(
      values,
      inputOffset,
      stride,
      inputs,
      this.columns(count),
      features,
      order,
      start,
      count,
    );
  }

  /** The columns a block of `count` samples occupies. */
  columns(count: number): number {
    const lanes = lanesOf(this.precision);
    return Math.ceil(count / lanes) * lanes;
  }

  /** Puts the current adapters (and, for NF4, the dequantized base) into layer `l`'s matrix. */
  private prepare(l: number, forward: boolean): void {
    const layer = this.layout.layers[l] as LayerRegions;
    if (layer.trainable || (!forward && layer.nf4 === undefined)) return;
    if (layer.nf4 === undefined && layer.rank === 0) return;
    const bfloat16 = this.computePrecision === 'bfloat16';
    // Backward through the lowest trained layer needs no dX, hence no base weight.
    const withBase = forward || l > this.lowest;
    writeAdapterMatrix(this.values, this.parameters, layer, bfloat16, withBase);
  }

  /** Forward pass over `count` samples; `dropoutRng` turns LoRA dropout on (training). */
  forward(count: number, dropoutRng?: Rng): void {
    const { activation, negativeSlope } = this.architecture;
    const e = this.bytes;
    const columns = this.columns(count);
    const columnBytes = columns * e;
    const strideBytes = this.stride * e;
    const bfloat16 = this.computePrecision === 'bfloat16';
    let input = this.layout.input;
    const layers = this.layout.layers;
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l] as LayerRegions;
      const { inputs, outputs, rank } = layer;
      this.prepare(l, true);
      if (bfloat16) this.roundRows(input, inputs, columns);
      if (rank > 0) {
        let adapterInput = input;
        if (this.adapterDropout > 0 && dropoutRng !== undefined) {
          this.drawMask(layer.mask, inputs, count, dropoutRng);
          this.kernels.multiply(input * e, layer.mask * e, layer.dropped * e, inputs * strideBytes);
          adapterInput = layer.dropped;
        }
        const a = layer.matrix + outputs * layer.matrixRow;
        this.kernels.matmul(
          a * e,
          layer.matrixRow * e,
          e,
          adapterInput * e,
          strideBytes,
          (input + inputs * this.stride) * e,
          strideBytes,
          rank,
          inputs,
          columnBytes,
          this.layout.zeros * e,
        );
        if (bfloat16) this.roundRows(input + inputs * this.stride, rank, columns);
      }
      this.kernels.matmul(
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
      if (bfloat16) this.roundRows(layer.z, outputs, columns);
      if (l === layers.length - 1) break;
      const blockBytes = outputs * strideBytes;
      if (activation === 'relu') this.kernels.relu(layer.z * e, layer.a * e, blockBytes);
      else if (activation === 'leaky-relu')
        this.kernels.leakyRelu(layer.z * e, layer.a * e, blockBytes, negativeSlope);
      else activateBlock(activation, this.values, layer.z, layer.a, outputs, columns, this.stride);
      input = layer.a;
    }
  }

  /** Backward pass after {@link forward}: gradients of the trainable parameters only. */
  backward(count: number, l2: number, dropout: boolean): void {
    const { activation, negativeSlope } = this.architecture;
    const e = this.bytes;
    const columns = this.columns(count);
    const columnBytes = columns * e;
    const strideBytes = this.stride * e;
    const layers = this.layout.layers;
    const k = this.kernels;
    const zeros = this.layout.zeros * e;
    for (let l = layers.length - 1; l >= this.lowest; l--) {
      const layer = layers[l] as LayerRegions;
      const { inputs, outputs, rank } = layer;
      const previous = l > 0 ? (layers[l - 1] as LayerRegions) : undefined;
      const input = previous === undefined ? this.layout.input : previous.a;
      this.prepare(l, false);
      const gradients = this.layout.gradients;
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
      const adapterDropout = dropout && rank > 0 && this.adapterDropout > 0;
      const dU = layer.dz + outputs * this.stride;
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
        const sink = this.layout.sink * e;
        const parameters = this.layout.parameters;
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
          (input + inputs * this.stride) * e,
          strideBytes,
          (gradients + layer.adapterB) * e,
          sink,
          outputs,
          rank,
          columnBytes,
          (parameters + layer.adapterB) * e,
          0,
        );
        adapterGradients(this.parameters, this.gradients, layer, l2);
      }
      if (previous === undefined || l === this.lowest) break;
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
      if (adapterDropout) this.addDroppedInputGradient(layer, previous.da, columns);
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
          this.values,
          previous.da,
          previous.z,
          previous.a,
          previous.dz,
          inputs,
          columns,
          this.stride,
        );
    }
  }

  /** dX += mask ⊙ (A^T dU), with dropout on the adapter's input. */
  private addDroppedInputGradient(layer: LayerRegions, da: number, columns: number): void {
    const e = this.bytes;
    const strideBytes = this.stride * e;
    const { inputs, outputs, rank } = layer;
    const dU = layer.dz + outputs * this.stride;
    const a = layer.matrix + outputs * layer.matrixRow;
    this.kernels.matmul(
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
      this.layout.zeros * e,
    );
    this.kernels.multiply(
      layer.temporary * e,
      layer.mask * e,
      layer.temporary * e,
      inputs * strideBytes,
    );
    const values = this.values;
    for (let r = 0; r < inputs; r++) {
      const to = da + r * this.stride;
      const from = layer.temporary + r * this.stride;
      for (let b = 0; b < columns; b++)
        values[to + b] = (values[to + b] as number) + (values[from + b] as number);
    }
  }

  private drawMask(offset: number, rows: number, count: number, rng: Rng): void {
    const rate = this.adapterDropout;
    const keep = 1 / (1 - rate);
    for (let r = 0; r < rows; r++) {
      const row = offset + r * this.stride;
      for (let b = 0; b < count; b++) this.values[row + b] = rng.next() < rate ? 0 : keep;
    }
  }

  private roundRows(offset: number, rows: number, columns: number): void {
    const values = this.values as Float32Array;
    for (let r = 0; r < rows; r++)
      roundArrayToBfloat16(values, offset + r * this.stride, offset + r * this.stride + columns);
  }

  /** One Adam step of the trainable parameters, with the moments in optimizer buffers 0 and 1 (2: AMSGrad). */
  adamStep(s: AdamScalars, amsgrad: boolean): void {
    const e = this.bytes;
    adamStepAt(
      this.kernels,
      {
        parameters: this.layout.parameters * e,
        gradients: this.layout.gradients * e,
        moments: this.layout.optimizer.map((start) => start * e),
        bytes: Math.ceil((this.parameterCount * e) / 16) * 16,
      },
      s,
      amsgrad,
    );
  }

  /** The trained adapters as plain data. */
  exportAdapters(): AdapterWeights[] {
    return this.layout.layers.flatMap((layer, l) => {
      if (layer.rank === 0) return [];
      const { rank, inputs, outputs } = layer;
      const a = Array.from(
        this.parameters.subarray(layer.adapterA, layer.adapterA + rank * inputs),
      );
      const b = Array.from(
        this.parameters.subarray(layer.adapterB, layer.adapterB + outputs * rank),
      );
      return [{ layer: l, rank, scaling: layer.scaling, a, b }];
    });
  }

  /** The trainable layers' weights (by layer index). */
  exportTrainedLayers(): { layer: number; weights: LayerWeights }[] {
    return this.layout.layers.flatMap((layer, l) =>
      layer.trainable ? [{ layer: l, weights: this.layerWeights(layer, layer.matrix) }] : [],
    );
  }

  /** A layer's [outputs][inputs] weight read from `matrix` (row length {@link LayerRegions.matrixRow}) and its bias. */
  private layerWeights(layer: LayerRegions, matrix: number): LayerWeights {
    const weight: number[][] = [];
    for (let o = 0; o < layer.outputs; o++) {
      const start = matrix + o * layer.matrixRow;
      weight.push(Array.from(this.values.subarray(start, start + layer.inputs)));
    }
    return {
      weight,
      bias: Array.from(this.values.subarray(layer.bias, layer.bias + layer.outputs)),
    };
  }

  /** Every layer's weights with the adapters merged in (W0 + s·B·A in float64). */
  exportWeights(): LayerWeights[] {
    const adapters = new Map(this.exportAdapters().map((a) => [a.layer, a]));
    const float32 = this.precision === 'float32';
    return this.layout.layers.map((layer, l) => {
      if (layer.trainable) return this.layerWeights(layer, layer.matrix);
      const base = this.baseWeights(l);
      const adapter = adapters.get(l);
      if (adapter === undefined) return base;
      return mergeLayer(base, adapter.a, adapter.b, adapter.rank, adapter.scaling, float32).merged;
    });
  }

  /** The frozen weight of layer `l` as the network computes with it (dequantized for NF4; bfloat16 as stored). */
  baseWeights(l: number): LayerWeights {
    const layer = this.layout.layers[l] as LayerRegions;
    if (layer.nf4 !== undefined) writeAdapterMatrix(this.values, this.parameters, layer, false);
    return this.layerWeights(layer, layer.matrix);
  }
}
