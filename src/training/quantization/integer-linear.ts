// The integer Linear layer in plain JavaScript, the reference the WebAssembly kernels are checked
// against: uint8 inputs and int8 weights multiplied and summed in int32, then requantized.
import type { RoundingConvention } from './ranges.js';
import { requantize, requantizeMultiplier, type RequantizeChannel } from './requantize.js';

/** One quantized dense layer, weights row-major `[outputs][inputs]`. */
export interface IntegerLinearLayer {
  inputs: number;
  outputs: number;
  weight: ArrayLike<number>;
  weightScale: ArrayLike<number>;
  bias: ArrayLike<number>;
  inputScale: number;
  inputZeroPoint: number;
  outputScale: number;
  outputZeroPoint: number;
  /** A fused ReLU: outputs below the zero point are raised to it. */
  relu: boolean;
}

/** Accumulators and output codes of `samples` rows, row-major `[samples][outputs]`. */
export interface IntegerLinearResult {
  accumulators: Int32Array;
  outputs: Uint8Array;
}

/** Runs `layer` on the uint8 codes `input` (`samples` rows of `inputs` values). */
export function integerLinear(
  layer: IntegerLinearLayer,
  input: ArrayLike<number>,
  samples: number,
  convention: RoundingConvention = 'torch',
): IntegerLinearResult {
  const { inputs, outputs } = layer;
  const accumulators = new Int32Array(samples * outputs);
  const codes = new Uint8Array(samples * outputs);
  const channels: RequantizeChannel[] = Array.from({ length: outputs }, (_, c) => ({
    multiplier: requantizeMultiplier(layer.inputScale, layer.weightScale[c] as number, convention),
    bias: layer.bias[c] as number,
  }));
  const low = layer.relu ? layer.outputZeroPoint : 0;
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < outputs; c++) {
      let sum = 0;
      for (let k = 0; k < inputs; k++)
        sum +=
          ((input[n * inputs + k] as number) - layer.inputZeroPoint) *
          (layer.weight[c * inputs + k] as number);
      accumulators[n * outputs + c] = sum;
      codes[n * outputs + c] = requantize(
        sum,
        channels[c] as RequantizeChannel,
        layer.outputScale,
        layer.outputZeroPoint,
        low,
        convention,
      );
    }
  }
  return { accumulators, outputs: codes };
}
