// Prediction with a trained model: raw features in, normalized and run through the network in
// blocks (float kernels, or integer kernels for a quantized model); class indices with
// probabilities, or regression values.
import { ParameterError } from '../core/errors.js';
import { argMaxColumn } from './losses.js';
import { buildNetwork, type ModelDocument } from './model.js';
import { IntegerNetwork } from './quantization/integer-network.js';
import {
  isQuantized,
  type AnyModelDocument,
  type QuantizedModelDocument,
} from './quantization/quantized-model.js';

/** Predictions for a set of samples. */
export interface Predictions {
  /** Per sample: the predicted class index (classification) or value (regression). */
  values: Float64Array;
  /**
   * Classification with a probabilistic loss: probability of each class, row-major
   * samples x classes (softmax; for binary cross-entropy [1 - p, p]).
   */
  probabilities?: Float64Array;
}

const BLOCK = 256;

/**
 * Predicts `samples` rows of raw (unnormalized) features, row-major with the model's feature
 * count per row, in the model's feature order.
 */
export function predict(
  model: AnyModelDocument,
  features: Float64Array | Float32Array,
  samples: number,
): Predictions {
  const outputs = model.architecture.outputs;
  const logits = predictOutputs(model, features, samples);
  const values = new Float64Array(samples);
  const classification = model.task === 'classification';
  const probabilistic = classification && model.loss !== 'mean-squared-error';
  const classes = model.classNames.length;
  const probabilities = probabilistic ? new Float64Array(samples * classes) : undefined;
  for (let sample = 0; sample < samples; sample++) {
    const offset = sample * outputs;
    if (!classification) {
      values[sample] = logits[offset] as number;
      continue;
    }
    if (model.loss === 'binary-cross-entropy') {
      const logit = logits[offset] as number;
      const p = logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
      values[sample] = logit > 0 ? 1 : 0;
      if (probabilities !== undefined) {
        probabilities[sample * 2] = 1 - p;
        probabilities[sample * 2 + 1] = p;
      }
      continue;
    }
    const best = argMaxColumn(logits, offset, 1, 0, outputs);
    const max = logits[offset + best] as number;
    values[sample] = best;
    if (probabilities !== undefined) {
      let sum = 0;
      for (let r = 0; r < outputs; r++) sum += Math.exp((logits[offset + r] as number) - max);
      for (let r = 0; r < outputs; r++)
        probabilities[sample * classes + r] = Math.exp((logits[offset + r] as number) - max) / sum;
    }
  }
  return probabilities === undefined ? { values } : { values, probabilities };
}

/**
 * The network's raw outputs (logits) for `samples` rows of raw features, sample-major: from the
 * float kernels, or dequantized from the integer kernels for a quantized model.
 */
export function predictOutputs(
  model: AnyModelDocument,
  given: Float64Array | Float32Array,
  samples: number,
): Float64Array {
  const features = given;
  const d = model.featureNames.length;
  if (features.length !== samples * d) {
    throw new ParameterError(
      `predict: features must hold ${samples} rows of ${d} values (got ${features.length} values)`,
    );
  }
  return isQuantized(model)
    ? integerOutputs(model, features, samples)
    : floatOutputs(model, features, samples);
}

/**
 * The network's outputs for every sample, sample-major, from the float kernels. The features are
 * read where they are (float32 or float64), normalized block by block: no copy of the whole set.
 */
function floatOutputs(
  model: ModelDocument,
  features: Float64Array | Float32Array,
  samples: number,
): Float64Array {
  const network = buildNetwork(model, Math.max(1, Math.min(BLOCK, samples)));
  const outputs = model.architecture.outputs;
  const d = model.featureNames.length;
  const logits = new Float64Array(samples * outputs);
  const scaled = model.normalization.kind !== 'none';
  const order = Int32Array.from({ length: scaled ? network.capacity : samples }, (_, i) => i);
  const block = scaled ? new Float64Array(network.capacity * d) : features;
  const { offset, stride } = network.output;
  const z = network.values;
  for (let start = 0; start < samples; start += network.capacity) {
    const count = Math.min(network.capacity, samples - start);
    if (scaled) {
      // As applyNormalization computes it, in float64.
      const { shift, scale } = model.normalization;
      for (let i = 0; i < count * d; i++) {
        const k = i % d;
        block[i] =
          ((features[start * d + i] as number) - (shift[k] as number)) / (scale[k] as number);
      }
    }
    network.loadInputs(block, order, scaled ? 0 : start, count);
    network.forward(count);
    for (let b = 0; b < count; b++)
      for (let r = 0; r < outputs; r++)
        logits[(start + b) * outputs + r] = z[offset + r * stride + b] as number;
  }
  return logits;
}

/** The dequantized outputs of a quantized model for raw features, from the integer kernels. */
function integerOutputs(
  model: QuantizedModelDocument,
  features: Float64Array | Float32Array,
  samples: number,
): Float64Array {
  const network = new IntegerNetwork(model, Math.max(1, Math.min(BLOCK, samples)));
  const outputs = model.architecture.outputs;
  const logits = new Float64Array(samples * outputs);
  const order = Int32Array.from({ length: samples }, (_, i) => i);
  for (let start = 0; start < samples; start += network.capacity) {
    const count = Math.min(network.capacity, samples - start);
    logits.set(network.run(features, order, start, count), start * outputs);
  }
  return logits;
}
