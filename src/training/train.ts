// train(dataset, options): mini-batch (or full-batch, or stochastic) training of a dense network
// with a gradient optimizer, learning-rate schedule, gradient clipping and early stopping;
// deterministic for a seed. TrainingSession runs it epoch by epoch for progress reporting.
import { ParameterError } from '../core/errors.js';
import { createRng, type Rng } from '../core/rng.js';
import { classCount, type Dataset } from './data/dataset.js';
import { applyNormalization, fitNormalization, type Normalization } from './data/normalization.js';
import { splitDataset, type SplitIndices } from './data/splits.js';
import {
  chooseLabelledRows,
  DistillationLoss,
  loadTeacher,
  withoutLabels,
} from './distillation.js';
import { accuracyOf, confusionMatrix } from './metrics.js';
import { clipByNorm, clipByValue } from './gradient-clipping.js';
import { LossEvaluator, outputsFor } from './losses.js';
import type { ModelDocument } from './model.js';
import { Network } from './network.js';
import type { AdaptedNetwork } from './fine-tuning/adapted-network.js';
import { buildAdaptedNetwork } from './fine-tuning/fine-tune.js';
import { createAdapterDocument, fineTuningRecord } from './fine-tuning/fine-tuning-result.js';
import type { AdapterDocument } from './fine-tuning/adapter.js';
import { memoryAccounting, type MemoryAccounting } from './fine-tuning/memory-accounting.js';
import {
  convertQuantizationAware,
  type QuantizationAwareResult,
} from './quantization/convert-quantization-aware.js';
import { ActivationFakeQuantizer } from './quantization/activation-fake-quantizer.js';
import { WeightFakeQuantizer } from './quantization/weight-fake-quantizer.js';
import { networkOptimizer, networkOptimizerBuffers } from './network-adam.js';
import type { FloatArray, Optimizer } from './optimizers/optimizer.js';
import { createOptimizer } from './optimizers/registry.js';
import { scheduledLearningRate } from './schedules.js';
import {
  dropoutRates,
  resolveTrainOptions,
  type ResolvedTrainOptions,
  type TrainOptions,
} from './train-options.js';

/** One epoch of training, as reported to `onEpoch` and kept in the history. */
export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  learningRate: number;
  /** Mean loss over the epoch's batches (with dropout active, weights changing). */
  trainLoss: number;
  /** Accuracy over the epoch's batches (classification), else null. */
  trainAccuracy: number | null;
  validationLoss: number | null;
  validationAccuracy: number | null;
  /** Time since training started. */
  elapsedMs: number;
}

/** Why training stopped. */
export type TrainStopReason = 'epochs' | 'early-stopping' | 'diverged' | 'stopped';

/** The outcome of {@link train}. Accuracies are null for regression and for empty parts. */
export interface TrainResult extends MemoryAccounting {
  model: ModelDocument;
  history: EpochRecord[];
  trainLoss: number;
  trainAccuracy: number | null;
  validationLoss: number | null;
  validationAccuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Test confusion matrix [actual][predicted] (classification with test rows), else null. */
  confusionMatrix: number[][] | null;
  /** Epochs run. */
  epochs: number;
  /** The epoch whose weights the model holds. */
  bestEpoch: number;
  stopReason: TrainStopReason;
  /** Rows of each part; `labelled`: training rows whose labels were used (see labelFraction). */
  samples: { train: number; labelled: number; validation: number; test: number };
  /** Trainable parameters (weights and biases) of the network. */
  parameters: number;
  /** With distillation: the teacher's accuracy on the test rows. */
  teacherTestAccuracy?: number | null;
  /** With distillation: the teacher's trainable parameters. */
  teacherParameters?: number;
  /** Time spent in training steps (forward, backward, optimizer), excluding evaluation. */
  trainingMs: number;
  elapsedMs: number;
  /** Training samples processed per second of {@link trainingMs}. */
  samplesPerSecond: number;
  seed: number | string;
  options: ResolvedTrainOptions;
  /**
   * Quantization-aware training: the converted integer model and its test accuracy, next to the
   * fake-quantized model's (which {@link testAccuracy} reports then).
   */
  quantization?: QuantizationAwareResult;
  /** Fine-tuning with frozen layers, a new head or LoRA: what was trained, without the base. */
  adapter?: AdapterDocument;
}

/** Callbacks of {@link train} and {@link trainAsync}. */
export interface TrainHooks {
  /** Called after each epoch; returning false stops training (stop reason `stopped`). */
  onEpoch?: (record: EpochRecord) => boolean | void;
  /** Stops training between epochs (trainAsync). */
  signal?: AbortSignal;
}

interface Part {
  rows: Int32Array;
  loss: number;
  accuracy: number | null;
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
  private readonly best: FloatArray;
  private readonly fakeQuantizer: WeightFakeQuantizer | undefined;
  private readonly activationQuantizer: ActivationFakeQuantizer | undefined;
  private readonly start = performance.now();
  private bestLoss = Infinity;
  private bestEpoch = 0;
  private wait = 0;
  private trainingMs = 0;
  private samplesProcessed = 0;

  constructor(dataset: Dataset, options: TrainOptions = {}) {
    this.options = resolveTrainOptions(options, dataset);
    this.dataset = dataset;
    const o = this.options;
    const rng = createRng(o.seed);
    const labels = dataset.task === 'classification' ? dataset.labels : undefined;
    this.split = o.split
      ? {
          train: o.split.train.slice(),
          validation: o.split.validation?.slice() ?? [],
          test: o.split.test?.slice() ?? [],
        }
      : splitDataset(
          dataset.samples,
          labels,
          { validation: o.validationFraction, test: o.testFraction ?? 0.2 },
          rng.fork('split'),
          o.testFraction === undefined ? dataset.split?.test : undefined,
        );
    if (this.split.train.length === 0) {
      throw new ParameterError(
        `train: no training rows are left after the split of ${dataset.samples} samples`,
      );
    }
    const d = dataset.featureNames.length;
    this.normalization = fitNormalization(dataset, this.split.train, o.normalization);
    this.features = applyNormalization(this.normalization, dataset.features, d, o.precision);
    const nTrain = this.split.train.length;
    this.batchSize = o.batchSize === 'full' ? nTrain : Math.min(o.batchSize, nTrain);
    const capacity = Math.max(this.batchSize, Math.min(256, dataset.samples));
    const classes = classCount(dataset);
    const architecture = {
      inputs: d,
      hidden: o.model.hidden,
      outputs: outputsFor(o.loss, classes),
      activation: o.model.activation,
      negativeSlope: o.model.negativeSlope,
      dropout: dropoutRates(o.model),
    };
    const buffers = networkOptimizerBuffers(o.optimizer);
    if (o.fineTuning !== undefined && o.initialModel !== undefined) {
      this.network = buildAdaptedNetwork(
        o.initialModel,
        o.fineTuning,
        architecture,
        o.precision,
        capacity,
        buffers,
        o.model.initialization,
        rng.fork('fine-tuning'),
      );
    } else {
      const network = new Network(architecture, o.precision, capacity, buffers);
      network.initialize(o.model.initialization, rng.fork('initialization'));
      if (o.initialModel !== undefined) startFrom(network, o.initialModel);
      this.network = network;
    }
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
    this.best = this.network.parameters.slice();
    const q = o.quantization;
    this.fakeQuantizer =
      q === undefined || !(this.network instanceof Network)
        ? undefined
        : new WeightFakeQuantizer(this.network, q.weights);
    this.activationQuantizer =
      q === undefined || !(this.network instanceof Network)
        ? undefined
        : new ActivationFakeQuantizer(
            [
              this.network.architecture.inputs,
              ...this.network.architecture.hidden,
              this.network.architecture.outputs,
            ],
            this.network.stride,
          );
  }

  /** Puts the fake quantizers in place (weights swapped, activation hook set) or takes them out. */
  private fakeQuantize(on: boolean, training: boolean): void {
    const network = this.network;
    if (!(network instanceof Network)) return;
    const activations = this.activationQuantizer;
    if (on) {
      this.fakeQuantizer?.apply();
      if (activations !== undefined) activations.training = training;
      network.activationHook = activations;
    } else {
      this.fakeQuantizer?.restore(training);
      network.activationHook = undefined;
    }
  }

  /** True when the fake-quantized weights stand in for the float ones from epoch `epoch` (0-based). */
  private quantizing(epoch: number): boolean {
    const q = this.options.quantization;
    return this.fakeQuantizer !== undefined && q !== undefined && epoch >= q.startEpoch;
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
    if (freeze !== undefined && freeze !== null && epoch >= freeze) {
      this.fakeQuantizer?.freeze();
      this.activationQuantizer?.freeze();
    }
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
    const restore = o.earlyStopping?.restoreBestWeights === true && this.bestEpoch > 0;
    if (restore) this.network.parameters.set(this.best);
    const bestEpoch = restore ? this.bestEpoch : this.history.length;
    const train = this.evaluatePart(this.split.train);
    const validation = this.evaluatePart(this.split.validation);
    const testRows = Int32Array.from(this.split.test);
    const predictions = new Float64Array(testRows.length);
    const test = testRows.length > 0 ? this.evaluate(testRows, predictions) : undefined;
    const classification = this.dataset.task === 'classification';
    const matrix =
      classification && test !== undefined
        ? confusionMatrix(
            Array.from(testRows, (i) => this.dataset.labels[i] as number),
            predictions,
            this.dataset.classNames.length,
          )
        : null;
    const elapsedMs = performance.now() - this.start;
    const result: TrainResult = {
      model: this.modelDocument(bestEpoch),
      history: this.history,
      trainLoss: train?.loss ?? NaN,
      trainAccuracy: train?.accuracy ?? null,
      validationLoss: validation?.loss ?? null,
      validationAccuracy: validation?.accuracy ?? null,
      testLoss: test?.loss ?? null,
      testAccuracy: matrix === null ? (test?.accuracy ?? null) : accuracyOf(matrix),
      confusionMatrix: matrix,
      epochs: this.history.length,
      bestEpoch,
      stopReason: this.stopReason,
      samples: {
        train: this.split.train.length,
        labelled: this.labelledRows,
        validation: this.split.validation.length,
        test: this.split.test.length,
      },
      trainingMs: this.trainingMs,
      elapsedMs,
      samplesPerSecond: this.trainingMs > 0 ? (this.samplesProcessed * 1000) / this.trainingMs : 0,
      seed: o.seed,
      options: o,
      parameters: this.network.parameterCount,
      ...memoryAccounting(this.network, this.optimizer),
      ...(this.distillation === undefined
        ? {}
        : {
            teacherTestAccuracy: this.distillation.teacherTestAccuracy,
            teacherParameters: this.distillation.teacherParameters,
          }),
    };
    if (
      o.fineTuning !== undefined &&
      o.initialModel !== undefined &&
      !(this.network instanceof Network)
    )
      result.adapter = createAdapterDocument(
        this.network,
        o.initialModel,
        o.fineTuning,
        result.model,
      );
    if (o.quantization !== undefined) {
      result.quantization = convertQuantizationAware(
        result.model,
        o.quantization,
        this.dataset,
        this.split,
        predictions,
        this.activationQuantizer?.ranges,
      );
    }
    return result;
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
      if (quantizing) this.fakeQuantize(true, true);
      network.forward(count, this.dropoutRng);
      const columns = network.columns(count);
      if (distillation === undefined)
        loss.evaluate(network.output, count, columns, batchLabels, batchTargets, true);
      else distillation.evaluate(network.output, count, columns, batchLabels, order, start);
      lossSum += (distillation ?? loss).loss;
      correct += (distillation ?? loss).correct;
      network.backward(count, l2, dropout);
      if (quantizing) this.fakeQuantize(false, true);
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
    if (early !== undefined && record.validationLoss !== null) {
      if (record.validationLoss < this.bestLoss - early.minDelta) {
        this.bestLoss = record.validationLoss;
        this.bestEpoch = record.epoch;
        this.wait = 0;
        this.best.set(this.network.parameters);
      } else if (++this.wait >= early.patience) {
        this.stopReason = 'early-stopping';
        return;
      }
    }
    if (this.history.length >= o.epochs) this.stopReason = 'epochs';
  }

  private evaluatePart(rows: readonly number[]): Part | undefined {
    if (rows.length === 0) return undefined;
    const indices = Int32Array.from(rows);
    return { rows: indices, ...this.evaluate(indices) };
  }

  /** Mean loss and accuracy on `rows` (dropout off); predictions written when asked. */
  private evaluate(
    rows: Int32Array,
    predictions?: Float64Array,
  ): { loss: number; accuracy: number | null } {
    const network = this.network;
    const classification = this.dataset.task === 'classification';
    let lossSum = 0;
    let correct = 0;
    // The fake-quantized model is the one being trained: evaluate it.
    const quantizing = this.quantizing(Math.max(0, this.history.length - 1));
    if (quantizing) this.fakeQuantize(true, false);
    for (let start = 0; start < rows.length; start += network.capacity) {
      const count = Math.min(network.capacity, rows.length - start);
      network.loadInputs(this.features, rows, start, count);
      for (let b = 0; b < count; b++) {
        const row = rows[start + b] as number;
        if (classification) this.batchLabels[b] = this.dataset.labels[row] as number;
        this.batchTargets[b] = this.dataset.targets[row] as number;
      }
      network.forward(count);
      this.loss.evaluate(
        network.output,
        count,
        network.columns(count),
        this.batchLabels,
        this.batchTargets,
        false,
        predictions,
        start,
      );
      lossSum += this.loss.loss;
      correct += this.loss.correct;
    }
    if (quantizing) this.fakeQuantize(false, false);
    return { loss: lossSum / rows.length, accuracy: classification ? correct / rows.length : null };
  }

  private modelDocument(bestEpoch: number): ModelDocument {
    const o = this.options;
    return {
      format: 'kiln-mlp',
      version: 1,
      task: this.dataset.task,
      featureNames: this.dataset.featureNames.slice(),
      targetName: this.dataset.targetName,
      classNames: this.dataset.classNames.slice(),
      architecture: {
        ...this.network.architecture,
        hidden: this.network.architecture.hidden.slice(),
        dropout: this.network.architecture.dropout.slice(),
      },
      loss: o.loss,
      precision: o.precision,
      normalization: this.normalization,
      layers: this.network.exportWeights(),
      training: {
        dataset: this.dataset.name,
        optimizer: o.optimizer,
        batchSize: o.batchSize,
        epochs: this.history.length,
        bestEpoch,
        seed: o.seed,
        ...(o.initialModel === undefined ? {} : fineTuningRecord(o.initialModel, o.fineTuning)),
      },
    };
  }
}

/** Copies a trained model's weights into `network` (fine-tuning); the shapes must match. */
function startFrom(network: Network, model: ModelDocument): void {
  const a = model.architecture;
  const b = network.architecture;
  const shape = (x: typeof a): string => [x.inputs, ...x.hidden, x.outputs].join('-');
  if (shape(a) !== shape(b)) {
    throw new ParameterError(
      `train: initialModel must have the network's shape ${shape(b)} (got ${shape(a)})`,
    );
  }
  network.importWeights(model.layers);
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

/**
 * Trains a network on `dataset` (synchronously; for worker threads and scripts). Deterministic:
 * the same dataset, options and seed give the same weights, bit for bit.
 */
export function train(
  dataset: Dataset,
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): TrainResult {
  const session = new TrainingSession(dataset, options);
  while (!session.done) {
    const record = session.runEpoch();
    if (hooks.onEpoch?.(record) === false) session.stop();
  }
  return session.finish();
}

/** {@link train} that yields to the event loop between epochs and stops on `hooks.signal`. */
export async function trainAsync(
  dataset: Dataset,
  options: TrainOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const session = new TrainingSession(dataset, options);
  while (!session.done) {
    if (hooks.signal?.aborted === true) {
      session.stop();
      break;
    }
    const record = session.runEpoch();
    if (hooks.onEpoch?.(record) === false) session.stop();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return session.finish();
}
