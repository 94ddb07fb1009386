// The summary `kiln train` prints: network and optimizer, samples, epochs and stop reason,
// accuracies and losses per part, distillation, labels, cross-validation, time, memory and files.
import { resolve } from 'node:path';
import type { CrossValidationResult } from '../training/cross-validate.js';
import type { Dataset } from '../training/data/dataset.js';
import type { TrainResult } from '../training/train-result.js';
import { formatCount, formatNumber } from './format.js';
import { describeStop } from './stop-reason.js';
import { memoryLines } from './train-memory.js';
import { outputFiles } from './train-summary.js';

const accuracy = (value: number | null): string => (value === null ? '-' : value.toFixed(4));
const loss = (value: number | null): string => (value === null ? '-' : formatNumber(value));

/** The summary `kiln train` prints without --json. */
export function humanSummary(
  dataset: Dataset,
  result: TrainResult,
  output: string | undefined,
  validation: CrossValidationResult | undefined,
): string {
  const { architecture } = result.model;
  const o = result.options;
  const { type, learningRate } = o.optimizer;
  const network = [architecture.inputs, ...architecture.hidden, architecture.outputs].join('-');
  const lines = [
    `${dataset.name}: ${network} ${architecture.activation}, ${type} (learning rate ${formatNumber(learningRate as number)}), batch ${o.batchSize}, ${o.precision}, seed ${o.seed}`,
    `  samples       train ${result.samples.train}, validation ${result.samples.validation}, test ${result.samples.test}`,
    `  parameters    ${formatCount(result.parameters)}`,
    `  epochs        ${result.epochs} (weights of epoch ${result.bestEpoch}), ${describeStop(result.stopReason)}`,
  ];
  if (dataset.task === 'classification') {
    lines.push(
      `  accuracy      train ${accuracy(result.trainAccuracy)}  validation ${accuracy(result.validationAccuracy)}  test ${accuracy(result.testAccuracy)}`,
    );
  }
  if (o.distillation !== undefined) {
    const { temperature, alpha, transferSet } = o.distillation;
    lines.push(
      `  distillation  T ${formatNumber(temperature)}, alpha ${formatNumber(alpha)}, transfer set ${transferSet}; teacher ${formatCount(result.teacherParameters ?? 0)} parameters, test accuracy ${accuracy(result.teacherTestAccuracy ?? null)}`,
    );
  }
  if (result.samples.labelled < result.samples.train) {
    lines.push(
      `  labels        ${result.samples.labelled} of ${result.samples.train} training rows (labelFraction ${formatNumber(o.labelFraction)})`,
    );
  }
  if (validation !== undefined) {
    const k = validation.folds.length;
    lines.push(
      validation.meanValidationAccuracy === null
        ? `  cross-valid.  ${k} folds: loss ${formatNumber(validation.meanValidationLoss)}`
        : `  cross-valid.  ${k} folds: accuracy ${validation.meanValidationAccuracy.toFixed(4)} +- ${(validation.standardDeviation ?? 0).toFixed(4)}`,
    );
  }
  lines.push(
    `  loss          train ${loss(result.trainLoss)}  validation ${loss(result.validationLoss)}  test ${loss(result.testLoss)}`,
    `  time          ${(result.elapsedMs / 1000).toFixed(2)} s (training ${(result.trainingMs / 1000).toFixed(2)} s, ${formatCount(result.samplesPerSecond)} samples/s)`,
  );
  lines.push(...memoryLines(result));
  const q = result.quantization;
  if (q !== undefined && q.testAccuracy !== null)
    lines.push(
      `  quantized     test ${q.testAccuracy.toFixed(4)} (integer model; ${((q.agreement ?? 0) * 100).toFixed(2)}% of test rows as the fake-quantized one), ${q.floatBytes} B -> ${q.quantizedBytes} B`,
    );
  if (output !== undefined) {
    const files = outputFiles(result, output);
    if (files.model !== undefined) lines.push(`  model         ${files.model}`);
    if (files.adapter !== undefined) lines.push(`  adapter       ${files.adapter}`);
  }
  if (q !== undefined && output !== undefined)
    lines.push(`  quantized     ${resolve(output, 'quantized-model.json')}`);
  return `${lines.join('\n')}\n`;
}
