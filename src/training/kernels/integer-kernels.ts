// The integer dense-layer kernel as WebAssembly SIMD code: int16 lanes of (input code - zero
// point) and int8 weight codes multiplied pairwise and summed into int32 (`i32x4.dot_i16x8_s`),
// then requantized per output (PyTorch's float64 formula or ONNX's float32 steps), written as the
// next layer's centred codes or as dequantized float32 outputs.
//
// Layout: sample-major rows, `inner` values per row padded with zeros to whole vectors of 8, for
// inputs and weights alike ([outputs][inner], PyTorch's layout). Pointers and strides in bytes.
import { wasm, type WasmModule } from './wasm-api.js';
import { quantizeInputs, type InputQuantizeKernel } from './input-quantize-kernel.js';
import {
  laneSums,
  requantizeFour,
  requantizeScalar,
  type RequantizeFrame,
  type RequantizeKind,
} from './integer-requantize-code.js';
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

/** The four variants (requantization convention x output kind) and the input quantizer. */
export interface IntegerKernels {
  linearTorchCodes: IntegerLinearKernel;
  linearTorchValues: IntegerLinearKernel;
  linearOnnxCodes: IntegerLinearKernel;
  linearOnnxValues: IntegerLinearKernel;
  quantizeInputsTorch: InputQuantizeKernel;
  quantizeInputsOnnx: InputQuantizeKernel;
}

// Register tile: 4 outputs x 2 samples (8 accumulators, 2 inputs and a weight vector stay in
// registers); the 4 outputs of a sample are requantized together. Tails: single outputs, samples.
const OUTPUT_TILE = 4;
const SAMPLE_TILE = 2;

function integerLinear(name: string, kind: RequantizeKind): FunctionBuilder {
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
  const xp = f.local('i32');
  const wp = f.local('i32');
  const xEnd = f.local('i32');
  const acc = Array.from({ length: OUTPUT_TILE }, () =>
    Array.from({ length: SAMPLE_TILE }, () => f.local('v128')),
  );
  const x = Array.from({ length: SAMPLE_TILE }, () => f.local('v128'));
  const w = f.local('v128');
  const frame: RequantizeFrame = {
    multiplier,
    bias,
    outputScale,
    zeroPoint,
    low,
    out,
    outRow,
    s0,
    c0,
    address: f.local('i32'),
    q: f.local('f64'),
    low2: f.local('v128'),
    high2: f.local('v128'),
  };
  const accumulator = (r: number, s: number): number => acc[r]?.[s] as number;

  const tile = (R: number, S: number): void => {
    f.steppedLoop(c0, R, outputs, () => {
      for (let r = 0; r < R; r++) for (let s = 0; s < S; s++) f.zero().set(accumulator(r, s));
      f.get(X).get(s0).get(xRow).op('i32.mul').op('i32.add').tee(xp);
      f.get(innerBytes).op('i32.add').set(xEnd);
      f.get(W).get(c0).get(wRow).op('i32.mul').op('i32.add').set(wp);
      f.whileLoop(
        () => f.get(xp).get(xEnd).op('i32.lt_s'),
        () => {
          f.get(xp)
            .load('v128')
            .set(x[0] as number);
          if (S > 1)
            f.get(xp)
              .get(xRow)
              .op('i32.add')
              .load('v128')
              .set(x[1] as number);
          for (let r = 0; r < R; r++) {
            f.get(wp);
            for (let k = 0; k < r; k++) f.get(wRow).op('i32.add');
            f.load('v128').set(w);
            for (let s = 0; s < S; s++) {
              const a = accumulator(r, s);
              f.get(a)
                .get(w)
                .get(x[s] as number)
                .simd('i32x4.dot_i16x8_s');
              f.simd('i32x4.add').set(a);
            }
          }
          f.get(xp).i32(16).op('i32.add').set(xp);
          f.get(wp).i32(16).op('i32.add').set(wp);
        },
      );
      for (let s = 0; s < S; s++) {
        if (R === OUTPUT_TILE) {
          laneSums(
            f,
            acc.map((row) => row[s] as number),
          );
          requantizeFour(f, frame, kind, s, frame.high2);
        } else {
          const a = accumulator(0, s);
          f.get(a).extractLane('i32x4', 0).get(a).extractLane('i32x4', 1).op('i32.add');
          f.get(a).extractLane('i32x4', 2).get(a).extractLane('i32x4', 3).op('i32.add');
          f.op('i32.add');
          requantizeScalar(f, frame, kind, s, 0);
        }
      }
    });
  };
  f.tiledLoop(s0, SAMPLE_TILE, samples, (S) => {
    f.i32(0).set(c0);
    tile(OUTPUT_TILE, S);
    tile(1, S);
  });
  return f;
}

let compiled: WasmModule | undefined;

function integerModule(): WasmModule {
  compiled ??= new wasm.Module(
    buildModule([
      integerLinear('linearTorchCodes', { onnx: false, values: false }),
      integerLinear('linearTorchValues', { onnx: false, values: true }),
      integerLinear('linearOnnxCodes', { onnx: true, values: false }),
      integerLinear('linearOnnxValues', { onnx: true, values: true }),
      quantizeInputs(false),
      quantizeInputs(true),
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
