// LoRA's arithmetic as PEFT defines it (huggingface/peft, tuners/lora): the scaling, the
// initialization of A (Kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in))) and B
// (zeros), and merging W0 + s·B·A in float64 with the original W0 kept for an exact unmerge.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { LayerWeights } from '../network.js';

/** The factor of B·A: alpha / rank, or alpha / sqrt(rank) with rsLoRA (Kalajdzievski 2023). */
export function loraScaling(alpha: number, rank: number, rsLora: boolean): number {
  return rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
}

/** The bound of A's uniform initialization: 1 / sqrt(inputs). */
export function loraBound(inputs: number): number {
  return 1 / Math.sqrt(inputs);
}

/** A fresh A, [rank][inputs] row-major, drawn uniformly in +-1/sqrt(inputs) from `rng`. */
export function initialAdapterA(rank: number, inputs: number, rng: Rng): Float64Array {
  const bound = loraBound(inputs);
  return Float64Array.from({ length: rank * inputs }, () => rng.uniform(-bound, bound));
}

/** ΔW = s·B·A as [outputs][inputs], computed in float64. */
export function loraDelta(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rank: number,
  inputs: number,
  outputs: number,
  scaling: number,
): number[][] {
  if (a.length !== rank * inputs || b.length !== outputs * rank)
    throw new ParameterError(
      `lora: A must hold rank x inputs = ${rank * inputs} and B outputs x rank = ${outputs * rank} values (got ${a.length} and ${b.length})`,
    );
  const delta: number[][] = [];
  for (let o = 0; o < outputs; o++) {
    const row = new Array<number>(inputs).fill(0);
    for (let r = 0; r < rank; r++) {
      const factor = scaling * (b[o * rank + r] as number);
      if (factor === 0) continue;
      for (let k = 0; k < inputs; k++)
        row[k] = (row[k] as number) + factor * (a[r * inputs + k] as number);
    }
    delta.push(row);
  }
  return delta;
}

/** A layer with an adapter merged in, keeping the original weight for {@link unmergeLayer}. */
export interface MergedLayer {
  merged: LayerWeights;
  original: LayerWeights;
}

/**
 * W0 + s·B·A in float64 (rounded to float32 when `float32`); refuses non-finite results
 * (PEFT's safe_merge).
 */
export function mergeLayer(
  base: LayerWeights,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rank: number,
  scaling: number,
  float32 = false,
): MergedLayer {
  const outputs = base.weight.length;
  const inputs = base.weight[0]?.length ?? 0;
  const delta = loraDelta(a, b, rank, inputs, outputs, scaling);
  const weight = base.weight.map((row, o) =>
    row.map((w, k) => {
      const value = w + (delta[o]?.[k] as number);
      if (!Number.isFinite(value))
        throw new ParameterError(
          `lora: merging gives a non-finite weight at [${o}][${k}] (got ${value})`,
        );
      return float32 ? Math.fround(value) : value;
    }),
  );
  return { merged: { weight, bias: base.bias.slice() }, original: base };
}

/** The original weights back: W0 as kept, never W - ΔW (which drifts in floating point). */
export function unmergeLayer(layer: MergedLayer): LayerWeights {
  return {
    weight: layer.original.weight.map((row) => row.slice()),
    bias: layer.original.bias.slice(),
  };
}
