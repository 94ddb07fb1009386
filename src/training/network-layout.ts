// Where the dense network's parts lie in its WebAssembly memory: each layer's weights and bias in
// the flat parameter array, and the byte offsets of parameters, gradients, optimizer state and
// the activation blocks.
import type { Architecture, LayerLayout } from './network-architecture.js';
import { lanesOf, type Precision } from './kernels/dense-kernels.js';

/** Byte offsets of one layer's activation blocks (0: the layer has no such block). */
export interface LayerBlocks {
  /** Pre-activations. */
  z: number;
  /** Activations (hidden layers). */
  a: number;
  /** Gradient of the pre-activations. */
  dz: number;
  /** Gradient of the activations (hidden layers). */
  da: number;
  /** Dropout mask (hidden layers with dropout). */
  mask: number;
  /** Activations after dropout (hidden layers with dropout). */
  dropped: number;
}

/** The memory plan of a network: offsets in bytes from the start of its memory, 16-byte aligned. */
export interface NetworkLayout {
  readonly layers: readonly LayerLayout[];
  readonly parameterCount: number;
  /** Samples per block row: the capacity padded to whole SIMD vectors. */
  readonly stride: number;
  /** Bytes per element. */
  readonly bytes: number;
  readonly parameterBytes: number;
  readonly gradientBytes: number;
  /** A zero bias as wide as the widest layer (products without a bias). */
  readonly zerosBytes: number;
  readonly optimizerBytes: readonly number[];
  readonly inputBytes: number;
  readonly blocks: readonly LayerBlocks[];
  /** Bytes the whole memory needs. */
  readonly size: number;
}

/**
 * Lays out a network of `architecture` in `precision` for blocks of up to `capacity` samples,
 * with `optimizerBuffers` parameter-sized buffers: 64 reserved bytes, then 16-byte-aligned regions.
 */
export function layoutNetwork(
  architecture: Architecture,
  precision: Precision,
  capacity: number,
  optimizerBuffers: number,
): NetworkLayout {
  const lanes = lanesOf(precision);
  const stride = Math.ceil(capacity / lanes) * lanes;
  const bytes = precision === 'float32' ? 4 : 8;
  const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
  const layers: LayerLayout[] = [];
  let count = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    layers.push({ inputs, outputs, weightOffset: count, biasOffset: count + inputs * outputs });
    count += inputs * outputs + outputs;
  }

  let next = 64;
  const region = (elements: number): number => {
    const start = next;
    next += Math.ceil((elements * bytes) / 16) * 16;
    return start;
  };
  const block = (rows: number): number => region(rows * stride);
  const parameterBytes = region(count);
  const gradientBytes = region(count);
  const zerosBytes = region(Math.max(...widths));
  const optimizerBytes = Array.from({ length: optimizerBuffers }, () => region(count));
  const inputBytes = block(architecture.inputs);
  const blocks = layers.map((layer, l): LayerBlocks => {
    const hidden = l < layers.length - 1;
    const dropout = hidden && (architecture.dropout[l] ?? 0) > 0;
    return {
      z: block(layer.outputs),
      a: hidden ? block(layer.outputs) : 0,
      dz: block(layer.outputs),
      da: hidden ? block(layer.outputs) : 0,
      mask: dropout ? block(layer.outputs) : 0,
      dropped: dropout ? block(layer.outputs) : 0,
    };
  });
  return {
    layers,
    parameterCount: count,
    stride,
    bytes,
    parameterBytes,
    gradientBytes,
    zerosBytes,
    optimizerBytes,
    inputBytes,
    blocks,
    size: next,
  };
}
