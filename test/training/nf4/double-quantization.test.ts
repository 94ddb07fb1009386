// Double quantization of NF4 block scales and bfloat16 rounding against the reference fixtures.
import { describe, expect, it } from 'vitest';
import { roundArrayToBfloat16, roundToBfloat16 } from '../../../src/training/nf4/bfloat16.js';
import {
  dequantizeScales,
  float32Mean,
  quantizeScales,
} from '../../../src/training/nf4/double-quantization.js';
import { DYNAMIC_MAP } from '../../../src/training/nf4/dynamic-map.js';
import { modeloptFixtures } from '../../helpers/modelopt-fixtures.js';

interface ScalesCase {
  name: string;
  blocksize: number;
  absmax: number[];
  offset: number;
  codes: number[];
  absmax2: number[];
  absmax_reconstructed: number[];
}

const doubleQuant = (
  modeloptFixtures.nf4 as { double_quant: { map: number[]; cases: ScalesCase[] } }
).double_quant;

describe('double quantization', () => {
  it('embeds the 256 values of the dynamic map', () => {
    expect(Array.from(DYNAMIC_MAP)).toEqual(doubleQuant.map);
  });

  for (const c of doubleQuant.cases) {
    it(`${c.name}: codes, absmax2 and reconstructed scales equal the reference`, () => {
      const scales = quantizeScales(c.absmax, c.offset, c.blocksize);
      expect(Array.from(scales.codes)).toEqual(c.codes);
      expect(Array.from(scales.absmax)).toEqual(c.absmax2);
      expect(Array.from(dequantizeScales(scales))).toEqual(c.absmax_reconstructed);
      expect(Math.abs(float32Mean(c.absmax) - c.offset) / c.offset).toBeLessThan(1e-6);
    });
  }
});

const bf16 = modeloptFixtures.bf16 as unknown as { x: (number | string)[]; y: (number | string)[] };
const parse = (v: number | string): number => (typeof v === 'string' ? Number(v) : v);

describe('bfloat16 rounding', () => {
  it('equals torch .to(torch.bfloat16) on every reference value, sign of zero included', () => {
    const x = bf16.x.map(parse);
    const y = bf16.y.map(parse);
    const array = Float32Array.from(x);
    roundArrayToBfloat16(array);
    x.forEach((value, i) => {
      const expected = y[i] as number;
      if (Number.isNaN(expected)) {
        expect(roundToBfloat16(value)).toBeNaN();
        expect(array[i]).toBeNaN();
      } else {
        expect(Object.is(roundToBfloat16(value), expected)).toBe(true);
        expect(Object.is(array[i], expected)).toBe(true);
      }
    });
    expect(roundToBfloat16(1 + 2 ** -8)).toBe(1);
    expect(roundToBfloat16(0.1)).toBe(0.10009765625);
  });
});
