// Quantization-aware training of the activations, as PyTorch's QAT does it
// (torch.ao.quantization FakeQuantize with MovingAverageMinMaxObserver, quint8 0..255): the
// network's normalized input and every layer's output (hidden layers after their ReLU, the last
// layer's logits) pass through a fake quantizer in the forward pass. In training batches its
// observer first follows the block's range (moving average, constant 0.01; the first batch sets
// it), then the block is quantized and dequantized in place with the affine parameters of that
// range; the backward pass lets the gradient through where the rounded code lies inside 0..255 and
// zeroes it elsewhere (the clipped straight-through estimator). Conversion takes these ranges as
// the integer model's activation parameters, so the integer model computes what training saw.
import type { ActivationBlockVisitor, ActivationHook } from '../network.js';
import type { FloatArray } from '../optimizers/optimizer.js';
import { affineParameters } from './parameters.js';
import { unsignedRange } from './ranges.js';
import { roundHalfToEven } from './rounding.js';

/** An observed activation range. */
export interface ActivationRange {
  min: number;
  max: number;
}

const fl32 = Math.fround;
const RANGE = unsignedRange();
/** PyTorch's MovingAverageMinMaxObserver averaging constant. */
const AVERAGING_CONSTANT = 0.01;

/** Fake-quantizes a network's input and layer outputs (install it as its activation hook). */
export class ActivationFakeQuantizer implements ActivationHook {
  /** Index 0: the input; l + 1: layer l's output. Infinity/-Infinity until observed. */
  readonly ranges: ActivationRange[];
  /** True in training batches: observers update and masks are recorded. */
  training = false;
  private frozen = false;
  private readonly masks: Uint8Array[];

  /** `widths`: inputs, then every layer's outputs; `stride`: the network's block stride. */
  constructor(widths: readonly number[], stride: number) {
    this.ranges = widths.map(() => ({ min: Infinity, max: -Infinity }));
    this.masks = widths.map((w) => new Uint8Array(w * stride));
  }

  /** Keeps the current ranges from now on (PyTorch's `disable_observer`). */
  freeze(): void {
    this.frozen = true;
  }

  readonly forward: ActivationBlockVisitor = (index, values, offset, rows, count, stride) => {
    const range = this.ranges[index] as ActivationRange;
    if (this.training && !this.frozen) observe(range, values, offset, rows, count, stride);
    if (!(range.min <= range.max)) return;
    const { scale, zeroPoint } = affineParameters(range.min, range.max, RANGE);
    const inverse = fl32(1 / scale);
    const mask = this.masks[index] as Uint8Array;
    const record = this.training;
    for (let r = 0; r < rows; r++) {
      const base = offset + r * stride;
      for (let b = 0; b < count; b++) {
        const q = roundHalfToEven(fl32((values[base + b] as number) * inverse)) + zeroPoint;
        const inside = q >= RANGE.min && q <= RANGE.max;
        if (record) mask[r * stride + b] = inside ? 1 : 0;
        const clamped = inside ? q : q < RANGE.min ? RANGE.min : RANGE.max;
        values[base + b] = (clamped - zeroPoint) * scale;
      }
    }
  };

  readonly backward: ActivationBlockVisitor = (index, values, offset, rows, count, stride) => {
    const range = this.ranges[index] as ActivationRange;
    if (!(range.min <= range.max)) return;
    const mask = this.masks[index] as Uint8Array;
    for (let r = 0; r < rows; r++) {
      const base = offset + r * stride;
      for (let b = 0; b < count; b++) if (mask[r * stride + b] === 0) values[base + b] = 0;
    }
  };
}

/** One moving-average update of `range` from the block's own min and max (float32, as torch). */
function observe(
  range: ActivationRange,
  values: FloatArray,
  offset: number,
  rows: number,
  count: number,
  stride: number,
): void {
  let low = Infinity;
  let high = -Infinity;
  for (let r = 0; r < rows; r++) {
    const base = offset + r * stride;
    for (let b = 0; b < count; b++) {
      const v = fl32(values[base + b] as number);
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  if (!(low <= high)) return;
  if (!(range.min <= range.max)) {
    range.min = low;
    range.max = high;
    return;
  }
  range.min = fl32(range.min + AVERAGING_CONSTANT * (low - range.min));
  range.max = fl32(range.max + AVERAGING_CONSTANT * (high - range.max));
}
