// The dense layer's forward product as WebAssembly SIMD code: Z = bias + M A over feature-major
// activation blocks, tiled in registers (see dense-kernels.ts for the layout).
import type { Flavor } from './flavor.js';
import { FunctionBuilder } from './wasm-builder.js';

// Register tiles: 4 rows x 2 vectors. Tails use single rows and vectors, so any size works.
const ROW_TILE = 4;
const VECTOR_TILE = 2;

/** The `matmul` kernel of flavor `t` (signature in DenseKernels). */
export function matmul(t: Flavor): FunctionBuilder {
  const f = new FunctionBuilder('matmul', new Array<'i32'>(11).fill('i32'));
  const [M, rowStride, colStride, A, aRow, Z, zRow, rows, inner, colBytes, bias] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ] as const;
  const r0 = f.local('i32');
  const b0 = f.local('i32');
  const j = f.local('i32');
  const mp = f.local('i32');
  const ap = f.local('i32');
  const zp = f.local('i32');
  const bp = f.local('i32');
  const rowOffset = [0, f.local('i32'), f.local('i32'), f.local('i32')];
  const acc = Array.from({ length: ROW_TILE }, () =>
    Array.from({ length: VECTOR_TILE }, () => f.local('v128')),
  );
  const x = Array.from({ length: VECTOR_TILE }, () => f.local('v128'));
  const w = f.local('v128');
  for (let r = 1; r < ROW_TILE; r++)
    f.get(rowStride)
      .i32(r)
      .op('i32.mul')
      .set(rowOffset[r] as number);

  const tile = (R: number, V: number): void => {
    f.whileLoop(
      () =>
        f
          .get(b0)
          .i32(V * 16)
          .op('i32.add')
          .get(colBytes)
          .op('i32.le_s'),
      () => {
        f.get(bias).get(r0).i32(t.bytes).op('i32.mul').op('i32.add').set(bp);
        for (let r = 0; r < R; r++) {
          f.get(bp)
            .load(t.scalar, r * t.bytes)
            .simd(t.splat);
          for (let v = 0; v < V; v++) {
            const local = acc[r]?.[v] as number;
            if (v < V - 1) f.tee(local);
            else f.set(local);
          }
        }
        f.get(M).get(r0).get(rowStride).op('i32.mul').op('i32.add').set(mp);
        f.get(A).get(b0).op('i32.add').set(ap);
        f.i32(0).set(j);
        f.whileLoop(
          () => f.get(j).get(inner).op('i32.lt_s'),
          () => {
            for (let v = 0; v < V; v++)
              f.get(ap)
                .load('v128', v * 16)
                .set(x[v] as number);
            for (let r = 0; r < R; r++) {
              f.get(mp);
              if (r > 0) f.get(rowOffset[r] as number).op('i32.add');
              f.loadSplat(t.scalar).set(w);
              for (let v = 0; v < V; v++) {
                const local = acc[r]?.[v] as number;
                f.get(local)
                  .get(w)
                  .get(x[v] as number)
                  .simd(t.mul)
                  .simd(t.add)
                  .set(local);
              }
            }
            f.get(mp).get(colStride).op('i32.add').set(mp);
            f.get(ap).get(aRow).op('i32.add').set(ap);
            f.get(j).i32(1).op('i32.add').set(j);
          },
        );
        f.get(Z).get(r0).get(zRow).op('i32.mul').op('i32.add').get(b0).op('i32.add').set(zp);
        for (let r = 0; r < R; r++) {
          for (let v = 0; v < V; v++)
            f.get(zp)
              .get(acc[r]?.[v] as number)
              .store('v128', v * 16);
          if (r < R - 1) f.get(zp).get(zRow).op('i32.add').set(zp);
        }
        f.get(b0)
          .i32(V * 16)
          .op('i32.add')
          .set(b0);
      },
    );
  };
  f.tiledLoop(r0, ROW_TILE, rows, (R) => {
    f.i32(0).set(b0);
    tile(R, VECTOR_TILE);
    tile(R, 1);
  });
  return f;
}
