// Quantization-aware training of the weights: before each forward pass the network's float
// weights (the master copy) are replaced by their fake-quantized values, per row or per tensor,
// symmetric; after the backward pass the master weights come back and the gradient of every
// clipped weight is zeroed (the clipped straight-through estimator). Clipped means more than half
// a step outside the code range, measured before rounding: PyTorch's mask tests the rounded code,
// so a row's largest weight, which amax/127.5 puts on 127.5 (rounded to 128, clamped to 127),
// loses its gradient there in most rows; here it keeps it.
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
          const scaled = fl32(fl32(weights[i] as number) * inverse);
          const q = roundHalfToEven(scaled);
          this.mask[layer.weightOffset + i] = scaled >= min - 0.5 && scaled <= max + 0.5 ? 1 : 0;
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
