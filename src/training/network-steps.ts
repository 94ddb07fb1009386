// Steps the dense network and the adapted (fine-tuned) network share: copying a batch into a
// feature-major input block, and one Adam or AMSGrad step over parameters in WebAssembly memory.
import type { AdamScalars } from './kernels/adam-kernel.js';
import type { DenseKernels } from './kernels/dense-kernels.js';
import type { FloatArray } from './optimizers/optimizer.js';

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
