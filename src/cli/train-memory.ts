// The memory lines of `kiln train`'s summary: trainable and frozen parameters, bytes of the base,
// of the trained parameters and of the optimizer state, and the peak resident set size.
import type { TrainResult } from '../training/train-result.js';
import { formatCount } from './format.js';

const kilobytes = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;

/** Summary lines of a run's memory accounting. */
export function memoryLines(result: TrainResult): string[] {
  const total = result.trainableParameters + result.frozenParameters;
  const lines = [];
  if (result.frozenParameters > 0) {
    const fraction = ((100 * result.trainableParameters) / total).toFixed(2);
    const plan = result.options.fineTuning;
    const base =
      plan?.baseQuantization === undefined
        ? 'float'
        : `NF4${plan.baseQuantization.doubleQuantization ? ' + double quantization' : ''}`;
    lines.push(
      `  fine-tuning   ${formatCount(result.trainableParameters)} trainable (${fraction}%), ${formatCount(result.frozenParameters)} frozen; base ${kilobytes(result.baseBytes)} (${base}), trained ${kilobytes(result.adapterBytes)}`,
    );
  }
  lines.push(
    `  memory        optimizer state ${kilobytes(result.optimizerStateBytes)}, peak RSS ${kilobytes(result.peakRssBytes)}`,
  );
  return lines;
}
