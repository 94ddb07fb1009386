// The integer ranges quantized values live in: signed b-bit (full or narrow), unsigned 8-bit
// (optionally halved, PyTorch's `reduce_range`), and the parameters that name them.
import { ParameterError } from '../../core/errors.js';

/** An inclusive integer range, such as -128..127. */
export interface IntegerRange {
  min: number;
  max: number;
}

/**
 * How a value is divided by its scale. `torch` multiplies by the float32 reciprocal of the scale
 * (PyTorch, FBGEMM); `onnx` divides by the scale (ONNX Runtime's QuantizeLinear). They differ on
 * about one value in a few hundred thousand, by one step.
 */
export type RoundingConvention = 'torch' | 'onnx';

/** Weight bit widths kiln stores (in int8 containers). */
export const WEIGHT_BITS = [8, 4, 3, 2] as const;
export type WeightBits = (typeof WEIGHT_BITS)[number];

/**
 * Signed `bits`-bit range: full -2^(b-1)..2^(b-1)-1 (PyTorch's qint8 -128..127), or narrow
 * -(2^(b-1)-1)..2^(b-1)-1 (symmetric, TF-MOT's `narrow_range`), where a weight equal to its row's
 * maximum magnitude lands on the top code instead of half a step past it.
 */
export function signedRange(bits: number, narrow = false): IntegerRange {
  if (!Number.isInteger(bits) || bits < 2 || bits > 8) {
    throw new ParameterError(`quantization: bits must be an integer from 2 to 8 (got ${bits})`);
  }
  const top = 2 ** (bits - 1) - 1;
  return { min: narrow ? -top : -top - 1, max: top };
}

/** Unsigned 8-bit range 0..255, or 0..127 with `reduceRange` (x86 `vpmaddubsw` saturation). */
export function unsignedRange(reduceRange = false): IntegerRange {
  return { min: 0, max: reduceRange ? 127 : 255 };
}
