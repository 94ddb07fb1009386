// The integer dense-layer kernel as WebAssembly SIMD code: int16 lanes of (input code - zero
// point) and int8 weight codes multiplied pairwise and summed into int32 (`i32x4.dot_i16x8_s`),
// then requantized per output (PyTorch's float64 formula or ONNX's float32 steps), written as the
// next layer's centred codes or as dequantized float32 outputs.
//
// Layout: sample-major rows, `inner` values per row padded with zeros to whole vectors of 8, for
// inputs and weights alike ([outputs][inner], PyTorch's layout). Pointers and strides in bytes.
import { wasm, type WasmModule } from './dense-kernels.js';
import { FunctionBuilder, buildModule } from './wasm-builder.js';

/**
 * out[n][c] for c < outputs, n < samples, from acc = Σ_k x[n][k]·w[c][k]:
 * q = clamp(round((acc·multiplier[c] + bias[c]) / outputScale) + zeroPoint, low, 255);
 * the `Codes` kernels store q - zeroPoint as int16, the `Values` kernels (q - zeroPoint)·outputScale
 * as float32.
 */
export type IntegerLinearKernel = (
  x: number,
  xRow: number,
  w: number,
  wRow: number,
  samples: number,
  outputs: number,
  innerBytes: number,
  multiplier: number,
  bias: number,
  outputScale: number,
  zeroPoint: number,
  low: number,
  out: number,
  outRow: number,
) => void;

/** The four variants: requantization convention x output kind. */
export interface IntegerKernels {
  linearTorchCodes: IntegerLinearKernel;
  linearTorchValues: IntegerLinearKernel;
  linearOnnxCodes: IntegerLinearKernel;
  linearOnnxValues: IntegerLinearKernel;
}

const OUTPUT_TILE = 4;
const SAMPLE_TILE = 4;

function integerLinear(name: string, onnx: boolean, values: boolean): FunctionBuilder {
  const f = new FunctionBuilder(name, [
    ...new Array<'i32'>(9).fill('i32'),
    'f64',
    'f64',
    'f64',
    'i32',
    'i32',
  ]);
  const [X, xRow, W, wRow, samples, outputs, innerBytes, multiplier, bias] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ] as const;
  const [outputScale, zeroPoint, low, out, outRow] = [9, 10, 11, 12, 13] as const;
  const s0 = f.local('i32');
  const c0 = f.local('i32');
  const k = f.local('i32');
  const xp = f.local('i32');
  const wp = f.local('i32');
  const op = f.local('i32');
  const acc = Array.from({ length: OUTPUT_TILE }, () =>
    Array.from({ length: SAMPLE_TILE }, () => f.local('v128')),
  );
  const x = Array.from({ length: SAMPLE_TILE }, () => f.local('v128'));
  const w = f.local('v128');
  const q = f.local('f64');

  const requantize = (r: number, s: number): void => {
    const a = acc[r]?.[s] as number;
    // The lanes summed in a fixed order (integers: any order gives the same sum).
    f.get(a).extractLane('i32x4', 0).get(a).extractLane('i32x4', 1).op('i32.add');
    f.get(a).extractLane('i32x4', 2).get(a).extractLane('i32x4', 3).op('i32.add').op('i32.add');
    const channel = (base: number): void => {
      f.get(base).get(c0).i32(r).op('i32.add').i32(8).op('i32.mul').op('i32.add').load('f64');
    };
    if (onnx) {
      f.op('f32.convert_i32_s');
      channel(multiplier);
      f.op('f32.demote_f64').op('f32.mul');
      channel(bias);
      f.op('f32.demote_f64').op('f32.add');
      f.get(outputScale).op('f32.demote_f64').op('f32.div').op('f32.nearest').op('f64.promote_f32');
    } else {
      f.op('f64.convert_i32_s');
      channel(multiplier);
      f.op('f64.mul');
      channel(bias);
      f.op('f64.add').get(outputScale).op('f64.div').op('f64.nearest');
    }
    f.get(zeroPoint).op('f64.add').get(low).op('f64.max').f64(255).op('f64.min').set(q);
    f.get(out)
      .get(s0)
      .i32(s)
      .op('i32.add')
      .get(outRow)
      .op('i32.mul')
      .op('i32.add')
      .get(c0)
      .i32(r)
      .op('i32.add')
      .i32(values ? 4 : 2)
      .op('i32.mul')
      .op('i32.add')
      .set(op);
    f.get(op).get(q).get(zeroPoint).op('f64.sub');
    if (values) f.get(outputScale).op('f64.mul').op('f32.demote_f64').store('f32');
    else f.op('i32.trunc_f64_s').store('i16');
  };

  const tile = (R: number, S: number): void => {
    f.steppedLoop(c0, R, outputs, () => {
      for (let r = 0; r < R; r++) for (let s = 0; s < S; s++) f.zero().set(acc[r]?.[s] as number);
      f.i32(0).set(k);
      f.whileLoop(
        () => f.get(k).get(innerBytes).op('i32.lt_s'),
        () => {
          f.get(X).get(s0).get(xRow).op('i32.mul').op('i32.add').get(k).op('i32.add').set(xp);
          for (let s = 0; s < S; s++) {
            f.get(xp);
            if (s > 0) f.get(xRow).i32(s).op('i32.mul').op('i32.add');
            f.load('v128').set(x[s] as number);
          }
          f.get(W).get(c0).get(wRow).op('i32.mul').op('i32.add').get(k).op('i32.add').set(wp);
          for (let r = 0; r < R; r++) {
            f.get(wp).load('v128').set(w);
            for (let s = 0; s < S; s++) {
              const a = acc[r]?.[s] as number;
              f.get(a)
                .get(w)
                .get(x[s] as number)
                .simd('i32x4.dot_i16x8_s')
                .simd('i32x4.add')
                .set(a);
            }
            if (r < R - 1) f.get(wp).get(wRow).op('i32.add').set(wp);
          }
          f.get(k).i32(16).op('i32.add').set(k);
        },
      );
      for (let r = 0; r < R; r++) for (let s = 0; s < S; s++) requantize(r, s);
    });
  };
  const sampleBlocks = (S: number): void => {
    f.steppedLoop(s0, S, samples, () => {
      f.i32(0).set(c0);
      tile(OUTPUT_TILE, S);
      tile(1, S);
    });
  };
  f.i32(0).set(s0);
  sampleBlocks(SAMPLE_TILE);
  sampleBlocks(1);
  return f;
}

let compiled: WasmModule | undefined;

function integerModule(): WasmModule {
  compiled ??= new wasm.Module(
    buildModule([
      integerLinear('linearTorchCodes', false, false),
      integerLinear('linearTorchValues', false, true),
      integerLinear('linearOnnxCodes', true, false),
      integerLinear('linearOnnxValues', true, true),
    ]),
  );
  return compiled;
}

/** The integer kernels on a fresh zero-filled memory of at least `bytes` bytes (never grown). */
export function createIntegerKernels(bytes: number): {
  kernels: IntegerKernels;
  buffer: ArrayBuffer;
} {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  const instance = new wasm.Instance(integerModule(), { env: { memory } });
  return { kernels: instance.exports as unknown as IntegerKernels, buffer: memory.buffer };
}
