// Memory accounting of a training run: trainable and frozen parameters, bytes of the frozen base
// as stored (float, or NF4 with or without double quantization), of the trained parameters, of
// the optimizer's state, and the process's peak resident set size.
import { resourceUsage } from 'node:process';
import type { Network } from '../network.js';
import { nf4Bytes } from '../nf4/nf4.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { AdaptedNetwork } from './adapted-network.js';

/** The figures `kiln train --json` reports. */
export interface MemoryAccounting {
  trainableParameters: number;
  /** Parameters of frozen layers (0 without fine-tuning). */
  frozenParameters: number;
  /** Bytes of the frozen base as stored; without fine-tuning, of the whole float model. */
  baseBytes: number;
  /** Bytes of the trained parameters (adapters, and any trained layer such as a new head); 0 without fine-tuning. */
  adapterBytes: number;
  /** Bytes of the optimizer's per-parameter state (Adam: 2 x the trainable parameters). */
  optimizerStateBytes: number;
  /** Peak resident set size of the process so far. */
  peakRssBytes: number;
}

function optimizerValues(network: Network | AdaptedNetwork, optimizer: Optimizer): number {
  if (network.optimizerBuffers.length > 0)
    return network.optimizerBuffers.length * network.parameterCount;
  const state = optimizer.getState();
  let count = 0;
  for (const buffers of Object.values(state.buffers)) for (const b of buffers) count += b.length;
  // Before the first step the state is empty: count the buffers the optimizer will fill.
  return count;
}

/** The accounting of a network (plain or fine-tuned) trained by `optimizer`. */
export function memoryAccounting(
  network: Network | AdaptedNetwork,
  optimizer: Optimizer,
): MemoryAccounting {
  const element = network.precision === 'float32' ? 4 : 8;
  const trainable = network.parameterCount;
  const peakRssBytes = resourceUsage().maxRSS * 1024;
  const optimizerStateBytes = optimizerValues(network, optimizer) * element;
  if (!('layout' in network))
    return {
      trainableParameters: trainable,
      frozenParameters: 0,
      baseBytes: trainable * element,
      adapterBytes: 0,
      optimizerStateBytes,
      peakRssBytes,
    };
  let frozen = 0;
  let baseBytes = 0;
  for (const layer of network.layout.layers) {
    if (layer.trainable) continue;
    const weights = layer.inputs * layer.outputs;
    frozen += weights + layer.outputs;
    const tensor = layer.nf4;
    baseBytes +=
      (tensor === undefined
        ? weights * element
        : nf4Bytes(weights, tensor.blockSize, tensor.scales !== undefined)) +
      layer.outputs * element;
  }
  return {
    trainableParameters: trainable,
    frozenParameters: frozen,
    baseBytes,
    adapterBytes: trainable * element,
    optimizerStateBytes,
    peakRssBytes,
  };
}
