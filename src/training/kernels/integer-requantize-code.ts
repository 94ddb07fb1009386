// The requantization step of the integer kernels as WebAssembly code: an int32 accumulator turned
// into the next layer's centred code (q - zero point, int16) or into a dequantized float32 output,
// with PyTorch's float64 formula or ONNX's float32 steps. One output at a time (scalar), or four
// outputs of one sample at once (f64x2 pairs), which gives the same values operation for operation.
import type { FunctionBuilder } from './wasm-builder.js';

/** The kernel's parameters and locals the requantization reads. */
export interface RequantizeFrame {
  /** Parameters: byte offsets of the float64 multipliers and biases per output channel. */
  multiplier: number;
  bias: number;
  /** Parameters (f64): output scale, zero point, lower clamp (the zero point with a fused ReLU). */
  outputScale: number;
  zeroPoint: number;
  low: number;
  /** Parameters: byte offset and row bytes of the output block. */
  out: number;
  outRow: number;
  /** Locals: the first sample and first output channel of the tile. */
  s0: number;
  c0: number;
  /** Scratch locals. */
  address: number;
  q: number;
  low2: number;
  high2: number;
}

/** Requantization convention x output kind of one kernel. */
export interface RequantizeKind {
  onnx: boolean;
  values: boolean;
}

/** Pushes the address of channel `c0 + r`'s float64 in the table at parameter `base`. */
function channelAddress(f: FunctionBuilder, frame: RequantizeFrame, base: number, r: number): void {
  f.get(base).get(frame.c0).i32(r).op('i32.add').i32(8).op('i32.mul').op('i32.add');
}

/** Sets `frame.address` to the output of sample s0 + s, channel c0 + r. */
function outputAddress(
  f: FunctionBuilder,
  frame: RequantizeFrame,
  kind: RequantizeKind,
  s: number,
  r: number,
): void {
  f.get(frame.out).get(frame.s0).i32(s).op('i32.add').get(frame.outRow).op('i32.mul');
  f.op('i32.add')
    .get(frame.c0)
    .i32(r)
    .op('i32.add')
    .i32(kind.values ? 4 : 2)
    .op('i32.mul');
  f.op('i32.add').set(frame.address);
}

/**
 * Requantizes the int32 sum on the stack for channel c0 + r of sample s0 + s and stores it
 * (consumes the sum).
 */
export function requantizeScalar(
  f: FunctionBuilder,
  frame: RequantizeFrame,
  kind: RequantizeKind,
  s: number,
  r: number,
): void {
  if (kind.onnx) {
    f.op('f32.convert_i32_s');
    channelAddress(f, frame, frame.multiplier, r);
    f.load('f64').op('f32.demote_f64').op('f32.mul');
    channelAddress(f, frame, frame.bias, r);
    f.load('f64').op('f32.demote_f64').op('f32.add');
    f.get(frame.outputScale).op('f32.demote_f64').op('f32.div').op('f32.nearest');
    f.op('f64.promote_f32');
  } else {
    f.op('f64.convert_i32_s');
    channelAddress(f, frame, frame.multiplier, r);
    f.load('f64').op('f64.mul');
    channelAddress(f, frame, frame.bias, r);
    f.load('f64').op('f64.add').get(frame.outputScale).op('f64.div').op('f64.nearest');
  }
  f.get(frame.zeroPoint).op('f64.add').get(frame.low).op('f64.max').f64(255).op('f64.min');
  f.set(frame.q);
  outputAddress(f, frame, kind, s, r);
  f.get(frame.address).get(frame.q).get(frame.zeroPoint).op('f64.sub');
  if (kind.values) f.get(frame.outputScale).op('f64.mul').op('f32.demote_f64').store('f32');
  else f.op('i32.trunc_f64_s').store('i16');
}

/** Pushes the four lane sums of i32x4 locals `a` as one i32x4 (integers: any order is exact). */
export function laneSums(f: FunctionBuilder, a: readonly number[]): void {
  const pairs = (x: number, y: number): void => {
    f.get(x).get(y).shuffle32([0, 1, 4, 5]).get(x).get(y).shuffle32([2, 3, 6, 7]);
    f.simd('i32x4.add');
  };
  pairs(a[0] as number, a[1] as number);
  f.set(a[0] as number);
  pairs(a[2] as number, a[3] as number);
  f.set(a[2] as number);
  f.get(a[0] as number)
    .get(a[2] as number)
    .shuffle32([0, 2, 4, 6]);
  f.get(a[0] as number)
    .get(a[2] as number)
    .shuffle32([1, 3, 5, 7]);
  f.simd('i32x4.add');
}

/**
 * Requantizes the four int32 sums on the stack (an i32x4: channels c0 .. c0 + 3 of sample s0 + s)
 * and stores them; `sums` is a v128 scratch local.
 */
export function requantizeFour(
  f: FunctionBuilder,
  frame: RequantizeFrame,
  kind: RequantizeKind,
  s: number,
  sums: number,
): void {
  if (kind.onnx) {
    // float32 steps on four lanes, then widened to float64 for the clamp (exact: integers).
    f.simd('f32x4.convert_i32x4_s');
    const float32Pair = (base: number): void => {
      channelAddress(f, frame, base, 0);
      f.load('v128').simd('f32x4.demote_f64x2_zero');
      channelAddress(f, frame, base, 0);
      f.load('v128', 16).simd('f32x4.demote_f64x2_zero').shuffle32([0, 1, 4, 5]);
    };
    float32Pair(frame.multiplier);
    f.simd('f32x4.mul');
    float32Pair(frame.bias);
    f.simd('f32x4.add');
    f.get(frame.outputScale).op('f32.demote_f64').simd('f32x4.splat');
    f.simd('f32x4.div').simd('f32x4.nearest').set(sums);
  } else {
    f.set(sums);
  }
  const half = (lane: number, target: number): void => {
    f.get(sums);
    if (lane === 2) f.get(sums).shuffle32([2, 3, 2, 3]);
    if (kind.onnx) {
      f.simd('f64x2.promote_low_f32x4');
    } else {
      f.simd('f64x2.convert_low_i32x4_s');
      channelAddress(f, frame, frame.multiplier, lane);
      f.load('v128').simd('f64x2.mul');
      channelAddress(f, frame, frame.bias, lane);
      f.load('v128').simd('f64x2.add');
      f.get(frame.outputScale).simd('f64x2.splat').simd('f64x2.div').simd('f64x2.nearest');
    }
    f.get(frame.zeroPoint).simd('f64x2.splat').simd('f64x2.add');
    f.get(frame.low).simd('f64x2.splat').simd('f64x2.max');
    f.f64(255).simd('f64x2.splat').simd('f64x2.min');
    f.get(frame.zeroPoint).simd('f64x2.splat').simd('f64x2.sub');
    if (kind.values) {
      f.get(frame.outputScale).simd('f64x2.splat').simd('f64x2.mul');
      f.simd('f32x4.demote_f64x2_zero');
    } else {
      f.simd('i32x4.trunc_sat_f64x2_s_zero');
    }
    f.set(target);
  };
  half(0, frame.low2);
  half(2, frame.high2);
  outputAddress(f, frame, kind, s, 0);
  if (kind.values) {
    f.get(frame.address).get(frame.low2).get(frame.high2).shuffle32([0, 1, 4, 5]).store('v128');
  } else {
    f.get(frame.low2).get(frame.high2).shuffle32([0, 1, 4, 5]).set(frame.low2);
    f.get(frame.address).get(frame.low2).get(frame.low2).simd('i16x8.narrow_i32x4_s');
    f.storeLane64(0);
  }
}
