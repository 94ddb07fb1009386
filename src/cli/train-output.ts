// The output folder of `kiln train`: config.json, model.json (or adapter.json), result.json,
// history.csv and, after quantization-aware training, quantized-model.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TrainConfig } from '../config/train-config.js';
import type { TrainResult } from '../training/train-result.js';
import { quantizationSummary, writesAdapter, writesModel } from './train-summary.js';

/**
 * Writes config.json, model.json, result.json and history.csv into the output folder; a diverged
 * run writes no model (nor adapter or quantized model), only what shows where it diverged.
 */
export function writeTrainOutput(folder: string, config: TrainConfig, result: TrainResult): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(resolve(folder, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  if (writesModel(result))
    writeFileSync(resolve(folder, 'model.json'), `${JSON.stringify(result.model)}\n`);
  if (writesAdapter(result))
    writeFileSync(resolve(folder, 'adapter.json'), `${JSON.stringify(result.adapter)}\n`);
  const {
    model: _model,
    history: _history,
    quantization,
    options,
    adapter: _adapter,
    ...rest
  } = result;
  const { initialModel: _initialModel, ...recorded } = options;
  const summary = quantizationSummary(result, folder);
  writeFileSync(
    resolve(folder, 'result.json'),
    `${JSON.stringify({ ...rest, options: recorded, ...(summary === undefined ? {} : { quantization: summary }) }, null, 2)}\n`,
  );
  if (quantization !== undefined && result.stopReason !== 'diverged')
    writeFileSync(
      resolve(folder, 'quantized-model.json'),
      `${JSON.stringify(quantization.model)}\n`,
    );
  const value = (v: number | null): string => (v === null ? '' : String(v));
  const rows = result.history.map((h) =>
    [
      h.epoch,
      h.learningRate,
      h.trainLoss,
      value(h.trainAccuracy),
      value(h.validationLoss),
      value(h.validationAccuracy),
      h.elapsedMs.toFixed(1),
    ].join(','),
  );
  writeFileSync(
    resolve(folder, 'history.csv'),
    `epoch,learningRate,trainLoss,trainAccuracy,validationLoss,validationAccuracy,elapsedMs\n${rows.join('\n')}\n`,
  );
}
