// Fake quantization (quantize then dequantize, in float) and its clipped straight-through
// gradient, as torch.fake_quantize_per_{tensor,channel}_affine: the gradient passes where the
// ROUNDED code lies in [min, max] and is zero where the value was clipped.
import type { IntegerRange } from './ranges.js';
import { roundHalfToEven } from './rounding.js';

/** Fake-quantized values and the gradient mask (1 where the gradient passes, 0 where clipped). */
export interface FakeQuantized {
  values: Float32Array;
  mask: Uint8Array;
}

const fl32 = Math.fround;

/** Writes fake-quantized `values[from..to)` with one scale and zero point into `out` and `mask`. */
function fakeQuantizeSpan(
  values: ArrayLike<number>,
  from: number,
  to: number,
  scale: number,
  zeroPoint: number,
  range: IntegerRange,
  out: Float32Array,
  mask: Uint8Array,
): void {
  const s = fl32(scale);
  const inverse = fl32(1 / s);
  for (let i = from; i < to; i++) {
    const q = roundHalfToEven(fl32(fl32(values[i] as number) * inverse)) + zeroPoint;
    const inside = q >= range.min && q <= range.max;
    const clamped = q < range.min ? range.min : q > range.max ? range.max : q;
    out[i] = (clamped - zeroPoint) * s;
    mask[i] = inside ? 1 : 0;
  }
}

/** Fake quantization with one scale and zero point. */
export function fakeQuantizePerTensor(
  values: ArrayLike<number>,
  scale: number,
  zeroPoint: number,
  range: IntegerRange,
): FakeQuantized {
  const out = new Float32Array(values.length);
  const mask = new Uint8Array(values.length);
  fakeQuantizeSpan(values, 0, values.length, scale, zeroPoint, range, out, mask);
  return { values: out, mask };
}

/** Fake quantization of a row-major `[rows][columns]` matrix, one scale and zero point per row. */
export function fakeQuantizePerChannel(
  values: ArrayLike<number>,
  rows: number,
  scales: ArrayLike<number>,
  zeroPoints: ArrayLike<number>,
  range: IntegerRange,
): FakeQuantized {
  const columns = values.length / rows;
  const out = new Float32Array(values.length);
  const mask = new Uint8Array(values.length);
  for (let r = 0; r < rows; r++)
    fakeQuantizeSpan(
      values,
      r * columns,
      (r + 1) * columns,
      scales[r] as number,
      zeroPoints[r] as number,
      range,
      out,
      mask,
    );
  return { values: out, mask };
}

/** The straight-through gradient: `gradient` where the mask passes it, 0 elsewhere. */
export function fakeQuantizeGradient(gradient: ArrayLike<number>, mask: Uint8Array): Float64Array {
  const out = new Float64Array(gradient.length);
  for (let i = 0; i < gradient.length; i++)
    out[i] = mask[i] === 1 ? (gradient[i] as number) : 0 * (gradient[i] as number);
  return out;
}
