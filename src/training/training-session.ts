// TrainingSession: a training run epoch by epoch (shuffled mini-batches, validation loss, early
// stopping), then its result with every part evaluated; deterministic for a seed.
import { createRng, type Rng } from '../core/rng.js';
import type { Dataset } from './data/dataset.js';
import { applyNormalization, fitNormalization, type Normalization } from './data/normalization.js';
import type { SplitIndices } from './data/splits.js';
import {
  chooseLabelledRows,
  DistillationLoss,
  loadTeacher,
  withoutLabels,
} from './distillation.js';
import { clipByNorm, clipByValue } from './gradient-clipping.js';
import { LossEvaluator } from './losses.js';
import { Network } from './network.js';
import type { AdaptedNetwork } from './fine-tuning/adapted-network.js';
import { networkOptimizer } from './network-adam.js';
import type { FloatArray, Optimizer } from './optimizers/optimizer.js';
import { createOptimizer } from './optimizers/registry.js';
import { scheduledLearningRate } from './schedules.js';
import { EarlyStoppingTracker } from './early-stopping.js';
import { evaluateRows, type PartEvaluation, type RowScoring } from './evaluate-rows.js';
import { SessionFakeQuantization } from './session-fake-quantization.js';
import { finishedRunResult } from './session-result.js';
import {
  resolveTrainOptions,
  type ResolvedTrainOptions,
  type TrainOptions,
} from './train-options.js';
import type { EpochRecord, TrainResult, TrainStopReason } from './train-result.js';
import { buildTrainingNetwork } from './training-network.js';
import { resolveTrainingSplit } from './training-split.js';

interface Part extends PartEvaluation {
  rows: Int32Array;
}

/** A training run in progress: call {@link runEpoch} until {@link done}, then {@link finish}. */
export class TrainingSession {
  readonly options: ResolvedTrainOptions;
  readonly dataset: Dataset;
  readonly split: SplitIndices;
  readonly network: Network | AdaptedNetwork;
  readonly history: EpochRecord[] = [];
  stopReason: TrainStopReason | undefined;

  private readonly normalization: Normalization;
  // Normalized features, in the training precision (float32 halves what each epoch reads).
  private readonly features: Float64Array | Float32Array;
  private readonly optimizer: Optimizer;
  private readonly loss: LossEvaluator;
  private readonly distillation: DistillationLoss | undefined;
  // Class of each row, -1 where the label is not used (labelFraction < 1).
  private readonly trainingLabels: Int32Array;
  private readonly labelledRows: number;
  private readonly order: Int32Array;
  private readonly batchSize: number;
  private readonly batchLabels: Int32Array;
  private readonly batchTargets: Float64Array;
  private readonly parameterList: FloatArray[];
  private readonly gradientList: FloatArray[];
  private readonly shuffleRng: Rng;
  private readonly dropoutRng: Rng | undefined;
  private readonly earlyStopping: EarlyStoppingTracker;
  private readonly scoring: RowScoring;
  private readonly fakeQuantization: SessionFakeQuantization | undefined;
  private readonly start = performance.now();
  private trainingMs = 0;
  private samplesProcessed = 0;

  constructor(dataset: Dataset, options: TrainOptions = {}) {
    this.options = resolveTrainOptions(options, dataset);
    this.dataset = dataset;
    const o = this.options;
    const rng = createRng(o.seed);
    this.split = resolveTrainingSplit(dataset, o, rng);
    const d = dataset.featureNames.length;
    this.normalization = fitNormalization(dataset, this.split.train, o.normalization);
    this.features = applyNormalization(this.normalization, dataset.features, d, o.precision);
    const nTrain = this.split.train.length;
    this.batchSize = o.batchSize === 'full' ? nTrain : Math.min(o.batchSize, nTrain);
    const capacity = Math.max(this.batchSize, Math.min(256, dataset.samples));
    this.network = buildTrainingNetwork(dataset, o, capacity, rng);
    const { type, ...optimizerOptions } = o.optimizer;
    this.optimizer =
      networkOptimizer(o.optimizer, this.network) ?? createOptimizer(type, optimizerOptions);
    this.loss = new LossEvaluator(
      o.loss,
      this.network.architecture.outputs,
      dataset.task === 'classification',
    );
    const labelled = chooseLabelledRows(
      this.split.train,
      o.labelFraction,
      dataset.labels,
      (o.labelSeed === undefined ? rng : createRng(o.labelSeed)).fork('labels'),
    );
    this.labelledRows = labelled.length;
    this.trainingLabels = withoutLabels(dataset.labels, labelled, this.split.train.length);
    const distillation = o.distillation;
    const transferRows = distillation?.transferSet === 'all' ? this.split.train : labelled;
    this.distillation =
      distillation &&
      new DistillationLoss(
        loadTeacher(distillation.teacher, dataset),
        dataset,
        distillation,
        transferRows,
        this.split.test,
      );
    this.order = Int32Array.from(transferRows);
    this.batchLabels = new Int32Array(capacity);
    this.batchTargets = new Float64Array(capacity);
    this.parameterList = [this.network.parameters];
    this.gradientList = [this.network.gradients];
    this.shuffleRng = rng.fork('shuffle');
    const adapterDropout = (o.fineTuning?.lora?.dropout ?? 0) > 0;
    this.dropoutRng =
      adapterDropout || this.network.architecture.dropout.some((r) => r > 0)
        ? rng.fork('dropout')
        : undefined;
    this.earlyStopping = new EarlyStoppingTracker(this.network.parameters);
    const q = o.quantization;
    this.fakeQuantization =
      q === undefined || !(this.network instanceof Network)
        ? undefined
        : new SessionFakeQuantization(this.network, q.weights);
    this.scoring = {
      network: this.network,
      loss: this.loss,
      features: this.features,
      dataset,
      batchLabels: this.batchLabels,
      batchTargets: this.batchTargets,
    };
  }

  /** True when the fake-quantized weights stand in for the float ones from epoch `epoch` (0-based). */
  private quantizing(epoch: number): boolean {
    const q = this.options.quantization;
    return this.fakeQuantization !== undefined && q !== undefined && epoch >= q.startEpoch;
  }

  /** True once the last epoch ran or training stopped. */
  get done(): boolean {
    return this.stopReason !== undefined;
  }

  /** Runs one epoch: shuffled mini-batches, then the validation loss and early stopping. */
  runEpoch(): EpochRecord {
    const o = this.options;
    const epoch = this.history.length;
    const learningRate = scheduledLearningRate(
      o.learningRateSchedule,
      o.optimizer.learningRate as number,
      epoch,
      o.epochs,
    );
    this.optimizer.learningRate = learningRate;
    if (o.shuffle) shuffleInPlace(this.order, this.shuffleRng);
    const freeze = o.quantization?.freezeObserversEpoch;
    if (freeze !== undefined && freeze !== null && epoch >= freeze) this.fakeQuantization?.freeze();
    const began = performance.now();
    const { lossSum, correct } = this.trainBatches(this.quantizing(epoch));
    this.trainingMs += performance.now() - began;
    this.samplesProcessed += this.order.length;
    const classification = this.dataset.task === 'classification';
    const trainLoss = lossSum / this.order.length;
    const validation =
      this.split.validation.length > 0
        ? this.evaluate(Int32Array.from(this.split.validation))
        : undefined;
    const record: EpochRecord = {
      epoch: epoch + 1,
      learningRate,
      trainLoss,
      trainAccuracy: classification ? correct / this.labelledRows : null,
      validationLoss: validation?.loss ?? null,
      validationAccuracy: validation?.accuracy ?? null,
      elapsedMs: performance.now() - this.start,
    };
    this.history.push(record);
    this.track(record);
    return record;
  }

  /** Stops training before the next epoch (stop reason `stopped`). */
  stop(): void {
    this.stopReason ??= 'stopped';
  }

  /** The result: best weights restored (with early stopping), every part evaluated. */
  finish(): TrainResult {
    const o = this.options;
    this.stopReason ??= 'epochs';
    const tracker = this.earlyStopping;
    const restore = o.earlyStopping?.restoreBestWeights === true && tracker.bestEpoch > 0;
    if (restore) this.network.parameters.set(tracker.bestWeights);
    const bestEpoch = restore ? tracker.bestEpoch : this.history.length;
    const train = this.evaluatePart(this.split.train);
    const validation = this.evaluatePart(this.split.validation);
    const testRows = Int32Array.from(this.split.test);
    const predictions = new Float64Array(testRows.length);
    const test = testRows.length > 0 ? this.evaluate(testRows, predictions) : undefined;
    return finishedRunResult({
      dataset: this.dataset,
      network: this.network,
      options: o,
      normalization: this.normalization,
      epochs: this.history.length,
      bestEpoch,
      history: this.history,
      stopReason: this.stopReason,
      split: this.split,
      labelledRows: this.labelledRows,
      optimizer: this.optimizer,
      distillation: this.distillation,
      activationRanges: this.fakeQuantization?.activations.ranges,
      start: this.start,
      trainingMs: this.trainingMs,
      samplesProcessed: this.samplesProcessed,
      train,
      validation,
      test,
      testRows,
      predictions,
    });
  }

  private trainBatches(quantizing: boolean): { lossSum: number; correct: number } {
    const network = this.network;
    const loss = this.loss;
    const order = this.order;
    const labels = this.trainingLabels;
    const targets = this.dataset.targets;
    const distillation = this.distillation;
    const batchLabels = this.batchLabels;
    const batchTargets = this.batchTargets;
    const classification = this.dataset.task === 'classification';
    const l2 = this.options.model.l2;
    const dropout = this.dropoutRng !== undefined;
    const { maxNorm, maxValue } = this.options.gradientClipping;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < order.length; start += this.batchSize) {
      const count = Math.min(this.batchSize, order.length - start);
      network.loadInputs(this.features, order, start, count);
      for (let b = 0; b < count; b++) {
        const row = order[start + b] as number;
        if (classification) batchLabels[b] = labels[row] as number;
        batchTargets[b] = targets[row] as number;
      }
      if (quantizing) this.fakeQuantization?.switch(true, true);
      network.forward(count, this.dropoutRng);
      const columns = network.columns(count);
      if (distillation === undefined)
        loss.evaluate(network.output, count, columns, batchLabels, batchTargets, true);
      else distillation.evaluate(network.output, count, columns, batchLabels, order, start);
      lossSum += (distillation ?? loss).loss;
      correct += (distillation ?? loss).correct;
      network.backward(count, l2, dropout);
      if (quantizing) this.fakeQuantization?.switch(false, true);
      if (maxValue !== undefined) clipByValue(network.gradients, maxValue);
      if (maxNorm !== undefined) clipByNorm(network.gradients, maxNorm);
      this.optimizer.step(this.parameterList, this.gradientList);
    }
    return { lossSum, correct };
  }

  private track(record: EpochRecord): void {
    const o = this.options;
    if (!Number.isFinite(record.trainLoss)) {
      this.stopReason = 'diverged';
      return;
    }
    const early = o.earlyStopping;
    const validationLoss = record.validationLoss;
    const parameters = this.network.parameters;
    if (
      early !== undefined &&
      validationLoss !== null &&
      this.earlyStopping.observe(early, validationLoss, record.epoch, parameters)
    ) {
      this.stopReason = 'early-stopping';
      return;
    }
    if (this.history.length >= o.epochs) this.stopReason = 'epochs';
  }

  private evaluatePart(rows: readonly number[]): Part | undefined {
    if (rows.length === 0) return undefined;
    const indices = Int32Array.from(rows);
    return { rows: indices, ...this.evaluate(indices) };
  }

  /** Mean loss and accuracy on `rows` (dropout off); predictions written when asked. */
  private evaluate(rows: Int32Array, predictions?: Float64Array): PartEvaluation {
    // The fake-quantized model is the one being trained: evaluate it.
    const quantizing = this.quantizing(Math.max(0, this.history.length - 1));
    if (quantizing) this.fakeQuantization?.switch(true, false);
    const evaluation = evaluateRows(this.scoring, rows, predictions);
    if (quantizing) this.fakeQuantization?.switch(false, false);
    return evaluation;
  }
}

/** Fisher-Yates shuffle of an index array from `rng`. */
function shuffleInPlace(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
}
