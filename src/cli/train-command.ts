// `kiln train <config>`: trains a dense network on a dataset with a progress bar per epoch, prints
// a summary (or JSON), and writes the model and its history to the output folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readJsonFile, validateConfig } from '../config/load.js';
import { trainConfigSchema, type TrainConfig } from '../config/train-config.js';
import { crossValidate, type CrossValidationResult } from '../training/cross-validate.js';
import { applyDatasetTransforms } from '../config/dataset-transforms.js';
import { readCsvDataset } from '../training/data/csv.js';
import type { Dataset } from '../training/data/dataset.js';
import { loadDataset } from '../training/data/datasets.js';
import { readIdxDataset } from '../training/data/idx-dataset.js';
import { readModel } from '../training/model.js';
import { trainAsync } from '../training/train.js';
import type { TrainResult } from '../training/train-result.js';
import type { TrainOptions } from '../training/train-options.js';
import { createProgressBar } from '../runners/progress.js';
import { prepareOutputFolder } from '../runners/output-folder.js';
import { EXIT_INTERRUPTED, reportError } from './errors.js';
import { describeStop } from './stop-reason.js';
import { formatCount, formatNumber } from './format.js';
import { memoryLines } from './train-memory.js';
import { withInterrupt, writeJson, writeOutputs, type CliIo } from './io.js';

/** Arguments of `kiln train`. */
export interface TrainArguments {
  config: string;
  seed?: number;
  output?: string;
  json?: boolean;
}

/** Loads and validates a train config; `--seed` and `--output` override the file. */
export function loadTrainConfig(
  path: string,
  overrides: { seed?: number; output?: string } = {},
): TrainConfig {
  const config = validateConfig<TrainConfig>(readJsonFile(path), trainConfigSchema(), path);
  return {
    ...config,
    ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    ...(overrides.output === undefined ? {} : { output: overrides.output }),
  };
}

/** The dataset a train config names: a shipped one, or a CSV file relative to `baseDir`. */
export function configDataset(config: TrainConfig, baseDir: string): Dataset {
  return applyDatasetTransforms(loadConfigDataset(config, baseDir), config, 'train config');
}

function loadConfigDataset(config: TrainConfig, baseDir: string): Dataset {
  const { dataset } = config;
  if (typeof dataset === 'string') return loadDataset(dataset);
  if (dataset.format === 'idx') {
    const { images, labels, testImages, testLabels } = dataset;
    return readIdxDataset(resolve(baseDir, images), resolve(baseDir, labels), {
      ...(testImages === undefined ? {} : { testImages: resolve(baseDir, testImages) }),
      ...(testLabels === undefined ? {} : { testLabels: resolve(baseDir, testLabels) }),
    });
  }
  return readCsvDataset(resolve(baseDir, dataset.path), {
    ...(dataset.target === undefined ? {} : { target: dataset.target }),
    ...(dataset.task === undefined ? {} : { task: dataset.task }),
  });
}

/**
 * The training options of a config (everything but dataset, output and editor fields), with the
 * teacher's path resolved against `baseDir`.
 */
export function configOptions(config: TrainConfig, baseDir: string): TrainOptions {
  const {
    $schema: _schema,
    description: _description,
    dataset: _dataset,
    output: _output,
    crossValidation: _crossValidation,
    initialization: _initialization,
    transform: _transform,
    classes: _classes,
    ...options
  } = config;
  const teacher = options.distillation?.teacher;
  if (typeof teacher === 'string') {
    options.distillation = { ...options.distillation, teacher: resolve(baseDir, teacher) };
  }
  return options;
}

/** Runs `kiln train`; returns the exit code. */
export async function trainCommand(args: TrainArguments, io: CliIo): Promise<number> {
  const configPath = resolve(io.cwd, args.config);
  const config = loadTrainConfig(configPath, {
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.output === undefined ? {} : { output: args.output }),
  });
  const output = config.output === undefined ? undefined : resolve(io.cwd, config.output);
  // Checked before training: a folder that cannot be written must not cost a trained model.
  if (output !== undefined) prepareOutputFolder(output);
  const dataset = configDataset(config, dirname(configPath));
  const from = config.initialization?.from;
  const options = {
    ...configOptions(config, dirname(configPath)),
    ...(from === undefined ? {} : { initialModel: readModel(resolve(dirname(configPath), from)) }),
  };
  const epochs = options.epochs ?? 200;
  const bar = createProgressBar(io.stderr);
  const folds = config.crossValidation?.folds ?? 5;
  const validation =
    config.crossValidation === undefined
      ? undefined
      : crossValidate(
          dataset,
          { ...options, folds },
          {
            onEpoch: (e) =>
              bar.update({
                fraction: undefined,
                elapsedMs: e.elapsedMs,
                detail: `cross-validation (${folds} folds)  epoch ${e.epoch}/${epochs}`,
              }),
          },
        );
  const { value: result, interrupted } = await withInterrupt((signal) =>
    trainAsync(dataset, options, {
      signal,
      onEpoch: (e) =>
        bar.update({
          fraction: e.epoch / epochs,
          elapsedMs: e.elapsedMs,
          detail: epochDetail(
            e.epoch,
            epochs,
            e.trainLoss,
            e.trainAccuracy,
            e.validationLoss,
            e.validationAccuracy,
          ),
        }),
    }),
  );
  bar.finish();
  // A folder that stopped being writable during training costs the files, not the result.
  const written =
    output === undefined
      ? undefined
      : writeOutputs(output, () => writeTrainOutput(output, config, result));
  const shownOutput = written === undefined || written.error !== undefined ? undefined : output;
  const summary = {
    ...trainSummary(dataset, result, shownOutput),
    ...(validation === undefined ? {} : { crossValidation: validation }),
  };
  if (args.json === true) writeJson(io, summary);
  else io.stdout.write(humanSummary(dataset, result, shownOutput, validation));
  if (written?.error !== undefined) return reportError(written.error, io.stderr);
  return interrupted ? EXIT_INTERRUPTED : 0;
}

function epochDetail(
  epoch: number,
  epochs: number,
  loss: number,
  accuracy: number | null,
  validationLoss: number | null,
  validationAccuracy: number | null,
): string {
  const parts = [`epoch ${epoch}/${epochs}`, `loss ${formatNumber(loss)}`];
  if (accuracy !== null) parts.push(`acc ${accuracy.toFixed(3)}`);
  if (validationLoss !== null) parts.push(`val loss ${formatNumber(validationLoss)}`);
  if (validationAccuracy !== null) parts.push(`val acc ${validationAccuracy.toFixed(3)}`);
  return parts.join('  ');
}

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

/** True when the run writes model.json: always, except LoRA without merge (adapter.json alone). */
function writesModel(result: TrainResult): boolean {
  const fineTuning = result.options.fineTuning;
  return fineTuning?.lora === undefined || fineTuning.merge;
}

/** The model and adapter files a run writes into `output`. */
function outputFiles(result: TrainResult, output: string): Record<string, string> {
  return {
    ...(writesModel(result) ? { model: resolve(output, 'model.json') } : {}),
    ...(result.adapter === undefined ? {} : { adapter: resolve(output, 'adapter.json') }),
  };
}

/** Quantization-aware training: the converted model's figures (and file), without its weights. */
function quantizationSummary(
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

const accuracy = (value: number | null): string => (value === null ? '-' : value.toFixed(4));
const loss = (value: number | null): string => (value === null ? '-' : formatNumber(value));

function humanSummary(
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

/** Writes config.json, model.json, result.json and history.csv into the output folder. */
export function writeTrainOutput(folder: string, config: TrainConfig, result: TrainResult): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(resolve(folder, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  if (writesModel(result))
    writeFileSync(resolve(folder, 'model.json'), `${JSON.stringify(result.model)}\n`);
  if (result.adapter !== undefined)
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
  if (quantization !== undefined)
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
