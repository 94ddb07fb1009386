// The integer Linear (JavaScript reference) equals torch's onednn quantized Linear bit for bit:
// input codes, int8 weights, int32 accumulators, output codes and dequantized outputs.
import { describe, expect, it } from 'vitest';
import { integerLinear } from '../../../src/training/quantization/integer-linear.js';
import { affineParameters } from '../../../src/training/quantization/parameters.js';
import { perRowSymmetricParameters } from '../../../src/training/quantization/parameters.js';
import {
  dequantizePerTensor,
  quantizePerChannel,
  quantizePerTensor,
} from '../../../src/training/quantization/quantize.js';
import { signedRange, unsignedRange } from '../../../src/training/quantization/ranges.js';
import { fixtureCases } from '../../helpers/modelopt-fixtures.js';

/** One case of the `int8_linear` fixture section. */
export interface LinearCase {
  name: string;
  in_features: number;
  out_features: number;
  relu_fused: boolean;
  weight_float: number[];
  bias: number[];
  input_observer_min: number;
  input_observer_max: number;
  input_scale: number;
  input_zero_point: number;
  weight_q: number[];
  weight_scale: number[];
  output_observer_min: number;
  output_observer_max: number;
  output_scale: number;
  output_zero_point: number;
  x: number[];
  x_q: number[];
  acc_int32: number[];
  y_q: number[];
  y_dequant: number[];
}

describe('integer Linear = torch onednn nn.quantized.Linear', () => {
  for (const c of fixtureCases<LinearCase>('int8_linear')) {
    it(c.name, () => {
      const input = affineParameters(c.input_observer_min, c.input_observer_max, unsignedRange());
      expect(input).toEqual({ scale: c.input_scale, zeroPoint: c.input_zero_point });
      const output = affineParameters(
        c.output_observer_min,
        c.output_observer_max,
        unsignedRange(),
      );
      expect(output).toEqual({ scale: c.output_scale, zeroPoint: c.output_zero_point });
      const range = signedRange(8);
      const { scales, zeroPoints } = perRowSymmetricParameters(
        c.weight_float,
        c.out_features,
        range,
      );
      expect(Array.from(scales)).toEqual(c.weight_scale);
      const weight = quantizePerChannel(c.weight_float, c.out_features, scales, zeroPoints, range);
      expect(Array.from(weight)).toEqual(c.weight_q);
      const xq = quantizePerTensor(c.x, input.scale, input.zeroPoint, unsignedRange());
      expect(Array.from(xq)).toEqual(c.x_q);
      const samples = c.x.length / c.in_features;
      const result = integerLinear(
        {
          inputs: c.in_features,
          outputs: c.out_features,
          weight,
          weightScale: scales,
          bias: c.bias,
          inputScale: input.scale,
          inputZeroPoint: input.zeroPoint,
          outputScale: output.scale,
          outputZeroPoint: output.zeroPoint,
          relu: c.relu_fused,
        },
        xq,
        samples,
      );
      expect(Array.from(result.accumulators)).toEqual(c.acc_int32);
      expect(Array.from(result.outputs)).toEqual(c.y_q);
      expect(
        Array.from(dequantizePerTensor(result.outputs, output.scale, output.zeroPoint)),
      ).toEqual(c.y_dequant);
    });
  }
});
