// The options of an adapted (fine-tuned) network and their checks, the precision its frozen base
// is computed in, and the plain-data form of a trained LoRA adapter.
import { ParameterError } from '../../core/errors.js';
import type { Precision } from '../kernels/dense-kernels.js';
import type { Architecture } from '../network.js';
import type { AdaptedLayerPlan } from './adapted-layout.js';

/** How the frozen base is computed with. */
export type ComputePrecision = 'float32' | 'bfloat16';

/** A LoRA adapter's trained matrices, row-major. */
export interface AdapterWeights {
  layer: number;
  rank: number;
  scaling: number;
  /** [rank][inputs]. */
  a: number[];
  /** [outputs][rank]. */
  b: number[];
}

/** Options of an adapted network. */
export interface AdaptedNetworkOptions {
  architecture: Architecture;
  precision: Precision;
  capacity: number;
  layers: AdaptedLayerPlan[];
  optimizerBuffers?: number;
  /** Dropout on the adapters' input (PEFT lora_dropout). @defaultValue 0 */
  adapterDropout?: number;
  /** bfloat16: frozen weights, adapters and layer inputs and outputs rounded to bfloat16. @defaultValue "float32" */
  computePrecision?: ComputePrecision;
}

/** Refuses options an adapted network cannot run; returns the layer widths (inputs first). */
export function checkAdaptedNetworkOptions(options: AdaptedNetworkOptions): number[] {
  const { architecture, precision, layers } = options;
  const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
  if (layers.length !== widths.length - 1)
    throw new ParameterError(
      `adapted network: layers must hold ${widths.length - 1} plans (got ${layers.length})`,
    );
  if (architecture.dropout.some((rate) => rate > 0))
    throw new ParameterError(
      'adapted network: model.dropout must be 0 when fine-tuning with frozen layers or LoRA (use lora.dropout)',
    );
  if (options.computePrecision === 'bfloat16' && precision !== 'float32')
    throw new ParameterError(
      `adapted network: computePrecision bfloat16 needs precision float32 (got ${precision})`,
    );
  return widths;
}
