// Early stopping on the validation loss: the best loss and epoch so far, a copy of that epoch's
// weights, and the count of epochs without improvement.
import type { FloatArray } from './optimizers/optimizer.js';
import type { EarlyStoppingOptions } from './train-options.js';

/** Follows the validation loss epoch by epoch and keeps the best epoch's weights. */
export class EarlyStoppingTracker {
  /** The best epoch so far (1-based), 0 before any. */
  bestEpoch = 0;
  /** The weights of {@link bestEpoch} (the initial weights before any). */
  readonly bestWeights: FloatArray;
  private bestLoss = Infinity;
  private wait = 0;

  constructor(parameters: FloatArray) {
    this.bestWeights = parameters.slice();
  }

  /** Records epoch `epoch`'s validation loss; true when patience has run out. */
  observe(
    early: EarlyStoppingOptions,
    validationLoss: number,
    epoch: number,
    parameters: FloatArray,
  ): boolean {
    if (validationLoss < this.bestLoss - early.minDelta) {
      this.bestLoss = validationLoss;
      this.bestEpoch = epoch;
      this.wait = 0;
      this.bestWeights.set(parameters);
      return false;
    }
    return ++this.wait >= early.patience;
  }
}
