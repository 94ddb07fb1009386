// The fake quantizers of a quantization-aware training run (weights and activations of a plain
// network), switched in around each batch and frozen from the options' epoch on.
import { ActivationFakeQuantizer } from './quantization/activation-fake-quantizer.js';
import {
  WeightFakeQuantizer,
  type WeightQuantization,
} from './quantization/weight-fake-quantizer.js';
import type { Network } from './network.js';

/** A network's weight and activation fake quantizers, put in place and taken out together. */
export class SessionFakeQuantization {
  readonly weights: WeightFakeQuantizer;
  readonly activations: ActivationFakeQuantizer;

  constructor(
    private readonly network: Network,
    weights: WeightQuantization,
  ) {
    this.weights = new WeightFakeQuantizer(network, weights);
    this.activations = new ActivationFakeQuantizer(
      [network.architecture.inputs, ...network.architecture.hidden, network.architecture.outputs],
      network.stride,
    );
  }

  /** Puts the fake quantizers in place (weights swapped, activation hook set) or takes them out. */
  switch(on: boolean, training: boolean): void {
    if (on) {
      this.weights.apply();
      this.activations.training = training;
      this.network.activationHook = this.activations;
    } else {
      this.weights.restore(training);
      this.network.activationHook = undefined;
    }
  }

  /** Keeps the current weight scales and activation ranges from now on. */
  freeze(): void {
    this.weights.freeze();
    this.activations.freeze();
  }
}
