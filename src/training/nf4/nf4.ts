// NF4, the 4-bit NormalFloat of QLoRA (Dettmers et al. 2023, arXiv:2305.14314), as bitsandbytes
// stores it: block-wise absmax scaling onto 16 normal-quantile levels, two codes per byte with the
// first in the high nibble, and optionally double quantization of the block scales.
import { ParameterError } from '../../core/errors.js';
import { dequantizeBlockwise, quantizeBlockwise, tableMidpoints } from './blockwise.js';
import { dequantizeScales, quantizeScales, type QuantizedScales } from './double-quantization.js';

/** The 16 NF4 levels by code (bitsandbytes get_4bit_type("nf4")), float32: exact -1, 0 and 1. */
export const NF4_TABLE: readonly number[] = Object.freeze([
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
  -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
  0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
  0.7229568362236023, 1.0,
]);

/** Float32 midpoints between neighbouring NF4 levels (15 values). */
export const NF4_MIDPOINTS: Float32Array = tableMidpoints(NF4_TABLE);

/** An NF4-quantized tensor (flattened row-major). */
export interface Nf4Tensor {
  /** Number of values. */
  length: number;
  /** Values per absmax block (bitsandbytes: 64; 32..4096). */
  blockSize: number;
  /** Two codes per byte, the first in the high nibble; an odd length pads the last low nibble. */
  packed: Uint8Array;
  /** Per-block absmax in float32 (without double quantization). */
  absmax?: Float32Array;
  /** Per-block absmax coded in 8 bits (with double quantization). */
  scales?: QuantizedScales;
}

/** Options of {@link quantizeNf4}. */
export interface Nf4Options {
  /** @defaultValue 64 */
  blockSize?: number;
  /** Code the block absmax values in 8 bits, blocks of 256 (QLoRA's double quantization). @defaultValue false */
  doubleQuantization?: boolean;
}

/** Packs 4-bit codes two per byte, the first of each pair in the high nibble. */
export function packNibbles(codes: ArrayLike<number>): Uint8Array {
  const packed = new Uint8Array(Math.ceil(codes.length / 2));
  for (let i = 0; i < codes.length; i++) {
    const code = (codes[i] as number) & 15;
    const j = i >> 1;
    packed[j] = (packed[j] as number) | (i % 2 === 0 ? code << 4 : code);
  }
  return packed;
}

/** The `length` 4-bit codes of {@link packNibbles}' bytes. */
export function unpackNibbles(packed: Uint8Array, length: number): Uint8Array {
  const codes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const byte = packed[i >> 1] as number;
    codes[i] = i % 2 === 0 ? byte >> 4 : byte & 15;
  }
  return codes;
}

/** Throws unless `blockSize` is a power of two in 32..4096 (bitsandbytes' block sizes). */
export function checkBlockSize(blockSize: number, where = 'nf4'): void {
  const ok = Number.isInteger(blockSize) && blockSize >= 32 && blockSize <= 4096;
  if (!ok || (blockSize & (blockSize - 1)) !== 0)
    throw new ParameterError(
      `${where}: blockSize must be a power of two in 32..4096 (got ${blockSize})`,
    );
}

/** The NF4 codes (one per value) and float32 block absmax of `values`. */
export function nf4Codes(
  values: ArrayLike<number>,
  blockSize = 64,
): { codes: Uint8Array; absmax: Float32Array } {
  checkBlockSize(blockSize);
  return quantizeBlockwise(values, NF4_MIDPOINTS, blockSize);
}

/** Quantizes `values` (read as float32) to NF4. */
export function quantizeNf4(values: ArrayLike<number>, options: Nf4Options = {}): Nf4Tensor {
  const blockSize = options.blockSize ?? 64;
  const { codes, absmax } = nf4Codes(values, blockSize);
  const tensor: Nf4Tensor = { length: values.length, blockSize, packed: packNibbles(codes) };
  if (options.doubleQuantization === true) tensor.scales = quantizeScales(absmax);
  else tensor.absmax = absmax;
  return tensor;
}

/** The block absmax values of `tensor` (reconstructed from their 8-bit codes with double quantization). */
export function nf4Absmax(tensor: Nf4Tensor): Float32Array {
  if (tensor.absmax !== undefined) return tensor.absmax;
  if (tensor.scales !== undefined) return dequantizeScales(tensor.scales);
  throw new ParameterError('nf4: a tensor must hold absmax or scales');
}

/** The float32 values of an NF4 tensor: fl32(level[code] * absmax of its block). */
export function dequantizeNf4(
  tensor: Nf4Tensor,
  out: Float32Array = new Float32Array(tensor.length),
): Float32Array {
  const codes = unpackNibbles(tensor.packed, tensor.length);
  return dequantizeBlockwise(codes, nf4Absmax(tensor), NF4_TABLE, tensor.blockSize, out);
}

/**
 * Storage bytes of `count` values in NF4: half a byte per value, plus 4 bytes per block absmax,
 * or with double quantization 1 byte per block, 4 per 256 blocks and 4 for the mean.
 */
export function nf4Bytes(count: number, blockSize: number, doubleQuantization: boolean): number {
  const blocks = Math.ceil(count / blockSize);
  const codes = Math.ceil(count / 2);
  if (!doubleQuantization) return codes + 4 * blocks;
  return codes + blocks + 4 * Math.ceil(blocks / 256) + 4;
}
