// The dense-layer kernels as WebAssembly SIMD code, for float32 (f32x4) and float64 (f64x2):
// matrix products over feature-major activation blocks, weight gradients, and the ReLU family.
//
// Layout: an activation block holds one row per feature, `stride` samples wide (the batch padded
// to whole vectors), so every kernel vectorizes over samples. Weights are row-major [out][in]
// (PyTorch's layout). All pointers, strides and widths are in bytes.
import { adamKernel } from './adam-kernel.js';
import { elementwiseKernels } from './elementwise-kernels.js';
import { FLAVORS, type Precision } from './flavor.js';
import { matmul } from './matmul-kernel.js';
import { wasm, type WasmModule } from './wasm-api.js';
import { buildModule } from './wasm-builder.js';
import { weightGradient } from './weight-gradient-kernel.js';

export { lanesOf, type Precision } from './flavor.js';

/** The exported kernels (built in matmul-kernel.ts, weight-gradient-kernel.ts, elementwise-kernels.ts and adam-kernel.ts). */
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

function kernelModule(precision: Precision): Uint8Array {
  const t = FLAVORS[precision];
  return buildModule([
    matmul(t),
    weightGradient(t),
    ...elementwiseKernels(t),
    adamKernel(t, false),
    adamKernel(t, true),
  ]);
}

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
