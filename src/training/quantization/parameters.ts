// Scales and zero points from observed ranges, as PyTorch's observers compute them in float32
// (torch/ao/quantization/observer.py `_calculate_qparams`): affine and symmetric, per tensor and
// per row. Symmetric scales divide the magnitude by half the range's width (amax/127.5 for
// -128..127), and every scale is at least the float32 epsilon, so an all-zero row stays finite.
import type { IntegerRange } from './ranges.js';
import { roundHalfToEven } from './rounding.js';

/** The smallest scale an observer returns: float32's machine epsilon, 2^-23. */
export const SCALE_EPSILON = 2 ** -23;

/** A scale (a float32 value) and an integer zero point. */
export interface QuantizationParameters {
  scale: number;
  zeroPoint: number;
}

const fl32 = Math.fround;

/**
 * Affine parameters covering [min, max] (widened to include 0) with `range`:
 * scale = (max - min) / (qmax - qmin), zeroPoint = qmin - round(min / scale), clamped. With no
 * data (min and max not finite) the scale is 1 and the zero point 0, as PyTorch does.
 */
export function affineParameters(
  min: number,
  max: number,
  range: IntegerRange,
): QuantizationParameters {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { scale: 1, zeroPoint: 0 };
  const minNegative = fl32(Math.min(min, 0));
  const maxPositive = fl32(Math.max(max, 0));
  const scale = Math.max(
    fl32(fl32(maxPositive - minNegative) / (range.max - range.min)),
    SCALE_EPSILON,
  );
  const shift = roundHalfToEven(fl32(minNegative / scale));
  const zeroPoint = Math.min(Math.max(range.min - shift, range.min), range.max);
  return { scale, zeroPoint };
}

/**
 * Symmetric parameters: scale = max(|min|, |max|) / ((qmax - qmin) / 2); the zero point is 0 for a
 * signed range and the middle code (128) for an unsigned one.
 */
export function symmetricParameters(
  min: number,
  max: number,
  range: IntegerRange,
): QuantizationParameters {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { scale: 1, zeroPoint: 0 };
  const magnitude = fl32(Math.max(-Math.min(min, 0), Math.max(max, 0)));
  const scale = Math.max(fl32(magnitude / ((range.max - range.min) / 2)), SCALE_EPSILON);
  return { scale, zeroPoint: range.min < 0 ? 0 : Math.floor((range.min + range.max + 1) / 2) };
}

/**
 * Per-row symmetric parameters of a row-major `[rows][columns]` matrix (per output channel, as
 * PyTorch's `PerChannelMinMaxObserver(ch_axis=0)`): one scale per row, zero points 0.
 */
export function perRowSymmetricParameters(
  values: ArrayLike<number>,
  rows: number,
  range: IntegerRange,
): { scales: Float64Array; zeroPoints: Int32Array } {
  const columns = rows === 0 ? 0 : values.length / rows;
  const scales = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let min = 0;
    let max = 0;
    for (let c = 0; c < columns; c++) {
      const value = fl32(values[r * columns + c] as number);
      if (value < min) min = value;
      if (value > max) max = value;
    }
    scales[r] = symmetricParameters(min, max, range).scale;
  }
  return { scales, zeroPoints: new Int32Array(rows) };
}
