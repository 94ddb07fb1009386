// Building the network of a fine-tuning run from its base model and plan: frozen layers keep the
// base's weights (in NF4 with baseQuantization), trained layers start from them (a new head from
// a fresh initialization), adapters start with A uniform in +-1/sqrt(inputs) and B at zero.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import {
  initializeBiases,
  initializeWeights,
  resolveInitialization,
  type Initialization,
} from '../initialization.js';
import type { Precision } from '../kernels/dense-kernels.js';
import type { ModelDocument } from '../model.js';
import type { Architecture, LayerWeights } from '../network.js';
import { quantizeNf4 } from '../nf4/nf4.js';
import type { AdaptedLayerPlan } from './adapted-layout.js';
import { AdaptedNetwork } from './adapted-network.js';
import type { ResolvedFineTuning } from './fine-tuning-options.js';
import { initialAdapterA } from './lora.js';

const shapeOf = (a: Architecture): string => [a.inputs, ...a.hidden, a.outputs].join('-');

/** A freshly initialized layer (weights, and biases with pytorch-uniform, from `rng`). */
function freshLayer(
  inputs: number,
  outputs: number,
  scheme: Initialization,
  architecture: Architecture,
  rng: Rng,
): LayerWeights {
  const resolved = resolveInitialization(scheme, architecture.activation);
  const values = new Float64Array(inputs * outputs);
  initializeWeights(resolved, values, 0, inputs, outputs, rng);
  const bias = new Float64Array(outputs);
  initializeBiases(resolved, bias, 0, inputs, outputs, rng);
  const weight = Array.from({ length: outputs }, (_, o) =>
    Array.from(values.subarray(o * inputs, (o + 1) * inputs)),
  );
  return { weight, bias: Array.from(bias) };
}

/** The network that fine-tunes `base` with `plan`; `architecture` is the fine-tuned one (its head may differ). */
export function buildAdaptedNetwork(
  base: ModelDocument,
  plan: ResolvedFineTuning,
  architecture: Architecture,
  precision: Precision,
  capacity: number,
  optimizerBuffers: number,
  initialization: Initialization,
  rng: Rng,
): AdaptedNetwork {
  const expected = plan.newHead
    ? { ...base.architecture, outputs: architecture.outputs }
    : base.architecture;
  if (
    shapeOf(expected) !== shapeOf(architecture) ||
    base.architecture.activation !== architecture.activation
  )
    throw new ParameterError(
      `train: the fine-tuned network must have the base's shape ${shapeOf(expected)} ${base.architecture.activation} (got ${shapeOf(architecture)} ${architecture.activation})`,
    );
  const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
  const head = base.layers.length - 1;
  const quantization = plan.baseQuantization;
  const layers = base.layers.map((weights, l): AdaptedLayerPlan => {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    if (l === head && plan.newHead)
      return {
        trainable: true,
        rank: 0,
        scaling: 0,
        weights: freshLayer(inputs, outputs, initialization, architecture, rng.fork('new-head')),
      };
    if (!(plan.frozen[l] as boolean)) return { trainable: true, rank: 0, scaling: 0, weights };
    const rank = plan.ranks[l] as number;
    const layer: AdaptedLayerPlan = {
      trainable: false,
      rank,
      scaling: plan.lora?.scaling ?? 0,
      weights,
    };
    if (rank > 0) layer.adapterA = initialAdapterA(rank, inputs, rng.fork(`lora-${l}`));
    if (quantization !== undefined)
      layer.nf4 = quantizeNf4(weights.weight.flat(), {
        blockSize: quantization.blockSize,
        doubleQuantization: quantization.doubleQuantization,
      });
    return layer;
  });
  return new AdaptedNetwork({
    architecture,
    precision,
    capacity,
    layers,
    optimizerBuffers,
    adapterDropout: plan.lora?.dropout ?? 0,
    computePrecision: plan.computePrecision,
  });
}
