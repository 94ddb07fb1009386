// Elementwise WebAssembly SIMD kernels over activation blocks: the generic loop, and the ReLU
// family and the product (dropout masks) built on it.
import type { Flavor } from './flavor.js';
import { FunctionBuilder } from './wasm-builder.js';

/**
 * An elementwise kernel over `bytes` bytes: `body` receives the vector locals of the inputs and
 * pushes the output vector.
 */
function elementwise(
  name: string,
  t: Flavor,
  inputs: number,
  withSlope: boolean,
  body: (f: FunctionBuilder, values: number[], slope: number) => void,
): FunctionBuilder {
  const params = new Array<'i32' | 'f32' | 'f64'>(inputs + 2).fill('i32');
  if (withSlope) params.push(t.scalar);
  const f = new FunctionBuilder(name, params);
  const out = inputs;
  const bytes = inputs + 1;
  const slopeParam = inputs + 2;
  const i = f.local('i32');
  const values = Array.from({ length: inputs }, () => f.local('v128'));
  const slope = f.local('v128');
  if (withSlope) f.get(slopeParam).simd(t.splat).set(slope);
  f.i32(0).set(i);
  f.whileLoop(
    () => f.get(i).get(bytes).op('i32.lt_s'),
    () => {
      for (let k = 0; k < inputs; k++)
        f.get(k)
          .get(i)
          .op('i32.add')
          .load('v128')
          .set(values[k] as number);
      f.get(out).get(i).op('i32.add');
      body(f, values, slope);
      f.store('v128');
      f.get(i).i32(16).op('i32.add').set(i);
    },
  );
  return f;
}

/** The ReLU family (forward and backward, plain and leaky) and the product, of flavor `t`. */
export function elementwiseKernels(t: Flavor): FunctionBuilder[] {
  return [
    elementwise('relu', t, 1, false, (f, [z = 0]) => {
      f.get(z).zero().simd(t.max);
    }),
    elementwise('reluBackward', t, 2, false, (f, [da = 0, z = 0]) => {
      f.get(da).get(z).zero().simd(t.gt).simd('v128.and');
    }),
    elementwise('leakyRelu', t, 1, true, (f, [z = 0], slope) => {
      f.get(z).get(z).get(slope).simd(t.mul).get(z).zero().simd(t.gt).simd('v128.bitselect');
    }),
    elementwise('leakyReluBackward', t, 2, true, (f, [da = 0, z = 0], slope) => {
      f.get(da).get(da).get(slope).simd(t.mul).get(z).zero().simd(t.gt).simd('v128.bitselect');
    }),
    elementwise('multiply', t, 2, false, (f, [x = 0, y = 0]) => {
      f.get(x).get(y).simd(t.mul);
    }),
  ];
}
