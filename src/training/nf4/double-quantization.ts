// Double quantization (QLoRA): the float32 absmax of each NF4 block, minus their mean, coded in
// 8 bits with bitsandbytes' signed dynamic map, in blocks of 256 with a float32 absmax each.
import { dequantizeBlockwise, quantizeBlockwise, tableMidpoints } from './blockwise.js';
import { DYNAMIC_MAP } from './dynamic-map.js';

/** Block scales coded in 8 bits. */
export interface QuantizedScales {
  /** The float32 mean subtracted before coding. */
  offset: number;
  /** Scales per second-level block. @defaultValue 256 */
  blockSize: number;
  /** One 8-bit code (index into the dynamic map) per scale. */
  codes: Uint8Array;
  /** The float32 absmax of each second-level block of centered scales. */
  absmax: Float32Array;
}

const MAP_MIDPOINTS = tableMidpoints(DYNAMIC_MAP);

/** The float32 mean of `values` (summed in float64, then rounded). */
export function float32Mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return Math.fround(sum / values.length);
}

/** Codes `scales` in 8 bits; `offset` defaults to their float32 mean. */
export function quantizeScales(
  scales: ArrayLike<number>,
  offset = float32Mean(scales),
  blockSize = 256,
): QuantizedScales {
  const centered = new Float32Array(scales.length);
  for (let i = 0; i < scales.length; i++) centered[i] = Math.fround((scales[i] as number) - offset);
  const { codes, absmax } = quantizeBlockwise(centered, MAP_MIDPOINTS, blockSize);
  return { offset, blockSize, codes, absmax };
}

/** The scales back: fl32(fl32(map[code] * absmax2) + offset). */
export function dequantizeScales(scales: QuantizedScales): Float32Array {
  const values = dequantizeBlockwise(scales.codes, scales.absmax, DYNAMIC_MAP, scales.blockSize);
  for (let i = 0; i < values.length; i++)
    values[i] = Math.fround((values[i] as number) + scales.offset);
  return values;
}
