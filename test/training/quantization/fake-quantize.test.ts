// Fake quantization and its straight-through gradient mask equal torch's
// fake_quantize_per_{tensor,channel}_affine on sweeps through both clip edges, bit for bit.
import { describe, expect, it } from 'vitest';
import {
  fakeQuantizeGradient,
  fakeQuantizePerChannel,
  fakeQuantizePerTensor,
} from '../../../src/training/quantization/fake-quantize.js';
import { scaledValue } from '../../../src/training/quantization/quantize.js';
import { modeloptFixtures } from '../../helpers/modelopt-fixtures.js';

interface FakeCase {
  name: string;
  shape?: [number, number];
  scale: number | number[];
  zero_point: number | number[];
  quant_min: number;
  quant_max: number;
  x: number[];
  x_times_inv?: number[];
  y: number[];
  dy: number[];
  grad: number[];
}

const section = modeloptFixtures.fake_quant as { per_tensor: FakeCase[]; per_channel: FakeCase[] };

describe('fake quantization per tensor', () => {
  for (const c of section.per_tensor) {
    it(c.name, () => {
      const scale = c.scale as number;
      const range = { min: c.quant_min, max: c.quant_max };
      expect(c.x.map((x) => scaledValue(x, scale))).toEqual(c.x_times_inv);
      const { values, mask } = fakeQuantizePerTensor(c.x, scale, c.zero_point as number, range);
      expect(Array.from(values)).toEqual(c.y);
      expect(Array.from(fakeQuantizeGradient(c.dy, mask))).toEqual(c.grad);
    });
  }
});

describe('fake quantization per channel (axis 0)', () => {
  for (const c of section.per_channel) {
    it(c.name, () => {
      const [rows] = c.shape as [number, number];
      const range = { min: c.quant_min, max: c.quant_max };
      const { values, mask } = fakeQuantizePerChannel(
        c.x,
        rows,
        c.scale as number[],
        c.zero_point as number[],
        range,
      );
      expect(Array.from(values)).toEqual(c.y);
      expect(Array.from(fakeQuantizeGradient(c.dy, mask))).toEqual(c.grad);
    });
  }

  it('loses the gradient of a row maximum that lands on 127.5 (the pitfall narrow range avoids)', () => {
    const c = section.per_channel.find((p) => p.name === 'qint8_symmetric_axis0') as FakeCase;
    const [rows, columns] = c.shape as [number, number];
    const last = columns - 1;
    const { mask } = fakeQuantizePerChannel(c.x, rows, c.scale as number[], [0, 0, 0, 0], {
      min: -128,
      max: 127,
    });
    expect(mask[last]).toBe(0);
    const narrow = fakeQuantizePerChannel(
      [c.x[last] as number],
      1,
      [Math.fround((c.x[last] as number) / 127)],
      [0],
      { min: -127, max: 127 },
    );
    expect(narrow.mask[0]).toBe(1);
  });
});
