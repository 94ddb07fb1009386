// What a trainer problem scores and reports of a quantized configuration: the integer network's
// validation accuracy (post-training quantization), and after the search the retrained network's
// bytes, its integer test accuracy and the integer model file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../training/data/dataset.js';
import type { TrainResult } from '../../training/train-result.js';
import type { ProblemQuantization } from './compression-options.js';
import { accuracyOn, quantizedValidation, quantizeTrained } from './post-training.js';
import type { Protocol, ScoredResult } from './protocol.js';

/** What the search scores of a training: with post-training quantization, the integer network. */
export function scoredResult(
  dataset: Dataset,
  quantization: ProblemQuantization | undefined,
): ScoredResult {
  if (quantization?.method !== 'post-training') return (result) => result;
  return (result) => quantizedValidation(dataset, result, quantization);
}

/**
 * Adds to the final report the network's `bytes` (the formula of the bytes objective) and, when
 * quantized, the integer model's test accuracy and file (`best-model-int<bits>.json`).
 */
export function compressionReport(
  protocol: Protocol,
  result: TrainResult,
  quantization: ProblemQuantization | undefined,
  bytes: number,
  report: Record<string, unknown>,
  outputFolder: string | undefined,
): void {
  report.bytes = bytes;
  if (quantization === undefined) return;
  const integer =
    quantization.method === 'post-training'
      ? quantizeTrained(protocol.dataset, result, quantization, protocol.searchRows)
      : result.quantization?.model;
  if (integer === undefined) return;
  report.quantizedTestAccuracy =
    quantization.method === 'post-training'
      ? accuracyOn(protocol.dataset, integer, protocol.testRows)
      : (result.quantization?.testAccuracy ?? null);
  if (outputFolder !== undefined) {
    const path = join(outputFolder, `best-model-int${integer.quantization.weightBits}.json`);
    writeFileSync(path, `${JSON.stringify(integer)}\n`);
    report.quantizedModel = path;
  }
}
