// The network a training run trains: freshly initialized, started from a trained model's
// weights, or a trained model adapted for fine-tuning (frozen layers, a new head, LoRA).
import { ParameterError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { classCount, type Dataset } from './data/dataset.js';
import type { AdaptedNetwork } from './fine-tuning/adapted-network.js';
import { buildAdaptedNetwork } from './fine-tuning/fine-tune.js';
import { outputsFor } from './losses.js';
import type { ModelDocument } from './model.js';
import { networkOptimizerBuffers } from './network-adam.js';
import { Network } from './network.js';
import { dropoutRates, type ResolvedTrainOptions } from './train-options.js';

/** The network for `dataset` and options `o`, holding `capacity` rows of a batch. */
export function buildTrainingNetwork(
  dataset: Dataset,
  o: ResolvedTrainOptions,
  capacity: number,
  rng: Rng,
): Network | AdaptedNetwork {
  const classes = classCount(dataset);
  const architecture = {
    inputs: dataset.featureNames.length,
    hidden: o.model.hidden,
    outputs: outputsFor(o.loss, classes),
    activation: o.model.activation,
    negativeSlope: o.model.negativeSlope,
    dropout: dropoutRates(o.model),
  };
  const buffers = networkOptimizerBuffers(o.optimizer);
  if (o.fineTuning !== undefined && o.initialModel !== undefined) {
    return buildAdaptedNetwork(
      o.initialModel,
      o.fineTuning,
      architecture,
      o.precision,
      capacity,
      buffers,
      o.model.initialization,
      rng.fork('fine-tuning'),
    );
  }
  const network = new Network(architecture, o.precision, capacity, buffers);
  network.initialize(o.model.initialization, rng.fork('initialization'));
  if (o.initialModel !== undefined) startFrom(network, o.initialModel);
  return network;
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
