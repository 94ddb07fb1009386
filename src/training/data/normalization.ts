// Feature scaling fitted on the training rows only: standardization (zero mean, unit variance,
// as scikit-learn's StandardScaler) or min-max scaling to [0, 1].
import type { Dataset } from './dataset.js';

/** How features are scaled before training. */
export type NormalizationKind = 'standard' | 'min-max' | 'none';

/** A fitted scaling: x' = (x - shift) / scale per feature. Plain data (saved with models). */
export interface Normalization {
  kind: NormalizationKind;
  shift: number[];
  scale: number[];
}

/**
 * Fits `kind` on the rows `rows` of `dataset`. Standard: shift = mean, scale = population
 * standard deviation; min-max: shift = min, scale = max - min. A constant feature gets scale 1.
 */
export function fitNormalization(
  dataset: Dataset,
  rows: readonly number[],
  kind: NormalizationKind,
): Normalization {
  const d = dataset.featureNames.length;
  const shift = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  if (kind === 'none' || rows.length === 0) return { kind, shift, scale };
  const x = dataset.features;
  for (let k = 0; k < d; k++) {
    if (kind === 'standard') {
      let mean = 0;
      for (const i of rows) mean += x[i * d + k] as number;
      mean /= rows.length;
      let variance = 0;
      for (const i of rows) {
        const diff = (x[i * d + k] as number) - mean;
        variance += diff * diff;
      }
      const deviation = Math.sqrt(variance / rows.length);
      shift[k] = mean;
      scale[k] = deviation > 0 ? deviation : 1;
    } else {
      let low = Infinity;
      let high = -Infinity;
      for (const i of rows) {
        const v = x[i * d + k] as number;
        if (v < low) low = v;
        if (v > high) high = v;
      }
      shift[k] = low;
      scale[k] = high > low ? high - low : 1;
    }
  }
  return { kind, shift, scale };
}

/**
 * A scaled copy of a row-major feature matrix with `d` features per row, in `precision`. Without
 * scaling, features already in that precision come back as they are (no copy: 60,000 images
 * of 784 float32 pixels are 188 MB).
 */
export function applyNormalization(
  normalization: Normalization,
  features: Float64Array | Float32Array,
  d: number,
  precision: 'float32' | 'float64' = 'float64',
): Float64Array | Float32Array {
  const wanted = precision === 'float32' ? Float32Array : Float64Array;
  if (normalization.kind === 'none' && features instanceof wanted) return features;
  const out =
    precision === 'float32'
      ? new Float32Array(features.length)
      : new Float64Array(features.length);
  const { shift, scale } = normalization;
  for (let i = 0; i < features.length; i++) {
    const k = i % d;
    out[i] = ((features[i] as number) - (shift[k] as number)) / (scale[k] as number);
  }
  return out;
}
