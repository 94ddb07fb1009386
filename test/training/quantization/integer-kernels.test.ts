// The WebAssembly SIMD integer kernels equal torch's onednn quantized Linear on the fixtures (codes
// and dequantized outputs, fused ReLU included), and the JavaScript reference under both
// conventions on random layers of awkward sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createIntegerKernels,
  type IntegerLinearKernel,
} from '../../../src/training/kernels/integer-kernels.js';
import { integerLinear } from '../../../src/training/quantization/integer-linear.js';
import { requantizeMultiplier } from '../../../src/training/quantization/requantize.js';
import type { RoundingConvention } from '../../../src/training/quantization/ranges.js';
import { fixtureCases } from '../../helpers/modelopt-fixtures.js';
import type { LinearCase } from './integer-linear.test.js';

interface Layer {
  inputs: number;
  outputs: number;
  weight: ArrayLike<number>;
  weightScale: ArrayLike<number>;
  bias: ArrayLike<number>;
  inputScale: number;
  inputZeroPoint: number;
  outputScale: number;
  outputZeroPoint: number;
  relu: boolean;
}

/** Runs one layer through the kernel; returns the output codes and the dequantized values. */
function runKernel(
  layer: Layer,
  codes: ArrayLike<number>,
  samples: number,
  convention: RoundingConvention,
): { codes: number[]; values: number[] } {
  const row = Math.ceil(layer.inputs / 8) * 16;
  const weight = 64;
  const multiplier = weight + layer.outputs * row;
  const bias = multiplier + layer.outputs * 8;
  const input = bias + layer.outputs * 8;
  const out = input + samples * row;
  const { kernels, buffer } = createIntegerKernels(out + samples * layer.outputs * 4);
  const w = new Int16Array(buffer, weight, (layer.outputs * row) / 2);
  const m = new Float64Array(buffer, multiplier, layer.outputs);
  const b = new Float64Array(buffer, bias, layer.outputs);
  const x = new Int16Array(buffer, input, (samples * row) / 2);
  for (let o = 0; o < layer.outputs; o++) {
    for (let k = 0; k < layer.inputs; k++)
      w[(o * row) / 2 + k] = layer.weight[o * layer.inputs + k] as number;
    m[o] = requantizeMultiplier(layer.inputScale, layer.weightScale[o] as number, convention);
    b[o] = layer.bias[o] as number;
  }
  for (let n = 0; n < samples; n++)
    for (let k = 0; k < layer.inputs; k++)
      x[(n * row) / 2 + k] = (codes[n * layer.inputs + k] as number) - layer.inputZeroPoint;
  const run = (kernel: IntegerLinearKernel, bytes: number): void =>
    kernel(
      input,
      row,
      weight,
      row,
      samples,
      layer.outputs,
      row,
      multiplier,
      bias,
      layer.outputScale,
      layer.outputZeroPoint,
      layer.relu ? layer.outputZeroPoint : 0,
      out,
      layer.outputs * bytes,
    );
  const torch = convention === 'torch';
  run(torch ? kernels.linearTorchCodes : kernels.linearOnnxCodes, 2);
  const centred = Array.from(new Int16Array(buffer, out, samples * layer.outputs));
  run(torch ? kernels.linearTorchValues : kernels.linearOnnxValues, 4);
  return {
    codes: centred.map((c) => c + layer.outputZeroPoint),
    values: Array.from(new Float32Array(buffer, out, samples * layer.outputs)),
  };
}

describe('integer kernels = torch onednn nn.quantized.Linear', () => {
  for (const c of fixtureCases<LinearCase>('int8_linear')) {
    it(c.name, () => {
      const layer: Layer = {
        inputs: c.in_features,
        outputs: c.out_features,
        weight: c.weight_q,
        weightScale: c.weight_scale,
        bias: c.bias,
        inputScale: c.input_scale,
        inputZeroPoint: c.input_zero_point,
        outputScale: c.output_scale,
        outputZeroPoint: c.output_zero_point,
        relu: c.relu_fused,
      };
      const result = runKernel(layer, c.x_q, c.x_q.length / c.in_features, 'torch');
      expect(result.codes).toEqual(c.y_q);
      expect(result.values).toEqual(c.y_dequant);
    });
  }
});

describe('integer kernels = the JavaScript reference', () => {
  it('on random layers, both conventions', () => {
    const layer = fc
      .record({
        inputs: fc.integer({ min: 1, max: 40 }),
        outputs: fc.integer({ min: 1, max: 11 }),
        samples: fc.integer({ min: 1, max: 7 }),
        relu: fc.boolean(),
        inputZeroPoint: fc.integer({ min: 0, max: 255 }),
        outputZeroPoint: fc.integer({ min: 0, max: 255 }),
        inputScale: fc.float({ min: Math.fround(1e-3), max: 1, noNaN: true }),
        outputScale: fc.float({ min: Math.fround(1e-2), max: 4, noNaN: true }),
        convention: fc.constantFrom<RoundingConvention>('torch', 'onnx'),
      })
      .chain((shape) =>
        fc.record({
          shape: fc.constant(shape),
          weight: fc.array(fc.integer({ min: -128, max: 127 }), {
            minLength: shape.inputs * shape.outputs,
            maxLength: shape.inputs * shape.outputs,
          }),
          weightScale: fc.array(
            fc.float({ min: Math.fround(1e-4), max: Math.fround(0.1), noNaN: true }),
            {
              minLength: shape.outputs,
              maxLength: shape.outputs,
            },
          ),
          bias: fc.array(fc.float({ min: -2, max: 2, noNaN: true }), {
            minLength: shape.outputs,
            maxLength: shape.outputs,
          }),
          codes: fc.array(fc.integer({ min: 0, max: 255 }), {
            minLength: shape.inputs * shape.samples,
            maxLength: shape.inputs * shape.samples,
          }),
        }),
      );
    fc.assert(
      fc.property(layer, ({ shape, weight, weightScale, bias, codes }) => {
        const definition: Layer = { ...shape, weight, weightScale, bias };
        const reference = integerLinear(definition, codes, shape.samples, shape.convention);
        const result = runKernel(definition, codes, shape.samples, shape.convention);
        expect(result.codes).toEqual(Array.from(reference.outputs));
        const dequantized = Array.from(reference.outputs, (q) =>
          Math.fround((q - shape.outputZeroPoint) * shape.outputScale),
        );
        expect(result.values).toEqual(dequantized);
      }),
      { numRuns: 60 },
    );
  });
});
