// What a fine-tuning run records: the base it started from (content hash and shape) in the model
// document, and the adapter document of what it trained.
import type { ModelDocument } from '../model.js';
import type { AdaptedNetwork } from './adapted-network.js';
import { modelContentHash, type AdapterDocument } from './adapter.js';
import type { ResolvedFineTuning } from './fine-tuning-options.js';

const networkOf = (model: ModelDocument): string => {
  const a = model.architecture;
  return [a.inputs, ...a.hidden, a.outputs].join('-');
};

/** The `training` fields of a model fine-tuned from `base`. */
export function fineTuningRecord(
  base: ModelDocument,
  plan: ResolvedFineTuning | undefined,
): Record<string, unknown> {
  return {
    base: { contentHash: modelContentHash(base), network: networkOf(base) },
    fineTuning:
      plan === undefined
        ? { method: 'full' }
        : {
            method:
              plan.lora === undefined
                ? 'partial'
                : plan.baseQuantization === undefined
                  ? 'lora'
                  : 'qlora',
            frozenLayers: plan.frozen.flatMap((f, l) => (f ? [l] : [])),
            newHead: plan.newHead,
            ...(plan.lora === undefined ? {} : { lora: plan.lora }),
            ...(plan.baseQuantization === undefined
              ? {}
              : { baseQuantization: plan.baseQuantization }),
            computePrecision: plan.computePrecision,
          },
  };
}

/** The adapter document of a fine-tuned network; `model` is the run's (merged) model document. */
export function createAdapterDocument(
  network: AdaptedNetwork,
  base: ModelDocument,
  plan: ResolvedFineTuning,
  model: ModelDocument,
): AdapterDocument {
  const { format: _format, version: _version, layers: _layers, ...rest } = model;
  const lora = plan.lora;
  return {
    ...rest,
    format: 'kiln-adapter',
    version: 1,
    base: { contentHash: modelContentHash(base), network: networkOf(base) },
    lora:
      lora === undefined
        ? null
        : {
            rank: lora.rank,
            alpha: lora.alpha,
            dropout: lora.dropout,
            rsLora: lora.rsLora,
            layers: lora.layers,
          },
    baseQuantization: plan.baseQuantization ?? null,
    computePrecision: plan.computePrecision,
    adapters: network.exportAdapters(),
    layers: network.exportTrainedLayers().map(({ layer, weights }) => ({ layer, ...weights })),
  };
}
