// A quantized model ready to run with integer arithmetic: its weights, requantization constants
// and activation blocks laid out in one WebAssembly memory for the integer kernels, so that
// inference allocates nothing per block.
import { createIntegerKernels, type IntegerKernels } from '../kernels/integer-kernels.js';
import type { QuantizedModelDocument } from './quantized-model.js';
import { requantizeMultiplier } from './requantize.js';

const LANES = 8;
const fl32 = Math.fround;

interface LayerPlan {
  inputs: number;
  outputs: number;
  /** Byte offsets of the int16 weights, float64 multipliers and biases, the int16 input block. */
  weight: number;
  multiplier: number;
  bias: number;
  input: number;
  /** Row bytes of the weights and of the input block (inputs padded to whole vectors of 8). */
  rowBytes: number;
  outputScale: number;
  outputZeroPoint: number;
  low: number;
}

/** Runs a quantized model on blocks of up to `capacity` samples. */
export class IntegerNetwork {
  readonly capacity: number;
  readonly outputs: number;
  private readonly kernels: IntegerKernels;
  private readonly memory: ArrayBuffer;
  private readonly plans: LayerPlan[];
  private readonly outputBytes: number;
  private readonly outputValues: Float32Array;
  /** Raw float32 input rows (padded to the first layer's row), and their byte offset. */
  private readonly rawInputs: Float32Array;
  private readonly rawOffset: number;
  private readonly shiftOffset: number;
  private readonly scaleOffset: number;

  constructor(
    readonly model: QuantizedModelDocument,
    capacity: number,
  ) {
    this.capacity = capacity;
    const { architecture, quantization } = model;
    const widths = [architecture.inputs, ...architecture.hidden, architecture.outputs];
    this.outputs = architecture.outputs;
    let next = 64;
    const region = (bytes: number): number => {
      const start = next;
      next += Math.ceil(bytes / 16) * 16;
      return start;
    };
    const relu = architecture.activation === 'relu';
    this.plans = model.layers.map((layer, l) => {
      const inputs = widths[l] as number;
      const outputs = widths[l + 1] as number;
      const rowBytes = Math.ceil(inputs / LANES) * LANES * 2;
      const hidden = l < model.layers.length - 1;
      return {
        inputs,
        outputs,
        weight: region(outputs * rowBytes),
        multiplier: region(outputs * 8),
        bias: region(outputs * 8),
        input: region(capacity * rowBytes),
        rowBytes,
        outputScale: layer.outputScale,
        outputZeroPoint: layer.outputZeroPoint,
        low: hidden && relu ? layer.outputZeroPoint : 0,
      };
    });
    this.outputBytes = region(capacity * this.outputs * 4);
    const firstRow = (this.plans[0] as LayerPlan).rowBytes / 2;
    this.rawOffset = region(capacity * firstRow * 4);
    this.shiftOffset = region(firstRow * 4);
    this.scaleOffset = region(firstRow * 4);
    const { kernels, buffer } = createIntegerKernels(next);
    this.kernels = kernels;
    this.memory = buffer;
    model.layers.forEach((layer, l) => {
      const plan = this.plans[l] as LayerPlan;
      const weights = new Int16Array(buffer, plan.weight, (plan.outputs * plan.rowBytes) / 2);
      const multipliers = new Float64Array(buffer, plan.multiplier, plan.outputs);
      const biases = new Float64Array(buffer, plan.bias, plan.outputs);
      const inputScale =
        l === 0 ? quantization.inputScale : (model.layers[l - 1]?.outputScale ?? 1);
      for (let o = 0; o < plan.outputs; o++) {
        weights.set(layer.weight[o] as number[], (o * plan.rowBytes) / 2);
        const scale = layer.weightScale[layer.weightScale.length === 1 ? 0 : o] as number;
        multipliers[o] = requantizeMultiplier(inputScale, scale, quantization.convention);
        biases[o] = layer.bias[o] as number;
      }
    });
    this.outputValues = new Float32Array(buffer, this.outputBytes, capacity * this.outputs);
    this.rawInputs = new Float32Array(buffer, this.rawOffset, capacity * firstRow);
    const none = model.normalization.kind === 'none';
    const shift = new Float32Array(buffer, this.shiftOffset, firstRow);
    const scale = new Float32Array(buffer, this.scaleOffset, firstRow).fill(1);
    if (!none) {
      shift.set(model.normalization.shift);
      scale.set(model.normalization.scale);
    }
  }

  /**
   * Normalizes and quantizes rows `order[start .. start + count)` of the raw row-major `features`,
   * runs the layers and returns the dequantized outputs, sample-major (`count` rows of
   * {@link outputs}; a view, valid until the next call). The normalization runs in float32, one
   * subtraction and one division per value, as the exported ONNX graph computes it.
   */
  run(
    features: Float64Array | Float32Array,
    order: ArrayLike<number>,
    start: number,
    count: number,
  ): Float32Array {
    const { inputScale, inputZeroPoint, convention } = this.model.quantization;
    const first = this.plans[0] as LayerPlan;
    const d = first.inputs;
    const row = first.rowBytes / 2;
    const torch = convention === 'torch';
    const raw = this.rawInputs;
    for (let b = 0; b < count; b++) {
      const base = (order[start + b] as number) * d;
      // Float64 features are rounded to float32 here (Float32Array.set), as fl32 would.
      raw.set(features.subarray(base, base + d), b * row);
    }
    const scale = fl32(inputScale);
    (torch ? this.kernels.quantizeInputsTorch : this.kernels.quantizeInputsOnnx)(
      this.rawOffset,
      this.shiftOffset,
      this.scaleOffset,
      count,
      row,
      torch ? fl32(1 / scale) : scale,
      -inputZeroPoint,
      255 - inputZeroPoint,
      first.input,
    );
    this.plans.forEach((plan, l) => {
      const last = l === this.plans.length - 1;
      const kernel = last
        ? torch
          ? this.kernels.linearTorchValues
          : this.kernels.linearOnnxValues
        : torch
          ? this.kernels.linearTorchCodes
          : this.kernels.linearOnnxCodes;
      const next = this.plans[l + 1];
      kernel(
        plan.input,
        plan.rowBytes,
        plan.weight,
        plan.rowBytes,
        count,
        plan.outputs,
        plan.rowBytes,
        plan.multiplier,
        plan.bias,
        plan.outputScale,
        plan.outputZeroPoint,
        plan.low,
        next === undefined ? this.outputBytes : next.input,
        next === undefined ? this.outputs * 4 : next.rowBytes,
      );
    });
    return this.outputValues.subarray(0, count * this.outputs);
  }

  /** The memory the kernels work in (for tests that read the intermediate blocks). */
  get buffer(): ArrayBuffer {
    return this.memory;
  }
}
