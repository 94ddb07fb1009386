// The two precisions of the kernels: float32 as f32x4 vectors, float64 as f64x2 vectors.
import type { ScalarOp, SimdOp } from './wasm-builder.js';

/** Float precision of a kernel set. */
export type Precision = 'float32' | 'float64';

/** The instructions of one precision. */
export interface Flavor {
  scalar: 'f32' | 'f64';
  bytes: number;
  shape: 'f32x4' | 'f64x2';
  lanes: number;
  splat: SimdOp;
  add: SimdOp;
  mul: SimdOp;
  max: SimdOp;
  gt: SimdOp;
  scalarAdd: ScalarOp;
  scalarMul: ScalarOp;
  sub: SimdOp;
  div: SimdOp;
  sqrt: SimdOp;
}

export const FLAVORS: Record<Precision, Flavor> = {
  float32: {
    scalar: 'f32',
    bytes: 4,
    shape: 'f32x4',
    lanes: 4,
    splat: 'f32x4.splat',
    add: 'f32x4.add',
    mul: 'f32x4.mul',
    max: 'f32x4.max',
    gt: 'f32x4.gt',
    scalarAdd: 'f32.add',
    scalarMul: 'f32.mul',
    sub: 'f32x4.sub',
    div: 'f32x4.div',
    sqrt: 'f32x4.sqrt',
  },
  float64: {
    scalar: 'f64',
    bytes: 8,
    shape: 'f64x2',
    lanes: 2,
    splat: 'f64x2.splat',
    add: 'f64x2.add',
    mul: 'f64x2.mul',
    max: 'f64x2.max',
    gt: 'f64x2.gt',
    scalarAdd: 'f64.add',
    scalarMul: 'f64.mul',
    sub: 'f64x2.sub',
    div: 'f64x2.div',
    sqrt: 'f64x2.sqrt',
  },
};

/** Samples per SIMD vector for a precision. */
export function lanesOf(precision: Precision): number {
  return FLAVORS[precision].lanes;
}
