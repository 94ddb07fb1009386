// The model document of a finished training run: the network's architecture and weights, its
// normalization, loss and precision, and a record of how it was trained.
import type { Dataset } from './data/dataset.js';
import type { Normalization } from './data/normalization.js';
import type { AdaptedNetwork } from './fine-tuning/adapted-network.js';
import { fineTuningRecord } from './fine-tuning/fine-tuning-result.js';
import type { ModelDocument } from './model.js';
import type { Network } from './network.js';
import type { ResolvedTrainOptions } from './train-options.js';

/** What a training run knows when it writes its model. */
export interface TrainedModel {
  dataset: Dataset;
  network: Network | AdaptedNetwork;
  options: ResolvedTrainOptions;
  normalization: Normalization;
  /** Epochs run. */
  epochs: number;
  /** The epoch whose weights the network holds. */
  bestEpoch: number;
}

/** The model document of a trained network (its current weights). */
export function trainedModelDocument(trained: TrainedModel): ModelDocument {
  const { dataset, network, options: o } = trained;
  return {
    format: 'kiln-mlp',
    version: 1,
    task: dataset.task,
    featureNames: dataset.featureNames.slice(),
    targetName: dataset.targetName,
    classNames: dataset.classNames.slice(),
    architecture: {
      ...network.architecture,
      hidden: network.architecture.hidden.slice(),
      dropout: network.architecture.dropout.slice(),
    },
    loss: o.loss,
    precision: o.precision,
    normalization: trained.normalization,
    layers: network.exportWeights(),
    training: {
      dataset: dataset.name,
      optimizer: o.optimizer,
      batchSize: o.batchSize,
      epochs: trained.epochs,
      bestEpoch: trained.bestEpoch,
      seed: o.seed,
      ...(o.initialModel === undefined ? {} : fineTuningRecord(o.initialModel, o.fineTuning)),
    },
  };
}
