// Post-training quantization inside the trainer problems: each trained float network is quantized
// (min/max calibration on its training rows) and validated as an integer network, so that the
// search scores what would be deployed.
import type { Dataset } from '../../training/data/dataset.js';
import { predict } from '../../training/predict.js';
import { CALIBRATION_ROWS } from '../../training/quantization/calibrate.js';
import { rowsOf } from '../../training/quantization/convert-quantization-aware.js';
import { quantizeModel } from '../../training/quantization/quantize-model.js';
import type { QuantizedModelDocument } from '../../training/quantization/quantized-model.js';
import type { TrainResult } from '../../training/train-result.js';
import type { ProblemQuantization } from './compression-options.js';

/** The integer model of a trained float network, calibrated on the first training rows. */
export function quantizeTrained(
  dataset: Dataset,
  result: TrainResult,
  quantization: ProblemQuantization,
  trainRows: readonly number[],
): QuantizedModelDocument {
  const calibration = trainRows.slice(0, CALIBRATION_ROWS);
  return quantizeModel(result.model, rowsOf(dataset, calibration), calibration.length, {
    weightBits: quantization.weights?.bits ?? 8,
    scheme: quantization.weights?.scheme ?? 'per-channel',
    weightRange: quantization.weights?.range ?? 'full',
  });
}

/** Accuracy of `model` on `rows` of the dataset (its class names are the dataset's). */
export function accuracyOn(
  dataset: Dataset,
  model: QuantizedModelDocument,
  rows: readonly number[],
): number | null {
  if (dataset.task !== 'classification' || rows.length === 0) return null;
  const { values } = predict(model, rowsOf(dataset, rows), rows.length);
  let correct = 0;
  rows.forEach((row, i) => {
    if (values[i] === dataset.labels[row]) correct++;
  });
  return correct / rows.length;
}

/**
 * A training's result as the search sees it after post-training quantization: the validation
 * accuracy is the integer network's. Regression has no integer scoring here: refused up front.
 */
export function quantizedValidation(
  dataset: Dataset,
  result: TrainResult,
  quantization: ProblemQuantization,
): TrainResult {
  const split = result.options.split;
  if (split === undefined || split.validation === undefined) return result;
  const model = quantizeTrained(dataset, result, quantization, split.train);
  return { ...result, validationAccuracy: accuracyOn(dataset, model, split.validation) };
}
