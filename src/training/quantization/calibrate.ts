// Calibration: the float model run over sample rows in batches while observers record the range
// of its input and of every layer's output (after the ReLU on hidden layers, where the integer
// layer fuses it), as PyTorch's prepared model does before `convert`.
import type { ModelDocument } from '../model.js';
import {
  createObserver,
  type Observer,
  type ObserverKind,
  type ObserverOptions,
} from './observers.js';

/**
 * At most this many training rows calibrate a post-training quantization (the first ones of the
 * split; PyTorch calibrates on a few batches too).
 */
export const CALIBRATION_ROWS = 10000;

/** The observers of a calibrated model: its normalized input, then each layer's output. */
export interface Calibration {
  input: Observer;
  outputs: Observer[];
}

/**
 * Runs `model` on `samples` rows of normalized features (row-major) in batches of `batchSize`,
 * in float64 (rounded to float32 per layer for a float32 model), observing with `kind`.
 */
export function calibrate(
  model: ModelDocument,
  normalized: Float64Array | Float32Array,
  samples: number,
  kind: ObserverKind,
  options: ObserverOptions = {},
  batchSize = 256,
): Calibration {
  const { architecture, layers } = model;
  const float32 = model.precision === 'float32';
  const relu = architecture.activation === 'relu';
  const input = createObserver(kind, options);
  const outputs = layers.map(() => createObserver(kind, options));
  const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
  const buffers = widths.map((w) => new Float64Array(w * batchSize));
  for (let start = 0; start < samples; start += batchSize) {
    const count = Math.min(batchSize, samples - start);
    const x = buffers[0] as Float64Array;
    const d = architecture.inputs;
    for (let i = 0; i < count * d; i++) {
      const v = normalized[start * d + i] as number;
      x[i] = float32 ? Math.fround(v) : v;
    }
    input.observe(x, 0, count * d);
    layers.forEach((layer, l) => {
      const inputs = widths[l] as number;
      const width = widths[l + 1] as number;
      const from = buffers[l] as Float64Array;
      const to = buffers[l + 1] as Float64Array;
      const hidden = l < layers.length - 1;
      for (let n = 0; n < count; n++) {
        for (let o = 0; o < width; o++) {
          const row = layer.weight[o] as number[];
          let sum = layer.bias[o] as number;
          for (let k = 0; k < inputs; k++)
            sum += (row[k] as number) * (from[n * inputs + k] as number);
          if (float32) sum = Math.fround(sum);
          to[n * width + o] = hidden && relu && sum < 0 ? 0 : sum;
        }
      }
      (outputs[l] as Observer).observe(to, 0, count * width);
    });
  }
  return { input, outputs };
}
