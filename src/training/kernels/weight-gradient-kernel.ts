// The dense layer's weight and bias gradients as WebAssembly SIMD code: dW = dZ A^T + l2 W and
// dB = the row sums of dZ, lanes summed in a fixed order (see dense-kernels.ts for the layout).
import type { Flavor } from './flavor.js';
import { FunctionBuilder } from './wasm-builder.js';

/** Pushes the sum of the lanes of vector local `v` (a fixed order, so results are reproducible). */
function horizontalSum(f: FunctionBuilder, t: Flavor, v: number): void {
  if (t.lanes === 2) {
    f.get(v).extractLane(t.shape, 0).get(v).extractLane(t.shape, 1).op(t.scalarAdd);
    return;
  }
  f.get(v).extractLane(t.shape, 0).get(v).extractLane(t.shape, 1).op(t.scalarAdd);
  f.get(v).extractLane(t.shape, 2).get(v).extractLane(t.shape, 3).op(t.scalarAdd);
  f.op(t.scalarAdd);
}

// Register tiles: 2 rows x 4 columns. Tails use single rows and columns, so any size works.
const GRAD_ROWS = 2;
const GRAD_COLUMNS = 4;

/** The `weightGradient` kernel of flavor `t` (signature in DenseKernels). */
export function weightGradient(t: Flavor): FunctionBuilder {
  const f = new FunctionBuilder('weightGradient', [...new Array<'i32'>(10).fill('i32'), t.scalar]);
  const [dZ, zRow, A, aRow, dW, dB, rows, inner, colBytes, W, l2] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ] as const;
  const n0 = f.local('i32');
  const k0 = f.local('i32');
  const bb = f.local('i32');
  const innerBytes = f.local('i32');
  const wp = f.local('i32');
  const zp = Array.from({ length: GRAD_ROWS }, () => f.local('i32'));
  const ap = Array.from({ length: GRAD_COLUMNS }, () => f.local('i32'));
  const acc = Array.from({ length: GRAD_ROWS }, () =>
    Array.from({ length: GRAD_COLUMNS }, () => f.local('v128')),
  );
  const a = Array.from({ length: GRAD_COLUMNS }, () => f.local('v128'));
  const z = f.local('v128');
  f.get(inner).i32(t.bytes).op('i32.mul').set(innerBytes);

  const tile = (RN: number, RK: number): void => {
    f.steppedLoop(k0, RK, inner, () => {
      for (let rn = 0; rn < RN; rn++)
        for (let rk = 0; rk < RK; rk++) f.zero().set(acc[rn]?.[rk] as number);
      for (let rn = 0; rn < RN; rn++) {
        f.get(dZ)
          .get(n0)
          .i32(rn)
          .op('i32.add')
          .get(zRow)
          .op('i32.mul')
          .op('i32.add')
          .set(zp[rn] as number);
      }
      for (let rk = 0; rk < RK; rk++) {
        f.get(A)
          .get(k0)
          .i32(rk)
          .op('i32.add')
          .get(aRow)
          .op('i32.mul')
          .op('i32.add')
          .set(ap[rk] as number);
      }
      f.i32(0).set(bb);
      f.whileLoop(
        () => f.get(bb).get(colBytes).op('i32.lt_s'),
        () => {
          for (let rk = 0; rk < RK; rk++)
            f.get(ap[rk] as number)
              .get(bb)
              .op('i32.add')
              .load('v128')
              .set(a[rk] as number);
          for (let rn = 0; rn < RN; rn++) {
            f.get(zp[rn] as number)
              .get(bb)
              .op('i32.add')
              .load('v128')
              .set(z);
            for (let rk = 0; rk < RK; rk++) {
              const local = acc[rn]?.[rk] as number;
              f.get(local)
                .get(z)
                .get(a[rk] as number)
                .simd(t.mul)
                .simd(t.add)
                .set(local);
            }
          }
          f.get(bb).i32(16).op('i32.add').set(bb);
        },
      );
      // wp = byte offset of W[n0][k0]; row rn adds rn * innerBytes.
      f.get(n0).get(innerBytes).op('i32.mul').get(k0).i32(t.bytes).op('i32.mul').op('i32.add');
      f.set(wp);
      for (let rn = 0; rn < RN; rn++) {
        for (let rk = 0; rk < RK; rk++) {
          f.get(dW).get(wp).op('i32.add');
          horizontalSum(f, t, acc[rn]?.[rk] as number);
          f.get(l2)
            .get(W)
            .get(wp)
            .op('i32.add')
            .load(t.scalar, rk * t.bytes)
            .op(t.scalarMul)
            .op(t.scalarAdd);
          f.store(t.scalar, rk * t.bytes);
        }
        if (rn < RN - 1) f.get(wp).get(innerBytes).op('i32.add').set(wp);
      }
    });
  };
  f.tiledLoop(n0, GRAD_ROWS, rows, (RN) => {
    f.i32(0).set(k0);
    tile(RN, GRAD_COLUMNS);
    tile(RN, 1);
  });
  // Bias gradient: the sum of each row of dZ.
  const sum = acc[0]?.[0] as number;
  f.i32(0).set(n0);
  f.whileLoop(
    () => f.get(n0).get(rows).op('i32.lt_s'),
    () => {
      f.zero().set(sum);
      f.get(dZ)
        .get(n0)
        .get(zRow)
        .op('i32.mul')
        .op('i32.add')
        .set(zp[0] as number);
      f.i32(0).set(bb);
      f.whileLoop(
        () => f.get(bb).get(colBytes).op('i32.lt_s'),
        () => {
          f.get(sum)
            .get(zp[0] as number)
            .get(bb)
            .op('i32.add')
            .load('v128')
            .simd(t.add)
            .set(sum);
          f.get(bb).i32(16).op('i32.add').set(bb);
        },
      );
      f.get(dB).get(n0).i32(t.bytes).op('i32.mul').op('i32.add');
      horizontalSum(f, t, sum);
      f.store(t.scalar);
      f.get(n0).i32(1).op('i32.add').set(n0);
    },
  );
  return f;
}
