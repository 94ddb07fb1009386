// Block-wise absmax quantization against a sorted code table, as bitsandbytes does it for NF4
// and for double quantization: each block of the flattened tensor is scaled by the reciprocal of
// its largest magnitude and each value takes the code of the nearest table entry.

/** Codes and per-block absolute maxima of a block-wise quantized tensor. */
export interface BlockwiseCodes {
  /** One code (table index) per value. */
  codes: Uint8Array;
  /** The largest |value| of each block (float32). */
  absmax: Float32Array;
}

const fround = Math.fround;
const TINY = fround(1e-38);

/** The float32 midpoints between neighbouring entries of a sorted table. */
export function tableMidpoints(table: readonly number[]): Float32Array {
  const midpoints = new Float32Array(table.length - 1);
  for (let i = 0; i + 1 < table.length; i++)
    midpoints[i] = fround(((table[i] as number) + (table[i + 1] as number)) / 2);
  return midpoints;
}

/** The number of midpoints strictly below `scaled`: an exact tie goes to the lower code. */
export function bucketOf(midpoints: Float32Array, scaled: number): number {
  let low = 0;
  let high = midpoints.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((midpoints[middle] as number) < scaled) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Quantizes `values` block by block (the last block may be partial and has its own absmax):
 * scaled = clamp(fl32(x * fl32(1 / max(absmax, 1e-38))), -1, 1), code = bucket of scaled.
 */
export function quantizeBlockwise(
  values: ArrayLike<number>,
  midpoints: Float32Array,
  blockSize: number,
): BlockwiseCodes {
  const n = values.length;
  const blocks = Math.ceil(n / blockSize);
  const codes = new Uint8Array(n);
  const absmax = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const start = b * blockSize;
    const end = Math.min(n, start + blockSize);
    let max = 0;
    for (let i = start; i < end; i++) max = Math.max(max, Math.abs(fround(values[i] as number)));
    absmax[b] = max;
    const inverse = fround(1 / Math.max(max, TINY));
    for (let i = start; i < end; i++) {
      const scaled = Math.min(1, Math.max(-1, fround(fround(values[i] as number) * inverse)));
      codes[i] = bucketOf(midpoints, scaled);
    }
  }
  return { codes, absmax };
}

/** fl32(table[code] * absmax of the code's block), for every code. */
export function dequantizeBlockwise(
  codes: ArrayLike<number>,
  absmax: ArrayLike<number>,
  table: readonly number[],
  blockSize: number,
  out: Float32Array = new Float32Array(codes.length),
): Float32Array {
  for (let i = 0; i < codes.length; i++) {
    const scale = absmax[Math.floor(i / blockSize)] as number;
    out[i] = fround((table[codes[i] as number] as number) * scale);
  }
  return out;
}
