// Quantize/dequantize and observer parameters equal PyTorch's on the reference fixtures, bit for
// bit, and keep their contract on random inputs (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affineParameters,
  perRowSymmetricParameters,
  SCALE_EPSILON,
  symmetricParameters,
} from '../../../src/training/quantization/parameters.js';
import {
  dequantizePerChannel,
  dequantizePerTensor,
  quantizePerChannel,
  quantizePerTensor,
} from '../../../src/training/quantization/quantize.js';
import { signedRange, unsignedRange } from '../../../src/training/quantization/ranges.js';
import { roundHalfToEven } from '../../../src/training/quantization/rounding.js';
import { createObserver } from '../../../src/training/quantization/observers.js';
import { fixtureCases, modeloptFixtures } from '../../helpers/modelopt-fixtures.js';

interface WeightCase {
  name: string;
  shape: [number, number];
  w: number[];
  min_val: number[];
  max_val: number[];
  scale: number[];
  zero_point: number[];
  q: number[];
  w_dequant: number[];
}

interface ActivationCase {
  name: string;
  dtype: 'quint8' | 'qint8';
  qscheme: string;
  reduce_range: boolean;
  quant_min: number;
  quant_max: number;
  calibration_batches: number[][];
  min_val: number;
  max_val: number;
  scale: number;
  zero_point: number;
  x: number[];
  n_calibration_values: number;
  q: number[];
  x_dequant: number[];
}

describe('roundHalfToEven', () => {
  it('rounds halves to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 3.4999, -3.6].map((v) => roundHalfToEven(v) + 0)).toEqual([
      0, 2, 2, 0, -2, 3, -4,
    ]);
  });
});

describe('per-row symmetric int8 weights (PerChannelMinMaxObserver + quantize_per_channel)', () => {
  const range = signedRange(8);
  for (const c of fixtureCases<WeightCase>('int8_weight_per_channel')) {
    it(c.name, () => {
      const [rows] = c.shape;
      const { scales, zeroPoints } = perRowSymmetricParameters(c.w, rows, range);
      expect(Array.from(scales)).toEqual(c.scale);
      expect(Array.from(zeroPoints)).toEqual(c.zero_point);
      const q = quantizePerChannel(c.w, rows, scales, zeroPoints, range);
      expect(Array.from(q)).toEqual(c.q);
      expect(Array.from(dequantizePerChannel(q, rows, scales, zeroPoints))).toEqual(c.w_dequant);
    });
  }
});

describe('per-tensor activation parameters (MinMaxObserver + quantize_per_tensor)', () => {
  for (const c of fixtureCases<ActivationCase>('int8_activation_per_tensor')) {
    it(c.name, () => {
      const observer = createObserver('minmax');
      for (const batch of c.calibration_batches) observer.observe(batch);
      expect([observer.min, observer.max]).toEqual([c.min_val, c.max_val]);
      const observed = { min: c.quant_min, max: c.quant_max };
      const parameters = c.qscheme.includes('symmetric')
        ? symmetricParameters(observer.min, observer.max, observed)
        : affineParameters(observer.min, observer.max, observed);
      expect(parameters).toEqual({ scale: c.scale, zeroPoint: c.zero_point });
      // quantize_per_tensor clamps to the dtype's range, not the observer's reduced one.
      const dtype = c.dtype === 'quint8' ? unsignedRange() : signedRange(8);
      const q = quantizePerTensor(c.x, c.scale, c.zero_point, dtype);
      expect(Array.from(q)).toEqual(c.q);
      expect(Array.from(dequantizePerTensor(q, c.scale, c.zero_point))).toEqual(c.x_dequant);
    });
  }

  it('rounds ties to even and adds the zero point after rounding', () => {
    const ties = modeloptFixtures.int8_activation_per_tensor?.ties as {
      dtype: string;
      scale: number;
      zero_point: number;
      x: number[];
      q: number[];
    }[];
    for (const t of ties) {
      const range = t.dtype === 'quint8' ? unsignedRange() : signedRange(8);
      expect(Array.from(quantizePerTensor(t.x, t.scale, t.zero_point, range))).toEqual(t.q);
    }
  });

  it('multiplies by the reciprocal under torch and divides under onnx', () => {
    const r = modeloptFixtures.int8_activation_per_tensor?.reciprocal_vs_division as {
      scale: number;
      x: number[];
      q_torch: number[];
      q_division: number[];
    };
    const range = signedRange(8);
    expect(Array.from(quantizePerTensor(r.x, r.scale, 0, range, 'torch'))).toEqual(r.q_torch);
    expect(Array.from(quantizePerTensor(r.x, r.scale, 0, range, 'onnx'))).toEqual(r.q_division);
  });

  it('gives scale 1 and zero point 0 without data', () => {
    const observer = createObserver('minmax');
    expect(affineParameters(observer.min, observer.max, unsignedRange())).toEqual({
      scale: 1,
      zeroPoint: 0,
    });
  });
});

describe('quantization properties', () => {
  const matrix = fc
    .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 9 }) })
    .chain(({ rows, columns }) =>
      fc.record({
        rows: fc.constant(rows),
        values: fc.array(fc.float({ min: -50, max: 50, noNaN: true }), {
          minLength: rows * columns,
          maxLength: rows * columns,
        }),
      }),
    );

  it('dequantize(quantize(w)) is within half a step of w inside the range', () => {
    fc.assert(
      fc.property(matrix, fc.constantFrom(8, 4, 3, 2), ({ rows, values }, bits) => {
        const range = signedRange(bits);
        const { scales, zeroPoints } = perRowSymmetricParameters(values, rows, range);
        const q = quantizePerChannel(values, rows, scales, zeroPoints, range);
        const back = dequantizePerChannel(q, rows, scales, zeroPoints);
        const columns = values.length / rows;
        values.forEach((w, i) => {
          const scale = scales[Math.floor(i / columns)] as number;
          // Inside the range: |w| no further out than the top code (the amax itself may sit on
          // 127.5 and clip to 127, a full step below; that is outside the range by definition).
          if (Math.abs(w) <= range.max * scale)
            expect(Math.abs((back[i] as number) - w)).toBeLessThanOrEqual(scale / 2 + 1e-6 * scale);
        });
      }),
    );
  });

  it('gives one scale per output row, from that row alone', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), ({ rows, values }, pick) => {
        const range = signedRange(8);
        const columns = values.length / rows;
        const { scales } = perRowSymmetricParameters(values, rows, range);
        expect(scales.length).toBe(rows);
        const r = pick % rows;
        const row = values.slice(r * columns, (r + 1) * columns);
        expect(scales[r]).toBe(perRowSymmetricParameters(row, 1, range).scales[0]);
      }),
    );
  });

  it('quantizes an all-zero row to zeros with a finite scale', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), ({ rows, values }, pick) => {
        const columns = values.length / rows;
        const r = pick % rows;
        const zeroed = values.slice();
        zeroed.fill(0, r * columns, (r + 1) * columns);
        const range = signedRange(8);
        const { scales, zeroPoints } = perRowSymmetricParameters(zeroed, rows, range);
        expect(scales[r]).toBe(SCALE_EPSILON);
        const q = quantizePerChannel(zeroed, rows, scales, zeroPoints, range);
        expect(Array.from(q.subarray(r * columns, (r + 1) * columns)).every((v) => v === 0)).toBe(
          true,
        );
      }),
    );
  });
});
