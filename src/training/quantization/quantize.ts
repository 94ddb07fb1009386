// Quantization and dequantization of float values, per tensor and per row:
// q = clamp(round(x / scale) + zeroPoint, min, max) with halves rounded to even, the division done
// PyTorch's way (times the float32 reciprocal) or ONNX Runtime's (a float32 division).
import { ParameterError } from '../../core/errors.js';
import type { IntegerRange, RoundingConvention } from './ranges.js';
import { roundHalfToEven } from './rounding.js';

const fl32 = Math.fround;

/** x / scale in float32 under `convention`, before rounding. */
export function scaledValue(
  value: number,
  scale: number,
  convention: RoundingConvention = 'torch',
): number {
  return convention === 'torch'
    ? fl32(fl32(value) * fl32(1 / fl32(scale)))
    : fl32(fl32(value) / fl32(scale));
}

/** One value quantized: clamp(round(x / scale) + zeroPoint, range). */
export function quantizeValue(
  value: number,
  scale: number,
  zeroPoint: number,
  range: IntegerRange,
  convention: RoundingConvention = 'torch',
): number {
  const q = roundHalfToEven(scaledValue(value, scale, convention)) + zeroPoint;
  return q < range.min ? range.min : q > range.max ? range.max : q;
}

/** Every value quantized with one scale and zero point. */
export function quantizePerTensor(
  values: ArrayLike<number>,
  scale: number,
  zeroPoint: number,
  range: IntegerRange,
  convention: RoundingConvention = 'torch',
): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++)
    out[i] = quantizeValue(values[i] as number, scale, zeroPoint, range, convention);
  return out;
}

/** fl32((q - zeroPoint) * scale) for every value. */
export function dequantizePerTensor(
  q: ArrayLike<number>,
  scale: number,
  zeroPoint: number,
): Float32Array {
  const out = new Float32Array(q.length);
  const s = fl32(scale);
  for (let i = 0; i < q.length; i++) out[i] = ((q[i] as number) - zeroPoint) * s;
  return out;
}

function checkRows(what: string, length: number, rows: number, perRow: number): number {
  if (!Number.isInteger(rows) || rows < 1 || length % rows !== 0 || perRow !== rows) {
    throw new ParameterError(
      `${what}: values must form ${rows} rows with one scale and zero point each (got ${length} values, ${perRow} scales)`,
    );
  }
  return length / rows;
}

/** A row-major `[rows][columns]` matrix quantized row by row (PyTorch's per-channel, axis 0). */
export function quantizePerChannel(
  values: ArrayLike<number>,
  rows: number,
  scales: ArrayLike<number>,
  zeroPoints: ArrayLike<number>,
  range: IntegerRange,
  convention: RoundingConvention = 'torch',
): Int32Array {
  const columns = checkRows('quantizePerChannel', values.length, rows, scales.length);
  const out = new Int32Array(values.length);
  for (let r = 0; r < rows; r++) {
    const scale = scales[r] as number;
    const zeroPoint = zeroPoints[r] as number;
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      out[i] = quantizeValue(values[i] as number, scale, zeroPoint, range, convention);
    }
  }
  return out;
}

/** The float32 values of a matrix quantized row by row. */
export function dequantizePerChannel(
  q: ArrayLike<number>,
  rows: number,
  scales: ArrayLike<number>,
  zeroPoints: ArrayLike<number>,
): Float32Array {
  const columns = checkRows('dequantizePerChannel', q.length, rows, scales.length);
  const out = new Float32Array(q.length);
  for (let r = 0; r < rows; r++) {
    const scale = fl32(scales[r] as number);
    const zeroPoint = zeroPoints[r] as number;
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      out[i] = ((q[i] as number) - zeroPoint) * scale;
    }
  }
  return out;
}
