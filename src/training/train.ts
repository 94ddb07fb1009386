// train(dataset, options): mini-batch (or full-batch, or stochastic) training of a dense network
// with a gradient optimizer, learning-rate schedule, gradient clipping and early stopping;
// deterministic for a seed. trainAsync yields to the event loop between epochs.
import type { Dataset } from './data/dataset.js';
import type { TrainOptions } from './train-options.js';
import type { EpochRecord, TrainResult } from './train-result.js';
import { TrainingSession } from './training-session.js';

/** Callbacks of {@link train} and {@link trainAsync}. */
export interface TrainHooks {
  /** Called after each epoch; returning false stops training (stop reason `stopped`). */
  onEpoch?: (record: EpochRecord) => boolean | void;
  /** Stops training between epochs (trainAsync). */
  signal?: AbortSignal;
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
