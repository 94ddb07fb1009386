// Float model documents for the quantization and ONNX tests: trained on a shipped dataset, or built
// in memory with any widths and activation, with weights, biases and normalization drawn from the
// caller's generators (called in a fixed order: every shift, every scale, then each layer's
// weights row by row and its biases).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/training/data/datasets.js';
import type { ModelDocument } from '../../src/training/model.js';
import { train } from '../../src/training/train.js';
import type { TrainOptions } from '../../src/training/train-options.js';

/** Where a test model's numbers come from. */
export interface ModelValues {
  /** `none`: shift 0 and scale 1, the generators left uncalled. */
  normalization: 'standard' | 'none';
  shift?: () => number;
  scale?: () => number;
  weight: () => number;
  bias: () => number;
}

/** A float32 classification model of layer widths `widths` (inputs first). */
export function floatModelDocument(
  widths: readonly number[],
  activation: ModelDocument['architecture']['activation'],
  values: ModelValues,
): ModelDocument {
  const inputs = widths[0] as number;
  const outputs = widths[widths.length - 1] as number;
  const hidden = widths.slice(1, -1);
  const standard = values.normalization === 'standard';
  const shift = Array.from({ length: inputs }, () => (standard ? (values.shift?.() ?? 0) : 0));
  const scale = Array.from({ length: inputs }, () => (standard ? (values.scale?.() ?? 1) : 1));
  return {
    format: 'kiln-mlp',
    version: 1,
    task: 'classification',
    featureNames: Array.from({ length: inputs }, (_, k) => `x${k}`),
    targetName: 'y',
    classNames: Array.from({ length: outputs }, (_, c) => `c${c}`),
    architecture: {
      inputs,
      hidden,
      outputs,
      activation,
      negativeSlope: 0.01,
      dropout: hidden.map(() => 0),
    },
    loss: 'softmax-cross-entropy',
    precision: 'float32',
    normalization: { kind: values.normalization, shift, scale },
    layers: widths.slice(1).map((width, l) => ({
      weight: Array.from({ length: width }, () =>
        Array.from({ length: widths[l] as number }, values.weight),
      ),
      bias: Array.from({ length: width }, values.bias),
    })),
  };
}

/** Trains a small model on a shipped dataset and writes it as `model.json` in `folder`. */
export function writeTrainedModel(folder: string, dataset: string, options: TrainOptions): string {
  const path = join(folder, 'model.json');
  writeFileSync(path, JSON.stringify(train(loadDataset(dataset), options).model));
  return path;
}
