// Quantization-aware training of the weights: before each forward pass the network's float
// weights (the master copy) are replaced by their fake-quantized values, per row or per tensor,
// symmetric; after the backward pass the master weights come back and the gradient of every
// weight whose code was clipped is zeroed (the clipped straight-through estimator). The default
// narrow range puts a row's largest weight on the top code, so it keeps its gradient (with the
// full range and amax/127.5 it lands on 127.5, rounds to 128, is clipped and loses it).
import type { Network } from '../network.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import { perRowSymmetricParameters, symmetricParameters } from './parameters.js';
import type { WeightRange, WeightScheme } from './quantized-model.js';
import { signedRange, type IntegerRange, type WeightBits } from './ranges.js';
import { roundHalfToEven } from './rounding.js';

/** The weight quantization simulated in training. */
export interface WeightQuantization {
  bits: WeightBits;
  scheme: WeightScheme;
  range: WeightRange;
}

const fl32 = Math.fround;

/** Swaps a network's weights for their fake-quantized values around each training step. */
export class WeightFakeQuantizer {
  private readonly master: FloatArray;
  private readonly mask: Uint8Array;
  private readonly range: IntegerRange;
  private readonly scales: Float64Array[];
  private frozen = false;
  private active = false;

  constructor(
    private readonly network: Network,
    private readonly settings: WeightQuantization,
  ) {
    this.master = network.parameters.slice();
    this.mask = new Uint8Array(network.parameterCount).fill(1);
    this.range = signedRange(settings.bits, settings.range === 'narrow');
    this.scales = network.layers.map((layer) => new Float64Array(layer.outputs));
  }

  /** Keeps the current scales from now on (PyTorch's `disable_observer`). */
  freeze(): void {
    this.frozen = true;
  }

  /** Writes the fake-quantized weights into the network, keeping the float ones aside. */
  apply(): void {
    if (this.active) return;
    const parameters = this.network.parameters;
    this.master.set(parameters);
    const { min, max } = this.range;
    this.network.layers.forEach((layer, l) => {
      const weights = parameters.subarray(
        layer.weightOffset,
        layer.weightOffset + layer.inputs * layer.outputs,
      );
      const scales = this.scales[l] as Float64Array;
      if (!this.frozen) this.observe(weights, layer.outputs, scales);
      for (let o = 0; o < layer.outputs; o++) {
        const scale = scales[o] as number;
        const inverse = fl32(1 / scale);
        for (let k = 0; k < layer.inputs; k++) {
          const i = o * layer.inputs + k;
          const q = roundHalfToEven(fl32(fl32(weights[i] as number) * inverse));
          this.mask[layer.weightOffset + i] = q >= min && q <= max ? 1 : 0;
          weights[i] = (q < min ? min : q > max ? max : q) * scale;
        }
      }
    });
    this.active = true;
  }

  /** Restores the float weights and zeroes the gradients of clipped weights. */
  restore(maskGradients: boolean): void {
    if (!this.active) return;
    this.network.parameters.set(this.master);
    if (maskGradients) {
      const gradients = this.network.gradients;
      const mask = this.mask;
      for (let i = 0; i < mask.length; i++) if (mask[i] === 0) gradients[i] = 0;
    }
    this.active = false;
  }

  private observe(weights: FloatArray, rows: number, scales: Float64Array): void {
    if (this.settings.scheme === 'per-channel') {
      scales.set(perRowSymmetricParameters(weights, rows, this.range).scales);
      return;
    }
    let low = 0;
    let high = 0;
    for (const w of weights) {
      low = Math.min(low, fl32(w));
      high = Math.max(high, fl32(w));
    }
    scales.fill(symmetricParameters(low, high, this.range).scale);
  }
}
