// The output folder of `kiln train`: config.json, model.json (or adapter.json), result.json,
// history.csv and, after quantization-aware training, quantized-model.json.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFilesAtomically, type FileContents } from '../core/write-atomically.js';
import type { TrainConfig } from '../config/train-config.js';
import type { TrainResult } from '../training/train-result.js';
import { quantizationSummary, writesAdapter, writesModel } from './train-summary.js';

/**
 * Writes config.json, model.json, result.json and history.csv into the output folder, all or
 * none: a failed write (a full disk) leaves the files of an earlier run in the folder whole. A
 * diverged run writes no model (nor adapter or quantized model), only what shows where it
 * diverged, and removes those of an earlier run.
 */
export function writeTrainOutput(folder: string, config: TrainConfig, result: TrainResult): void {
  mkdirSync(folder, { recursive: true });
  const files: FileContents[] = [];
  const add = (name: string, text: string): void => {
    files.push([resolve(folder, name), text]);
  };
  add('config.json', `${JSON.stringify(config, null, 2)}\n`);
  if (writesModel(result)) add('model.json', `${JSON.stringify(result.model)}\n`);
  if (writesAdapter(result)) add('adapter.json', `${JSON.stringify(result.adapter)}\n`);
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
  add(
    'result.json',
    `${JSON.stringify({ ...rest, options: recorded, ...(summary === undefined ? {} : { quantization: summary }) }, null, 2)}\n`,
  );
  if (quantization !== undefined && result.stopReason !== 'diverged')
    add('quantized-model.json', `${JSON.stringify(quantization.model)}\n`);
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
  add(
    'history.csv',
    `epoch,learningRate,trainLoss,trainAccuracy,validationLoss,validationAccuracy,elapsedMs\n${rows.join('\n')}\n`,
  );
  writeFilesAtomically(files);
  // A model file this run did not write is an earlier run's: left there, it would pass for the
  // model of this run's config and result (say, beside a diverged run's).
  for (const name of MODEL_FILES) {
    const path = resolve(folder, name);
    if (!files.some(([written]) => written === path)) rmSync(path, { force: true });
  }
}

const MODEL_FILES = ['model.json', 'adapter.json', 'quantized-model.json'];
