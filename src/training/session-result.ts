// The result of a finished training run: each part's loss and accuracy, the test confusion
// matrix, timings and memory, the model document and, where they apply, the adapter and the
// converted integer model.
import type { SplitIndices } from './data/splits.js';
import type { DistillationLoss } from './distillation.js';
import type { PartEvaluation } from './evaluate-rows.js';
import { createAdapterDocument } from './fine-tuning/fine-tuning-result.js';
import { memoryAccounting } from './fine-tuning/memory-accounting.js';
import { accuracyOf, confusionMatrix } from './metrics.js';
import { Network } from './network.js';
import type { Optimizer } from './optimizers/optimizer.js';
import type { ActivationRange } from './quantization/activation-fake-quantizer.js';
import { convertQuantizationAware } from './quantization/convert-quantization-aware.js';
import type { EpochRecord, TrainResult, TrainStopReason } from './train-result.js';
import { trainedModelDocument, type TrainedModel } from './trained-model-document.js';

/** What a finished run hands over, its best weights restored and its parts evaluated. */
export interface FinishedRun extends TrainedModel {
  history: EpochRecord[];
  stopReason: TrainStopReason;
  split: SplitIndices;
  /** Training rows whose labels were used. */
  labelledRows: number;
  optimizer: Optimizer;
  distillation: DistillationLoss | undefined;
  /** The activation ranges observed by quantization-aware training. */
  activationRanges: readonly ActivationRange[] | undefined;
  /** `performance.now()` when the run began. */
  start: number;
  trainingMs: number;
  samplesProcessed: number;
  train: PartEvaluation | undefined;
  validation: PartEvaluation | undefined;
  test: PartEvaluation | undefined;
  testRows: Int32Array;
  /** The network's prediction for each test row. */
  predictions: Float64Array;
}

/** The {@link TrainResult} of a finished run. */
export function finishedRunResult(run: FinishedRun): TrainResult {
  const { dataset, network, options: o, train, validation, test, testRows, predictions } = run;
  const classification = dataset.task === 'classification';
  const matrix =
    classification && test !== undefined
      ? confusionMatrix(
          Array.from(testRows, (i) => dataset.labels[i] as number),
          predictions,
          dataset.classNames.length,
        )
      : null;
  const elapsedMs = performance.now() - run.start;
  const result: TrainResult = {
    model: trainedModelDocument(run),
    history: run.history,
    trainLoss: train?.loss ?? NaN,
    trainAccuracy: train?.accuracy ?? null,
    validationLoss: validation?.loss ?? null,
    validationAccuracy: validation?.accuracy ?? null,
    testLoss: test?.loss ?? null,
    testAccuracy: matrix === null ? (test?.accuracy ?? null) : accuracyOf(matrix),
    confusionMatrix: matrix,
    epochs: run.history.length,
    bestEpoch: run.bestEpoch,
    stopReason: run.stopReason,
    samples: {
      train: run.split.train.length,
      labelled: run.labelledRows,
      validation: run.split.validation.length,
      test: run.split.test.length,
    },
    trainingMs: run.trainingMs,
    elapsedMs,
    samplesPerSecond: run.trainingMs > 0 ? (run.samplesProcessed * 1000) / run.trainingMs : 0,
    seed: o.seed,
    options: o,
    parameters: network.parameterCount,
    ...memoryAccounting(network, run.optimizer),
    ...(run.distillation === undefined
      ? {}
      : {
          teacherTestAccuracy: run.distillation.teacherTestAccuracy,
          teacherParameters: run.distillation.teacherParameters,
        }),
  };
  if (o.fineTuning !== undefined && o.initialModel !== undefined && !(network instanceof Network))
    result.adapter = createAdapterDocument(network, o.initialModel, o.fineTuning, result.model);
  if (o.quantization !== undefined) {
    result.quantization = convertQuantizationAware(
      result.model,
      o.quantization,
      dataset,
      run.split,
      predictions,
      run.activationRanges,
    );
  }
  return result;
}
