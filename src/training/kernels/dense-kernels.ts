// The dense-layer kernels as WebAssembly SIMD code, for float32 (f32x4) and float64 (f64x2):
// matrix products over feature-major activation blocks, weight gradients, and the ReLU family.
//
// Layout: an activation block holds one row per feature, `stride` samples wide (the batch padded
// to whole vectors), so every kernel vectorizes over samples. Weights are row-major [out][in]
// (PyTorch's layout). All pointers, strides and widths are in bytes.
import { adamKernel } from './adam-kernel.js';
import { FLAVORS, type Flavor, type Precision } from './flavor.js';
import { FunctionBuilder, buildModule } from './wasm-builder.js';

export { lanesOf, type Precision } from './flavor.js';

/** The exported kernels (their signatures are in the builders below). */
export interface DenseKernels {
  /** Z[r][b] = bias[r] + sum_j M[r*rowStride + j*colStride] * A[j][b], r < rows, b < colBytes. */
  matmul(
    m: number,
    rowStride: number,
    colStride: number,
    a: number,
    aRow: number,
    z: number,
    zRow: number,
    rows: number,
    inner: number,
    colBytes: number,
    bias: number,
  ): void;
  /** dW[n][k] = sum_b dZ[n][b] * A[k][b] + l2 * W[n][k];  dB[n] = sum_b dZ[n][b]. */
  weightGradient(
    dz: number,
    zRow: number,
    a: number,
    aRow: number,
    dw: number,
    db: number,
    rows: number,
    inner: number,
    colBytes: number,
    w: number,
    l2: number,
  ): void;
  /** out = max(z, 0) over `bytes` bytes (NaN stays NaN). */
  relu(z: number, out: number, bytes: number): void;
  /** dz = z > 0 ? da : 0. */
  reluBackward(da: number, z: number, dz: number, bytes: number): void;
  /** out = z > 0 ? z : slope * z. */
  leakyRelu(z: number, out: number, bytes: number, slope: number): void;
  /** dz = z > 0 ? da : slope * da. */
  leakyReluBackward(da: number, z: number, dz: number, bytes: number, slope: number): void;
  /** out = x * y elementwise (dropout masks). */
  multiply(x: number, y: number, out: number, bytes: number): void;
  /** One Adam step over `bytes` bytes of parameters, scalars as in AdamScalars (adam-kernel.ts). */
  adamStep(
    p: number,
    g: number,
    m: number,
    v: number,
    bytes: number,
    beta1: number,
    beta2: number,
    keep1: number,
    keep2: number,
    stepSize: number,
    scale: number,
    epsilon: number,
    l2: number,
    decay: number,
  ): void;
  /** One AMSGrad step (adam-kernel.ts). */
  amsgradStep(
    p: number,
    g: number,
    m: number,
    v: number,
    vmax: number,
    bytes: number,
    beta1: number,
    beta2: number,
    keep1: number,
    keep2: number,
    stepSize: number,
    scale: number,
    epsilon: number,
    l2: number,
    decay: number,
  ): void;
}

// Register tiles: 4 rows x 2 vectors for products, 2 x 4 rows for weight gradients. Tails use
// single rows and vectors, so any size works.
const ROW_TILE = 4;
const VECTOR_TILE = 2;

function matmul(t: Flavor): FunctionBuilder {
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
  const rowBlocks = (R: number): void => {
    f.steppedLoop(r0, R, rows, () => {
      f.i32(0).set(b0);
      tile(R, VECTOR_TILE);
      tile(R, 1);
    });
  };
  f.i32(0).set(r0);
  rowBlocks(ROW_TILE);
  rowBlocks(1);
  return f;
}

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

const GRAD_ROWS = 2;
const GRAD_COLUMNS = 4;

function weightGradient(t: Flavor): FunctionBuilder {
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
  const rowBlocks = (RN: number): void => {
    f.steppedLoop(n0, RN, rows, () => {
      f.i32(0).set(k0);
      tile(RN, GRAD_COLUMNS);
      tile(RN, 1);
    });
  };
  f.i32(0).set(n0);
  rowBlocks(GRAD_ROWS);
  rowBlocks(1);
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

function kernelModule(precision: Precision): Uint8Array {
  const t = FLAVORS[precision];
  return buildModule([
    matmul(t),
    weightGradient(t),
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
    adamKernel(t, false),
    adamKernel(t, true),
  ]);
}

// The slice of the WebAssembly JavaScript API used here (this build has no DOM typings).
export type WasmModule = object;
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// Compiled code is immutable and the same for every network of a precision: compile it once.
const compiled = new Map<Precision, WasmModule>();

function kernelsModule(precision: Precision): WasmModule {
  let module = compiled.get(precision);
  if (module === undefined) {
    module = new wasm.Module(kernelModule(precision));
    compiled.set(precision, module);
  }
  return module;
}

/** Kernels of `precision` on a fresh zero-filled memory of at least `bytes` bytes (never grown). */
export function createKernels(
  precision: Precision,
  bytes: number,
): { kernels: DenseKernels; buffer: ArrayBuffer } {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  const instance = new wasm.Instance(kernelsModule(precision), { env: { memory } });
  return { kernels: instance.exports as unknown as DenseKernels, buffer: memory.buffer };
}
