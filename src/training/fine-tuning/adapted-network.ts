// A network being fine-tuned: frozen base layers (float, or NF4 dequantized on the fly) with
// optional LoRA adapters (Hu et al. 2021, arXiv:2106.09685; PEFT's y = W x + b + s·B(A x)), and
// trainable layers; only the trainable parameters get gradients and optimizer state. Every
// product runs in the dense WebAssembly kernels; B·A is never formed during training. The passes
// live in adapted-forward.ts and adapted-backward.ts, the weights' export in adapted-export.ts.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { AdamScalars } from '../kernels/adam-kernel.js';
import { createKernels, type DenseKernels, type Precision } from '../kernels/dense-kernels.js';
import type { LossBlock } from '../losses.js';
import type { Architecture, LayerWeights } from '../network.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import { adamStepAt, blockColumns, loadBatch } from '../network-steps.js';
import { checkNetworkMemory } from '../network-memory.js';
import { layoutAdapted, type AdaptedLayout, type LayerRegions } from './adapted-layout.js';
import { backwardAdapted } from './adapted-backward.js';
import { adapterWeightsOf, layerWeightsAt, mergedWeights } from './adapted-export.js';
import { forwardAdapted, type AdaptedPass } from './adapted-forward.js';
import {
  checkAdaptedNetworkOptions,
  type AdaptedNetworkOptions,
  type AdapterWeights,
  type ComputePrecision,
} from './adapted-network-options.js';
import { storeLayerPlan, writeAdapterMatrix } from './adapted-parts.js';

/** A fine-tuned network (options: {@link AdaptedNetworkOptions}); the trainer uses it as it uses a Network. */
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
  /** The NF4 layer whose base and adapters the shared matrix holds (-1: none). */
  private scratchLayer = -1;
  /** What the passes read (adapted-forward.ts, adapted-backward.ts). */
  private readonly pass: AdaptedPass;

  constructor(options: AdaptedNetworkOptions) {
    const { architecture, precision, capacity, layers } = options;
    const widths = checkAdaptedNetworkOptions(options);
    this.computePrecision = options.computePrecision ?? 'float32';
    this.adapterDropout = options.adapterDropout ?? 0;
    this.architecture = Object.freeze({
      ...architecture,
      hidden: architecture.hidden.slice(),
      dropout: architecture.dropout.slice(),
    });
    this.precision = precision;
    this.capacity = capacity;
    this.stride = blockColumns(capacity, precision);
    this.bytes = precision === 'float32' ? 4 : 8;
    this.layout = layoutAdapted(
      layers,
      widths,
      this.stride,
      this.bytes,
      options.optimizerBuffers ?? 0,
      this.adapterDropout > 0,
    );
    const lora = layers.some((plan) => plan.rank > 0);
    checkNetworkMemory(
      this.layout.elements * this.bytes,
      lora ? '/lora/rank' : '/model/hidden',
      lora ? 'use a smaller rank' : 'fine-tune a smaller model',
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
    this.pass = {
      architecture: this.architecture,
      precision,
      computePrecision: this.computePrecision,
      adapterDropout: this.adapterDropout,
      values: this.values,
      parameters: this.parameters,
      gradients: this.gradients,
      kernels,
      layout: this.layout,
      stride: this.stride,
      bytes: this.bytes,
      lowest: this.lowest,
      prepare: (l, forward) => this.prepare(l, forward),
    };
    layers.forEach((plan, l) =>
      storeLayerPlan(this.values, this.parameters, plan, this.layout.layers[l] as LayerRegions),
    );
  }

  /** Copies samples `order[start .. start + count)` of row-major `features` into the input block. */
  loadInputs(
    features: Float64Array | Float32Array,
    order: Int32Array,
    start: number,
    count: number,
  ): void {
    loadBatch(this, features, order, start, count);
  }

  /** The columns a block of `count` samples occupies. */
  columns(count: number): number {
    return blockColumns(count, this.precision);
  }

  /** Puts the current adapters (and, for NF4, the dequantized base) into layer `l`'s matrix. */
  private prepare(l: number, forward: boolean): void {
    const layer = this.layout.layers[l] as LayerRegions;
    if (layer.trainable || (!forward && layer.nf4 === undefined)) return;
    if (layer.nf4 === undefined && layer.rank === 0) return;
    // Backward right after forward: the adapters have not changed since forward wrote them, and
    // the shared NF4 matrix may still hold this layer (the top one): no second dequantization.
    if (!forward && this.scratchLayer === l) return;
    const bfloat16 = this.computePrecision === 'bfloat16';
    // Backward through the lowest trained layer needs no dX, hence no base weight.
    const withBase = forward || l > this.lowest;
    writeAdapterMatrix(this.values, this.parameters, layer, bfloat16, withBase);
    if (layer.nf4 !== undefined) this.scratchLayer = withBase ? l : -1;
  }

  /** Forward pass over `count` samples; `dropoutRng` turns LoRA dropout on (training). */
  forward(count: number, dropoutRng?: Rng): void {
    forwardAdapted(this.pass, count, dropoutRng);
  }

  /** Backward pass after {@link forward}: gradients of the trainable parameters only. */
  backward(count: number, l2: number, dropout: boolean): void {
    backwardAdapted(this.pass, count, l2, dropout);
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
    return adapterWeightsOf(this.layout, this.parameters);
  }

  /** The trainable layers' weights (by layer index). */
  exportTrainedLayers(): { layer: number; weights: LayerWeights }[] {
    return this.layout.layers.flatMap((layer, l) =>
      layer.trainable
        ? [{ layer: l, weights: layerWeightsAt(this.values, layer, layer.matrix) }]
        : [],
    );
  }

  /** Every layer's weights with the adapters merged in (W0 + s·B·A in float64). */
  exportWeights(): LayerWeights[] {
    return mergedWeights(
      this.layout,
      this.values,
      this.exportAdapters(),
      (l) => this.baseWeights(l),
      this.precision === 'float32',
    );
  }

  /** The frozen weight of layer `l` as the network computes with it (dequantized for NF4; bfloat16 as stored). */
  baseWeights(l: number): LayerWeights {
    const layer = this.layout.layers[l] as LayerRegions;
    if (layer.nf4 !== undefined) {
      writeAdapterMatrix(this.values, this.parameters, layer, false);
      this.scratchLayer = -1;
    }
    return layerWeightsAt(this.values, layer, layer.matrix);
  }
}
