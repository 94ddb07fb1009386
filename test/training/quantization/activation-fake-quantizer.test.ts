// Fake quantization of the activations in quantization-aware training: the moving-average
// observer (the first batch sets the range), the in-place quint8 fake quantization of the sample
// columns only, the straight-through mask in the backward pass, evaluation without observing,
// frozen observers, and a converted model that takes the observed ranges.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/training/data/datasets.js';
import { ActivationFakeQuantizer } from '../../../src/training/quantization/activation-fake-quantizer.js';
import { fakeQuantizePerTensor } from '../../../src/training/quantization/fake-quantize.js';
import { affineParameters } from '../../../src/training/quantization/parameters.js';
import { quantizeModel } from '../../../src/training/quantization/quantize-model.js';
import { unsignedRange } from '../../../src/training/quantization/ranges.js';
import { train } from '../../../src/training/train.js';

const fl32 = Math.fround;
const RANGE = unsignedRange();

/** A block of 2 rows x stride 4 (3 samples, one padding column holding 99). */
function block(values: number[][]): Float32Array {
  const out = new Float32Array(8).fill(99);
  values.forEach((row, r) => row.forEach((v, b) => (out[r * 4 + b] = v)));
  return out;
}

describe('ActivationFakeQuantizer', () => {
  it('observes the first batch, fake-quantizes the samples in place and leaves the padding', () => {
    const quantizer = new ActivationFakeQuantizer([2], 4);
    quantizer.training = true;
    const rows = [
      [-0.5, 0.25, 1.5],
      [0.1, 2, -0.3],
    ];
    const values = block(rows);
    quantizer.forward(0, values, 0, 2, 3, 4);
    expect(quantizer.ranges[0]).toEqual({ min: fl32(-0.5), max: 2 });
    const { scale, zeroPoint } = affineParameters(-0.5, 2, RANGE);
    const expected = fakeQuantizePerTensor(rows.flat().map(fl32), scale, zeroPoint, RANGE).values;
    expect([...values.subarray(0, 3), ...values.subarray(4, 7)]).toEqual(Array.from(expected));
    expect(values[3]).toBe(99);
    expect(values[7]).toBe(99);
  });

  it("moves the range by 0.01 of the batch's and zeroes the gradient of clipped values", () => {
    const quantizer = new ActivationFakeQuantizer([2], 4);
    quantizer.training = true;
    quantizer.forward(
      0,
      block([
        [0, 1, 0.5],
        [0.2, 0.3, 0.4],
      ]),
      0,
      2,
      3,
      4,
    );
    quantizer.forward(
      0,
      block([
        [0, 3, 0.5],
        [0.2, -1, 0.4],
      ]),
      0,
      2,
      3,
      4,
    );
    const range = quantizer.ranges[0];
    expect(range).toEqual({ min: fl32(0 + 0.01 * -1), max: fl32(1 + 0.01 * (3 - 1)) });
    // 3 and -1 fall outside [-0.01, 1.02]: their gradients are zeroed, the padding kept.
    const gradient = block([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    quantizer.backward(0, gradient, 0, 2, 3, 4);
    expect(Array.from(gradient)).toEqual([1, 0, 1, 99, 1, 0, 1, 99]);
  });

  it('neither observes nor records a mask outside training, and keeps frozen ranges', () => {
    const quantizer = new ActivationFakeQuantizer([2], 4);
    quantizer.training = true;
    quantizer.forward(
      0,
      block([
        [0, 1, 0.5],
        [0.2, 0.3, 0.4],
      ]),
      0,
      2,
      3,
      4,
    );
    quantizer.training = false;
    const wide = block([
      [0, 5, 0.5],
      [0.2, 0.3, 0.4],
    ]);
    quantizer.forward(0, wide, 0, 2, 3, 4);
    expect(quantizer.ranges[0]).toEqual({ min: 0, max: 1 });
    expect(wide[1]).toBe(1);
    const gradient = block([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    quantizer.backward(0, gradient, 0, 2, 3, 4);
    expect(Array.from(gradient.subarray(0, 3))).toEqual([1, 1, 1]);
    quantizer.training = true;
    quantizer.freeze();
    quantizer.forward(
      0,
      block([
        [0, 5, 0.5],
        [0.2, 0.3, 0.4],
      ]),
      0,
      2,
      3,
      4,
    );
    expect(quantizer.ranges[0]).toEqual({ min: 0, max: 1 });
  });
});

describe('quantization-aware training with fake-quantized activations', () => {
  it('converts with the observed ranges: the integer model predicts what the fake-quantized one did', () => {
    const digits = loadDataset('digits');
    const result = train(digits, {
      model: { hidden: [32] },
      epochs: 3,
      seed: 4,
      precision: 'float32',
      quantization: { weights: { bits: 4 } },
    });
    const q = result.quantization;
    if (q === undefined) throw new Error('no quantization result');
    expect(q.agreement).toBeGreaterThanOrEqual(0.99);
  });

  it('quantizeModel takes given activation ranges instead of calibrating', () => {
    const digits = loadDataset('digits');
    const { model } = train(digits, { model: { hidden: [8] }, epochs: 1, precision: 'float32' });
    const ranges = [
      { min: -1, max: 3 },
      { min: 0, max: 5 },
      { min: -7, max: 9 },
    ];
    const features = Float64Array.from(digits.features.subarray(0, 64));
    const quantized = quantizeModel(model, features, 1, { activationRanges: ranges });
    const input = affineParameters(-1, 3, RANGE);
    expect(quantized.quantization.inputScale).toBe(input.scale);
    expect(quantized.quantization.inputZeroPoint).toBe(input.zeroPoint);
    quantized.layers.forEach((layer, l) => {
      const range = ranges[l + 1] as { min: number; max: number };
      expect(layer.outputScale).toBe(affineParameters(range.min, range.max, RANGE).scale);
    });
    expect(() => quantizeModel(model, features, 1, { activationRanges: ranges.slice(1) })).toThrow(
      /activationRanges must hold 3 ranges/,
    );
  });
});
