// Scoring a network on chosen rows of a dataset, batch by batch with dropout off: mean loss,
// accuracy for classification, and each row's prediction when asked.
import type { Dataset } from './data/dataset.js';
import type { AdaptedNetwork } from './fine-tuning/adapted-network.js';
import type { LossEvaluator } from './losses.js';
import type { Network } from './network.js';

/** Mean loss and accuracy (null for regression) on a part's rows. */
export interface PartEvaluation {
  loss: number;
  accuracy: number | null;
}

/** The network, its normalized features and the batch buffers it is scored with. */
export interface RowScoring {
  network: Network | AdaptedNetwork;
  loss: LossEvaluator;
  features: Float64Array | Float32Array;
  dataset: Dataset;
  batchLabels: Int32Array;
  batchTargets: Float64Array;
}

/** Mean loss and accuracy on `rows`; `predictions[i]` set to row `rows[i]`'s prediction when asked. */
export function evaluateRows(
  scoring: RowScoring,
  rows: Int32Array,
  predictions?: Float64Array,
): PartEvaluation {
  const { network, loss, features, dataset, batchLabels, batchTargets } = scoring;
  const classification = dataset.task === 'classification';
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < rows.length; start += network.capacity) {
    const count = Math.min(network.capacity, rows.length - start);
    network.loadInputs(features, rows, start, count);
    for (let b = 0; b < count; b++) {
      const row = rows[start + b] as number;
      if (classification) batchLabels[b] = dataset.labels[row] as number;
      batchTargets[b] = dataset.targets[row] as number;
    }
    network.forward(count);
    loss.evaluate(
      network.output,
      count,
      network.columns(count),
      batchLabels,
      batchTargets,
      false,
      predictions,
      start,
    );
    lossSum += loss.loss;
    correct += loss.correct;
  }
  return { loss: lossSum / rows.length, accuracy: classification ? correct / rows.length : null };
}
