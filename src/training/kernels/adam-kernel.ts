// Adam and AdamW (with AMSGrad) as one WebAssembly SIMD loop over a flat parameter buffer: the
// update of src/training/optimizers/adam.ts with the same operations in the same order, so that
// float64 results are identical to it; float32 computes in float32 (as PyTorch's float32 state).
import type { Flavor } from './flavor.js';
import { FunctionBuilder } from './wasm-builder.js';

/** The scalars of one Adam step, in kernel parameter order. */
export interface AdamScalars {
  beta1: number;
  beta2: number;
  /** 1 - beta1 */
  keep1: number;
  /** 1 - beta2 */
  keep2: number;
  stepSize: number;
  /** Multiplies sqrt(v): 1 / sqrt(1 - beta2^t) (PyTorch), 1 (Keras). */
  scale: number;
  epsilon: number;
  /** Coupled weight decay (Adam); 0 for AdamW. */
  l2: number;
  /** Decoupled decay factor 1 - lr * weightDecay (AdamW); 1 for Adam. */
  decay: number;
}

const SCALARS = 9;

/**
 * adamStep(p, g, m, v, bytes, ...scalars) or, with `amsgrad`, amsgradStep(p, g, m, v, vmax,
 * bytes, ...scalars):
 *   w = p * decay;  g' = g + l2 * w;  m = beta1 m + keep1 g';  v = beta2 v + (keep2 g') g'
 *   (AMSGrad: vmax = max(vmax, v), used in place of v)
 *   p = w - stepSize * (m / (sqrt(v) * scale + epsilon))
 */
export function adamKernel(t: Flavor, amsgrad: boolean): FunctionBuilder {
  const pointers = amsgrad ? 5 : 4;
  const f = new FunctionBuilder(amsgrad ? 'amsgradStep' : 'adamStep', [
    ...new Array<'i32'>(pointers + 1).fill('i32'),
    ...new Array<'f32' | 'f64'>(SCALARS).fill(t.scalar),
  ]);
  const [P, G, M, V] = [0, 1, 2, 3];
  const vmax = 4;
  const bytes = pointers;
  const scalar = (k: number): number => pointers + 1 + k;
  const splats = Array.from({ length: SCALARS }, () => f.local('v128'));
  const [beta1, beta2, keep1, keep2, stepSize, scale, epsilon, l2, decay] = splats as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const i = f.local('i32');
  const w = f.local('v128');
  const g = f.local('v128');
  const m = f.local('v128');
  const v = f.local('v128');
  for (let k = 0; k < SCALARS; k++)
    f.get(scalar(k))
      .simd(t.splat)
      .set(splats[k] as number);
  const address = (base: number): void => {
    f.get(base).get(i).op('i32.add');
  };
  f.i32(0).set(i);
  f.whileLoop(
    () => f.get(i).get(bytes).op('i32.lt_s'),
    () => {
      address(P);
      f.load('v128').get(decay).simd(t.mul).set(w);
      address(G);
      f.load('v128').get(l2).get(w).simd(t.mul).simd(t.add).set(g);
      address(M);
      f.get(beta1);
      address(M);
      f.load('v128').simd(t.mul).get(keep1).get(g).simd(t.mul).simd(t.add).tee(m).store('v128');
      address(V);
      f.get(beta2);
      address(V);
      f.load('v128').simd(t.mul).get(keep2).get(g).simd(t.mul).get(g).simd(t.mul).simd(t.add);
      f.tee(v).store('v128');
      if (amsgrad) {
        address(vmax);
        address(vmax);
        f.load('v128').get(v).simd(t.max).tee(v).store('v128');
      }
      address(P);
      f.get(w).get(stepSize).get(m).get(v).simd(t.sqrt).get(scale).simd(t.mul).get(epsilon);
      f.simd(t.add).simd(t.div).simd(t.mul).simd(t.sub).store('v128');
      f.get(i).i32(16).op('i32.add').set(i);
    },
  );
  return f;
}
