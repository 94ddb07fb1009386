// The input step of integer inference as WebAssembly SIMD code: raw float32 features normalized
// (one subtraction and one division per value, as the exported ONNX graph does), quantized to
// uint8 codes with the input scale (PyTorch multiplies by the float32 reciprocal, ONNX Runtime
// divides), rounded half to even, clamped to 0..255 and stored centred (q - zero point) as int16.
// Every step is one float32 operation, so the codes equal the scalar formula's bit for bit.
import { FunctionBuilder } from './wasm-builder.js';

/**
 * Quantizes `samples` rows of `rowValues` float32 values at `raw` (row after row) into int16 rows
 * of `rowValues` codes at `out`; `shift` and `scale` hold `rowValues` float32 values (padding
 * columns: shift 0, scale 1). `rowValues` is a multiple of 8. `factor` is the reciprocal of the
 * input scale (`quantizeInputsTorch`) or the scale itself (`quantizeInputsOnnx`); `low` and `high`
 * are -zeroPoint and 255 - zeroPoint.
 */
export type InputQuantizeKernel = (
  raw: number,
  shift: number,
  scale: number,
  samples: number,
  rowValues: number,
  factor: number,
  low: number,
  high: number,
  out: number,
) => void;

/** `quantizeInputsTorch` (reciprocal multiply) or `quantizeInputsOnnx` (division). */
export function quantizeInputs(onnx: boolean): FunctionBuilder {
  const f = new FunctionBuilder(onnx ? 'quantizeInputsOnnx' : 'quantizeInputsTorch', [
    'i32',
    'i32',
    'i32',
    'i32',
    'i32',
    'f32',
    'f32',
    'f32',
    'i32',
  ]);
  const [raw, shift, scale, samples, rowValues, factor, low, high, out] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ] as const;
  const n = f.local('i32');
  const k = f.local('i32');
  const rp = f.local('i32');
  const op = f.local('i32');
  const codes = [f.local('v128'), f.local('v128')];
  f.get(raw).set(rp);
  f.get(out).set(op);
  f.i32(0).set(n);
  f.whileLoop(
    () => f.get(n).get(samples).op('i32.lt_s'),
    () => {
      f.i32(0).set(k);
      f.whileLoop(
        () => f.get(k).get(rowValues).op('i32.lt_s'),
        () => {
          for (let half = 0; half < 2; half++) {
            const column = (base: number): void => {
              f.get(base)
                .get(k)
                .i32(4)
                .op('i32.mul')
                .op('i32.add')
                .load('v128', half * 16);
            };
            f.get(rp).load('v128', half * 16);
            column(shift);
            f.simd('f32x4.sub');
            column(scale);
            f.simd('f32x4.div');
            f.get(factor)
              .simd('f32x4.splat')
              .simd(onnx ? 'f32x4.div' : 'f32x4.mul');
            f.simd('f32x4.nearest');
            f.get(low).simd('f32x4.splat').simd('f32x4.max');
            f.get(high).simd('f32x4.splat').simd('f32x4.min');
            f.simd('i32x4.trunc_sat_f32x4_s').set(codes[half] as number);
          }
          f.get(op)
            .get(codes[0] as number)
            .get(codes[1] as number)
            .simd('i16x8.narrow_i32x4_s')
            .store('v128');
          f.get(rp).i32(32).op('i32.add').set(rp);
          f.get(op).i32(16).op('i32.add').set(op);
          f.get(k).i32(8).op('i32.add').set(k);
        },
      );
      f.get(n).i32(1).op('i32.add').set(n);
    },
  );
  return f;
}
