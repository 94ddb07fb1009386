// bfloat16 emulated in float32: rounding to the top 16 bits, to nearest with ties to even, as
// PyTorch's .to(torch.bfloat16) does (NaN stays NaN, overflow goes to infinity).

const float = new Float32Array(1);
const bits = new Uint32Array(float.buffer);

/** `value` (read as float32) rounded to the nearest bfloat16, as a number. */
export function roundToBfloat16(value: number): number {
  if (Number.isNaN(value)) return NaN;
  float[0] = value;
  const b = bits[0] as number;
  bits[0] = (((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) << 16) >>> 0;
  return float[0];
}

/** Rounds every element of a float32 array to bfloat16 in place, from `start` to `end`. */
export function roundArrayToBfloat16(values: Float32Array, start = 0, end = values.length): void {
  const view = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = start; i < end; i++) {
    const b = view[i] as number;
    // NaN: exponent all ones and a non-zero mantissa; keep it a NaN.
    if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) continue;
    view[i] = (((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) << 16) >>> 0;
  }
}
