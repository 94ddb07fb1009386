// Requantization of int32 accumulators to 8-bit outputs, the last step of an integer Linear:
// y = clamp(round((acc * inputScale * weightScale + bias) / outputScale) + zeroPoint, 0, 255).
// `torch` evaluates it in float64, which equals PyTorch's onednn quantized Linear bit for bit;
// `onnx` in float32 step by step, as the exported graph (Cast, Mul, Add, QuantizeLinear) does.
import type { RoundingConvention } from './ranges.js';
import { roundHalfToEven } from './rounding.js';

const fl32 = Math.fround;

/** The constants of one output channel's requantization. */
export interface RequantizeChannel {
  /** inputScale * weightScale[c]: float64 under `torch`, rounded to float32 under `onnx`. */
  multiplier: number;
  bias: number;
}

/** inputScale * weightScale under `convention`. */
export function requantizeMultiplier(
  inputScale: number,
  weightScale: number,
  convention: RoundingConvention,
): number {
  return convention === 'torch' ? inputScale * weightScale : fl32(inputScale * weightScale);
}

/**
 * The 8-bit output code of accumulator `accumulator`: affine with `outputScale`/`outputZeroPoint`
 * and clamped to [low, 255] (low = the zero point with a fused ReLU, else 0).
 */
export function requantize(
  accumulator: number,
  channel: RequantizeChannel,
  outputScale: number,
  outputZeroPoint: number,
  low: number,
  convention: RoundingConvention,
): number {
  const real =
    convention === 'torch'
      ? (accumulator * channel.multiplier + channel.bias) / outputScale
      : fl32(fl32(fl32(fl32(accumulator) * channel.multiplier) + fl32(channel.bias)) / outputScale);
  const q = roundHalfToEven(real) + outputZeroPoint;
  return q < low ? low : q > 255 ? 255 : q;
}
