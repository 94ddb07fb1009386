// The end of quantization-aware training: the trained float weights converted to the integer
// model (the same codes the fake quantization used; the activation parameters of the ranges the
// training observed), measured on the test rows against the fake-quantized model it came from.
import type { Dataset } from '../data/dataset.js';
import type { SplitIndices } from '../data/splits.js';
import type { ModelDocument } from '../model.js';
import { predict } from '../predict.js';
import type { ActivationRange } from './activation-fake-quantizer.js';
import { quantizeModel } from './quantize-model.js';
import {
  floatModelBytes,
  quantizedModelBytes,
  type QuantizedModelDocument,
} from './quantized-model.js';
import type { ResolvedQuantizationTrainOptions } from './training-options.js';

/** The converted model and how it compares with the fake-quantized one. */
export interface QuantizationAwareResult {
  model: QuantizedModelDocument;
  /** Test accuracy of the converted integer model (null without test rows or classes). */
  testAccuracy: number | null;
  /** Share of test rows where the integer model predicts what the fake-quantized model did. */
  agreement: number | null;
  floatBytes: number;
  quantizedBytes: number;
}

/** The raw features of `rows` of the dataset, row-major. */
export function rowsOf(dataset: Dataset, rows: readonly number[]): Float64Array {
  const d = dataset.featureNames.length;
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

/** Converts `model` (trained with `settings`) and compares it on the test rows. */
export function convertQuantizationAware(
  model: ModelDocument,
  settings: ResolvedQuantizationTrainOptions,
  dataset: Dataset,
  split: SplitIndices,
  fakeQuantizedPredictions: Float64Array,
  activationRanges?: readonly ActivationRange[],
): QuantizationAwareResult {
  // The ranges observed in training when every one was observed; else calibration (MinMax).
  const observed =
    activationRanges !== undefined && activationRanges.every((r) => r.min <= r.max)
      ? activationRanges
      : undefined;
  const quantized = quantizeModel(model, rowsOf(dataset, split.train), split.train.length, {
    weightBits: settings.weights.bits,
    scheme: settings.weights.scheme,
    weightRange: settings.weights.range,
    observer: 'minmax',
    ...(observed === undefined ? {} : { activationRanges: observed }),
  });
  quantized.quantization.observer = 'qat';
  const test = split.test;
  let testAccuracy: number | null = null;
  let agreement: number | null = null;
  if (test.length > 0 && dataset.task === 'classification') {
    const { values } = predict(quantized, rowsOf(dataset, test), test.length);
    let correct = 0;
    let same = 0;
    test.forEach((r, i) => {
      if (values[i] === dataset.labels[r]) correct++;
      if (values[i] === fakeQuantizedPredictions[i]) same++;
    });
    testAccuracy = correct / test.length;
    agreement = same / test.length;
  }
  return {
    model: quantized,
    testAccuracy,
    agreement,
    floatBytes: floatModelBytes(model),
    quantizedBytes: quantizedModelBytes(quantized),
  };
}
