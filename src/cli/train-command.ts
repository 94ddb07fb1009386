// `kiln train <config>`: trains a dense network on a dataset with a progress bar per epoch, prints
// a summary (or JSON), and writes the model and its history to the output folder.
import { dirname, resolve } from 'node:path';
import { crossValidate } from '../training/cross-validate.js';
import { readModel } from '../training/model.js';
import { trainAsync } from '../training/train.js';
import { createProgressBar } from '../runners/progress.js';
import { prepareOutputFolder } from '../runners/output-folder.js';
import { refuseOtherOutput } from '../runners/output-kind.js';
import { EXIT_INTERRUPTED, EXIT_NO_SUCCESS, reportError } from './errors.js';
import { formatNumber } from './format.js';
import { withInterrupt, writeJson, writeOutputs, type CliIo } from './io.js';
import { humanSummary } from './train-human-summary.js';
import { configDataset, configOptions, inConfig, loadTrainConfig } from './train-inputs.js';
import type { TrainConfig } from '../config/train-config.js';
import { writeTrainOutput } from './train-output.js';
import { trainSummary } from './train-summary.js';

/** Arguments of `kiln train`. */
export interface TrainArguments {
  config: string;
  seed?: number;
  output?: string;
  json?: boolean;
}

/** Runs `kiln train`; returns the exit code. */
export async function trainCommand(args: TrainArguments, io: CliIo): Promise<number> {
  const configPath = resolve(io.cwd, args.config);
  const config = loadTrainConfig(configPath, {
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.output === undefined ? {} : { output: args.output }),
  });
  try {
    return await train(args, io, configPath, config);
  } catch (error) {
    throw inConfig(error, configPath);
  }
}

async function train(
  args: TrainArguments,
  io: CliIo,
  configPath: string,
  config: TrainConfig,
): Promise<number> {
  const output = config.output === undefined ? undefined : resolve(io.cwd, config.output);
  // Checked before training: a folder that cannot be written must not cost a trained model.
  if (output !== undefined) {
    refuseOtherOutput(output, 'train');
    prepareOutputFolder(output);
  }
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
  if (result.stopReason === 'diverged') {
    // As a study counts a non-finite value as a failed trial: no model, and a failure's exit code.
    io.stderr.write(
      `kiln: training diverged at epoch ${result.epochs} (the loss is not a finite number), so no model was written; lower optimizer.learningRate or set gradientClipping\n`,
    );
    return EXIT_NO_SUCCESS;
  }
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
