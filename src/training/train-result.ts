// The outcome of a training run: one epoch's record, why training stopped, and the result of
// train() with its losses, accuracies, timings and trained model.
import type { AdapterDocument } from './fine-tuning/adapter.js';
import type { MemoryAccounting } from './fine-tuning/memory-accounting.js';
import type { ModelDocument } from './model.js';
import type { QuantizationAwareResult } from './quantization/convert-quantization-aware.js';
import type { ResolvedTrainOptions } from './train-options.js';

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
