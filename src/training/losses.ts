// Losses on the network's output block: softmax cross-entropy, binary cross-entropy (on logits)
// and mean squared error, each with its gradient (the batch mean, as PyTorch's reduction "mean"),
// and the predictions they imply.
import type { FloatArray } from './optimizers/optimizer.js';

/** The training losses. */
export type LossName = 'softmax-cross-entropy' | 'binary-cross-entropy' | 'mean-squared-error';

/** Every loss, in a stable order. */
export const LOSSES: readonly LossName[] = [
  'softmax-cross-entropy',
  'binary-cross-entropy',
  'mean-squared-error',
];

/** What a loss sees of one block of samples. */
export interface LossBlock {
  /** Output block: `outputs` rows of `stride` samples, starting at `offset`. */
  readonly z: FloatArray;
  readonly offset: number;
  readonly stride: number;
  /** Gradient block (same layout as z, at `gradientOffset`). */
  readonly dz: FloatArray;
  readonly gradientOffset: number;
}

/**
 * Evaluates a loss on blocks of samples without allocating: `evaluate` leaves the summed loss and
 * the number of correct predictions in `loss` and `correct`.
 */
export class LossEvaluator {
  /** Sum over the block's samples of each sample's loss. */
  loss = 0;
  /** Correctly classified samples of the block (classification). */
  correct = 0;

  constructor(
    readonly name: LossName,
    readonly outputs: number,
    readonly classification: boolean,
  ) {}

  /**
   * The loss of the first `count` samples of `block`; with `gradient`, writes d(mean loss)/dz into
   * block.dz for those samples and zeros for the padding columns up to `columns`. `labels` (class
   * indices) or `targets` (regression values) hold the block's samples in order. `predictions`,
   * when given, receives each sample's predicted class (or value, for regression).
   */
  evaluate(
    block: LossBlock,
    count: number,
    columns: number,
    labels: Int32Array,
    targets: Float64Array,
    gradient: boolean,
    predictions?: Float64Array,
    predictionOffset = 0,
  ): void {
    const { z, offset, stride, dz, gradientOffset } = block;
    const outputs = this.outputs;
    const scale = 1 / count;
    let loss = 0;
    let correct = 0;
    for (let b = 0; b < count; b++) {
      const label = labels[b] as number;
      if (this.name === 'softmax-cross-entropy') {
        const best = argMaxColumn(z, offset, stride, b, outputs);
        const max = z[offset + best * stride + b] as number;
        let sum = 0;
        for (let r = 0; r < outputs; r++)
          sum += Math.exp((z[offset + r * stride + b] as number) - max);
        loss += max + Math.log(sum) - (z[offset + label * stride + b] as number);
        if (best === label) correct++;
        if (predictions !== undefined) predictions[predictionOffset + b] = best;
        if (gradient) {
          for (let r = 0; r < outputs; r++) {
            const p = Math.exp((z[offset + r * stride + b] as number) - max) / sum;
            dz[gradientOffset + r * stride + b] = (p - (r === label ? 1 : 0)) * scale;
          }
        }
      } else if (this.name === 'binary-cross-entropy') {
        const v = z[offset + b] as number;
        loss += Math.max(v, 0) - v * label + Math.log1p(Math.exp(-Math.abs(v)));
        const predicted = v > 0 ? 1 : 0;
        if (predicted === label) correct++;
        if (predictions !== undefined) predictions[predictionOffset + b] = predicted;
        if (gradient) {
          const p = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
          dz[gradientOffset + b] = (p - label) * scale;
        }
      } else {
        let best = 0;
        let max = -Infinity;
        let sampleLoss = 0;
        for (let r = 0; r < outputs; r++) {
          const v = z[offset + r * stride + b] as number;
          if (v > max) {
            max = v;
            best = r;
          }
          const target = this.classification ? (r === label ? 1 : 0) : (targets[b] as number);
          const diff = v - target;
          sampleLoss += diff * diff;
          if (gradient) dz[gradientOffset + r * stride + b] = (2 * diff * scale) / outputs;
        }
        loss += sampleLoss / outputs;
        if (this.classification && best === label) correct++;
        if (predictions !== undefined)
          predictions[predictionOffset + b] = this.classification
            ? best
            : (z[offset + b] as number);
      }
    }
    if (gradient) {
      for (let r = 0; r < outputs; r++) {
        const row = gradientOffset + r * stride;
        for (let b = count; b < columns; b++) dz[row + b] = 0;
      }
    }
    this.loss = loss;
    this.correct = correct;
  }
}

/** The number of network outputs a loss needs for a task. */
export function outputsFor(loss: LossName, classes: number): number {
  if (loss === 'binary-cross-entropy') return 1;
  return classes;
}

/**
 * The row of the largest value in column `column` of a column-major block (`rows` values, row r
 * at `offset + r * stride + column`); the first one on ties.
 */
export function argMaxColumn(
  z: ArrayLike<number>,
  offset: number,
  stride: number,
  column: number,
  rows: number,
): number {
  let best = 0;
  let max = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = z[offset + r * stride + column] as number;
    if (v > max) {
      max = v;
      best = r;
    }
  }
  return best;
}
