// Steps the dense network and the adapted (fine-tuned) network share: copying a batch into a
// feature-major input block, drawing a dropout mask, and one Adam or AMSGrad step over parameters
// in WebAssembly memory.
import type { Rng } from '../core/rng.js';
import type { AdamScalars } from './kernels/adam-kernel.js';
import { lanesOf, type DenseKernels, type Precision } from './kernels/dense-kernels.js';
import type { FloatArray } from './optimizers/optimizer.js';

/** What {@link loadBatch} reads of a network: its memory, input block and element type. */
export interface BatchInputBlock {
  readonly values: FloatArray;
  /** Element offset of the input block (`inputs` rows of `stride` samples). */
  readonly inputOffset: number;
  readonly stride: number;
  readonly precision: Precision;
  readonly architecture: { readonly inputs: number };
}

/** The columns a block of `count` samples occupies: count rounded up to whole SIMD vectors. */
export function blockColumns(count: number, precision: Precision): number {
  const lanes = lanesOf(precision);
  return Math.ceil(count / lanes) * lanes;
}

/**
 * Copies samples `order[start .. start + count)` of the row-major matrix `features` (one row of
 * `inputs` values per sample) into the network's input block, and zeros the padding columns.
 */
export function loadBatch(
  network: BatchInputBlock,
  features: Float64Array | Float32Array,
  order: Int32Array,
  start: number,
  count: number,
): void {
  loadInputBlock(
    network.values,
    network.inputOffset,
    network.stride,
    network.architecture.inputs,
    blockColumns(count, network.precision),
    features,
    order,
    start,
    count,
  );
}

/** Inverted dropout: `rows` rows of `count` samples, 0 with probability `rate`, else 1 / (1 - rate). */
export function drawDropoutMask(
  values: FloatArray,
  offset: number,
  stride: number,
  rows: number,
  count: number,
  rate: number,
  rng: Rng,
): void {
  const keep = 1 / (1 - rate);
  for (let r = 0; r < rows; r++) {
    const row = offset + r * stride;
    for (let b = 0; b < count; b++) values[row + b] = rng.next() < rate ? 0 : keep;
  }
}

/**
 * Copies samples `order[start .. start + count)` of the row-major matrix `features` (`inputs`
 * values per sample) into the block at `base` (`stride` samples wide) and zeros the padding up to
 * `columns`.
 */
export function loadInputBlock(
  values: FloatArray,
  base: number,
  stride: number,
  inputs: number,
  columns: number,
  features: Float64Array | Float32Array,
  order: Int32Array,
  start: number,
  count: number,
): void {
  for (let b = 0; b < count; b++) {
    const row = (order[start + b] as number) * inputs;
    for (let k = 0; k < inputs; k++) values[base + k * stride + b] = features[row + k] as number;
  }
  for (let k = 0; k < inputs; k++)
    values.fill(0, base + k * stride + count, base + k * stride + columns);
}

/** Byte offsets of what an Adam step reads and writes. */
export interface AdamPointers {
  parameters: number;
  gradients: number;
  /** First and second moments (and the AMSGrad maximum). */
  moments: readonly number[];
  /** Bytes to step: the parameter bytes rounded up to whole vectors (the padding steps harmlessly). */
  bytes: number;
}

/** One Adam (or AMSGrad) step in a single SIMD loop; arguments spelled out, no array per step. */
export function adamStepAt(
  kernels: DenseKernels,
  at: AdamPointers,
  s: AdamScalars,
  amsgrad: boolean,
): void {
  const [m = 0, v = 0, vmax = 0] = at.moments;
  const { parameters: p, gradients: g, bytes } = at;
  if (amsgrad) {
    kernels.amsgradStep(
      p,
      g,
      m,
      v,
      vmax,
      bytes,
      s.beta1,
      s.beta2,
      s.keep1,
      s.keep2,
      s.stepSize,
      s.scale,
      s.epsilon,
      s.l2,
      s.decay,
    );
  } else {
    kernels.adamStep(
      p,
      g,
      m,
      v,
      bytes,
      s.beta1,
      s.beta2,
      s.keep1,
      s.keep2,
      s.stepSize,
      s.scale,
      s.epsilon,
      s.l2,
      s.decay,
    );
  }
}
