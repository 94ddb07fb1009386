// Where an adapted network keeps what: the trainable parameters (trained layers' weights and
// biases, LoRA A and B) in one flat array, each frozen layer's base in an extended matrix
// [[W, s·B], [A, 0]] so that a LoRA layer is a few products of the dense kernels, and the
// feature-major activation blocks with room for the adapter rows.
import type { Nf4Tensor } from '../nf4/nf4.js';
import type { LayerWeights } from '../network.js';

/** How one layer of a fine-tuned network is trained. */
export interface AdaptedLayerPlan {
  /** Train this layer's weight and bias (then it has no adapter). */
  trainable: boolean;
  /** LoRA rank of a frozen layer (0: no adapter). */
  rank: number;
  /** LoRA scaling, alpha / rank (rsLoRA: alpha / sqrt(rank)). */
  scaling: number;
  /** Trainable layers start from these; frozen layers keep them (the bias always, the weight unless nf4). */
  weights: LayerWeights;
  /** A frozen weight stored in NF4 and dequantized on the fly (weights.weight is then unused). */
  nf4?: Nf4Tensor;
  /** Starting LoRA A, [rank][inputs] row-major (default zeros). */
  adapterA?: ArrayLike<number>;
  /** Starting LoRA B, [outputs][rank] row-major (default zeros). */
  adapterB?: ArrayLike<number>;
}

/** Element offsets of one layer's parts (-1: absent). */
export interface LayerRegions {
  inputs: number;
  outputs: number;
  rank: number;
  scaling: number;
  trainable: boolean;
  nf4: Nf4Tensor | undefined;
  /** The matrix the forward product reads: the trainable weight, or the extended frozen matrix. */
  matrix: number;
  /** Row length of {@link matrix} in elements (inputs + rank). */
  matrixRow: number;
  bias: number;
  /** Offsets in the trainable parameter array (and the gradient array). */
  weightParameter: number;
  biasParameter: number;
  adapterA: number;
  adapterB: number;
  /** Activation blocks: z (outputs rows), a (outputs + next rank rows), dz (outputs + rank rows), da. */
  z: number;
  a: number;
  dz: number;
  da: number;
  /** LoRA dropout: the dropped input, its mask and a backward temporary (inputs rows each). */
  dropped: number;
  mask: number;
  temporary: number;
}

/** The complete layout, in elements of the network's precision. */
export interface AdaptedLayout {
  layers: LayerRegions[];
  trainableCount: number;
  parameters: number;
  gradients: number;
  optimizer: number[];
  zeros: number;
  /** Where bias gradients nobody needs go. */
  sink: number;
  input: number;
  /** The shared matrix NF4 layers are dequantized into (-1: none). */
  scratch: number;
  /** Total elements. */
  elements: number;
}

/** Lays out a network of `plans` for blocks `stride` samples wide; 16-byte aligned regions. */
export function layoutAdapted(
  plans: readonly AdaptedLayerPlan[],
  widths: readonly number[],
  stride: number,
  elementBytes: number,
  optimizerBuffers: number,
  dropout: boolean,
): AdaptedLayout {
  const align = 16 / elementBytes;
  let next = 64 / elementBytes;
  const region = (elements: number): number => {
    const start = next;
    next += Math.ceil(elements / align) * align;
    return start;
  };
  let trainableCount = 0;
  const parameterOffsets = plans.map((plan, l) => {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    const at = { weight: -1, bias: -1, a: -1, b: -1 };
    if (plan.trainable) {
      at.weight = trainableCount;
      at.bias = trainableCount + inputs * outputs;
      trainableCount += inputs * outputs + outputs;
    } else if (plan.rank > 0) {
      at.a = trainableCount;
      at.b = trainableCount + plan.rank * inputs;
      trainableCount += plan.rank * (inputs + outputs);
    }
    return at;
  });
  const parameters = region(trainableCount);
  const gradients = region(trainableCount);
  const optimizer = Array.from({ length: optimizerBuffers }, () => region(trainableCount));
  const maxRank = Math.max(0, ...plans.map((p) => p.rank));
  const zeros = region(Math.max(...widths) + maxRank);
  const sink = region(Math.max(...widths) + maxRank);
  let scratchSize = 0;
  const matrices = plans.map((plan, l) => {
    const size = ((widths[l + 1] as number) + plan.rank) * ((widths[l] as number) + plan.rank);
    if (plan.trainable) return -1;
    if (plan.nf4 !== undefined) {
      scratchSize = Math.max(scratchSize, size);
      return -2;
    }
    return region(size);
  });
  const scratch = scratchSize > 0 ? region(scratchSize) : -1;
  const frozenBias = plans.map((plan, l) =>
    plan.trainable ? -1 : region(widths[l + 1] as number),
  );
  const block = (rows: number): number => region(rows * stride);
  const input = block((widths[0] as number) + (plans[0]?.rank ?? 0));
  const layers = plans.map((plan, l): LayerRegions => {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    const hidden = l < plans.length - 1;
    const at = parameterOffsets[l] as { weight: number; bias: number; a: number; b: number };
    const matrix = matrices[l] as number;
    const adapted = plan.rank > 0;
    return {
      inputs,
      outputs,
      rank: plan.rank,
      scaling: plan.scaling,
      trainable: plan.trainable,
      nf4: plan.nf4,
      matrix: plan.trainable ? parameters + at.weight : matrix === -2 ? scratch : matrix,
      matrixRow: inputs + plan.rank,
      bias: plan.trainable ? parameters + at.bias : (frozenBias[l] as number),
      weightParameter: at.weight,
      biasParameter: at.bias,
      adapterA: at.a,
      adapterB: at.b,
      z: block(outputs),
      a: hidden ? block(outputs + (plans[l + 1]?.rank ?? 0)) : -1,
      dz: block(outputs + plan.rank),
      da: hidden ? block(outputs) : -1,
      dropped: adapted && dropout ? block(inputs) : -1,
      mask: adapted && dropout ? block(inputs) : -1,
      temporary: adapted && dropout ? block(inputs) : -1,
    };
  });
  return {
    layers,
    trainableCount,
    parameters,
    gradients,
    optimizer,
    zeros,
    sink,
    input,
    scratch,
    elements: next,
  };
}
