// The mirrored-digits task of bench/lora-digits.ts as the reference defines it
// (MODEL-OPTIMIZATION.md R1: the standardized features permuted by r*8 + (7 - c)), and the
// evaluations the bench needs: test accuracy, the base on the mirrored task, the NF4 round trip.
import type { Dataset } from '../src/training/data/dataset.js';
import type { Normalization } from '../src/training/data/normalization.js';
import type { ModelDocument } from '../src/training/model.js';
import { dequantizeNf4, quantizeNf4 } from '../src/training/nf4/nf4.js';
import { predict } from '../src/training/predict.js';

/** Column k of a mirrored 8x8 image is column `mirrorOrder[k]` of the original. */
export const mirrorOrder = Array.from(
  { length: 64 },
  (_, k) => Math.floor(k / 8) * 8 + 7 - (k % 8),
);

/** `normalization` with its columns in the mirrored order. */
export function mirroredNormalization(normalization: Normalization): Normalization {
  return {
    kind: normalization.kind,
    shift: mirrorOrder.map((k) => normalization.shift[k] as number),
    scale: mirrorOrder.map((k) => normalization.scale[k] as number),
  };
}

/**
 * The base as it sees the reference's mirrored task: mirrored raw pixels standardized with the
 * base's means and deviations moved along with their columns, i.e. the base's standardized
 * features permuted. (The base's own scaling applied to mirrored pixels would standardize each
 * column with another column's statistics.)
 */
export function baseOnMirroredTask(base: ModelDocument): ModelDocument {
  return { ...base, normalization: mirroredNormalization(base.normalization) };
}

/** Whether two scalings are equal value for value. */
export function sameNormalization(a: Normalization, b: Normalization): boolean {
  return (
    a.kind === b.kind &&
    a.shift.every((v, k) => v === b.shift[k]) &&
    a.scale.every((v, k) => v === b.scale[k])
  );
}

/** Test accuracy of `model` on `dataset`'s reference test rows. */
export function testAccuracy(model: ModelDocument, dataset: Dataset): number {
  const rows = dataset.split?.test ?? [];
  const d = dataset.featureNames.length;
  const features = new Float64Array(rows.length * d);
  rows.forEach((r, i) => features.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
  const { values } = predict(model, features, rows.length);
  return rows.filter((r, i) => values[i] === dataset.labels[r]).length / rows.length;
}

/** The base with every weight through an NF4 round trip (blocks of 64, double quantization). */
export function nf4RoundTrip(model: ModelDocument): ModelDocument {
  const layers = model.layers.map((layer) => {
    const inputs = layer.weight[0]?.length ?? 0;
    const values = dequantizeNf4(quantizeNf4(layer.weight.flat(), { doubleQuantization: true }));
    const weight = layer.weight.map((_, o) =>
      Array.from(values.subarray(o * inputs, (o + 1) * inputs)),
    );
    return { weight, bias: layer.bias };
  });
  return { ...model, layers };
}
