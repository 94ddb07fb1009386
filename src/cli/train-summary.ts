// The JSON document of `kiln train --json` (the run's figures without the weights), the
// quantization-aware figures, and the model and adapter files a run writes.
import { resolve } from 'node:path';
import type { Dataset } from '../training/data/dataset.js';
import type { TrainResult } from '../training/train-result.js';

/** The JSON document of `kiln train --json`. */
export function trainSummary(
  dataset: Dataset,
  result: TrainResult,
  output: string | undefined,
): Record<string, unknown> {
  const {
    model,
    history: _history,
    options,
    quantization: _quantization,
    adapter: _adapter,
    ...rest
  } = result;
  const { architecture } = model;
  const quantization = quantizationSummary(result, output);
  const files = output === undefined ? {} : outputFiles(result, output);
  return {
    dataset: dataset.name,
    network: [architecture.inputs, ...architecture.hidden, architecture.outputs].join('-'),
    activation: architecture.activation,
    optimizer: options.optimizer,
    batchSize: options.batchSize,
    precision: options.precision,
    ...rest,
    ...(quantization === undefined ? {} : { quantization }),
    ...(output === undefined ? {} : { output, ...files }),
  };
}

/**
 * True when the run writes model.json: always, except LoRA without merge (adapter.json alone) and
 * a diverged run (its weights are not finite numbers).
 */
export function writesModel(result: TrainResult): boolean {
  if (result.stopReason === 'diverged') return false;
  const fineTuning = result.options.fineTuning;
  return fineTuning?.lora === undefined || fineTuning.merge;
}

/** True when the run writes adapter.json: LoRA, unless it diverged. */
export function writesAdapter(result: TrainResult): boolean {
  return result.adapter !== undefined && result.stopReason !== 'diverged';
}

/** The model and adapter files a run writes into `output`. */
export function outputFiles(result: TrainResult, output: string): Record<string, string> {
  return {
    ...(writesModel(result) ? { model: resolve(output, 'model.json') } : {}),
    ...(writesAdapter(result) ? { adapter: resolve(output, 'adapter.json') } : {}),
  };
}

/** Quantization-aware training: the converted model's figures (and file), without its weights. */
export function quantizationSummary(
  result: TrainResult,
  output: string | undefined,
): Record<string, unknown> | undefined {
  const q = result.quantization;
  if (q === undefined) return undefined;
  return {
    ...result.options.quantization,
    fakeQuantizedTestAccuracy: result.testAccuracy,
    quantizedTestAccuracy: q.testAccuracy,
    agreement: q.agreement,
    floatBytes: q.floatBytes,
    quantizedBytes: q.quantizedBytes,
    compressionRatio: q.floatBytes / q.quantizedBytes,
    ...(output === undefined ? {} : { model: resolve(output, 'quantized-model.json') }),
  };
}
