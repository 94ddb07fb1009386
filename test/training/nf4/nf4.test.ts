// NF4 against the bitsandbytes reference fixtures (table, codes, packed bytes, values), the
// round-trip error bounds on N(0,1) data, and every block size against a scalar reference.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng.js';
import {
  dequantizeNf4,
  NF4_MIDPOINTS,
  NF4_TABLE,
  nf4Absmax,
  nf4Bytes,
  nf4Codes,
  packNibbles,
  quantizeNf4,
  unpackNibbles,
} from '../../../src/training/nf4/nf4.js';
import { modeloptFixtures } from '../../helpers/modelopt-fixtures.js';

interface Nf4Case {
  name: string;
  blocksize: number;
  x: number[];
  absmax: number[];
  codes: number[];
  packed: number[];
  dequant: number[];
  dequant_with_double_quant_absmax?: number[];
}

const section = modeloptFixtures.nf4 as unknown as {
  table: number[];
  midpoints: number[];
  table_f32_bits: number[];
  cases: Nf4Case[];
};

describe('NF4', () => {
  it('has the reference table and float32 midpoints, bit for bit', () => {
    expect(Array.from(NF4_TABLE)).toEqual(section.table);
    const bits = new Uint32Array(Float32Array.from(NF4_TABLE).buffer);
    expect(Array.from(bits)).toEqual(section.table_f32_bits);
    expect(Array.from(NF4_MIDPOINTS)).toEqual(section.midpoints);
  });

  for (const c of section.cases) {
    it(`${c.name}: absmax, codes, packed bytes and values equal the reference`, () => {
      const { codes, absmax } = nf4Codes(c.x, c.blocksize);
      expect(Array.from(absmax)).toEqual(c.absmax);
      expect(Array.from(codes)).toEqual(c.codes);
      const tensor = quantizeNf4(c.x, { blockSize: c.blocksize });
      expect(Array.from(tensor.packed)).toEqual(c.packed);
      expect(Array.from(dequantizeNf4(tensor))).toEqual(c.dequant);
      expect(Array.from(unpackNibbles(tensor.packed, c.x.length))).toEqual(c.codes);
    });
  }

  it('gives the research note values (NF4-1), first code in the high nibble', () => {
    const x = [0.1, -0.5, 1.0, 0.03, -1.2, 0.7, 0.0, 0.33];
    const tensor = quantizeNf4(x);
    expect(Array.from(tensor.packed)).toEqual([0x83, 0xe7, 0x0d, 0x7a]);
    expect(tensor.absmax?.[0]).toBe(1.2000000476837158);
    expect(packNibbles([1, 2, 3])).toEqual(Uint8Array.from([0x12, 0x30]));
  });

  it('dequantizes with double-quantized absmax as the reference does', () => {
    const c = section.cases.find((k) => k.dequant_with_double_quant_absmax !== undefined);
    expect(c).toBeDefined();
    const tensor = quantizeNf4((c as Nf4Case).x, { doubleQuantization: true });
    expect(Array.from(dequantizeNf4(tensor))).toEqual(c?.dequant_with_double_quant_absmax);
  });

  it('round-trips 65,536 N(0,1) values within the NF4 error bounds', () => {
    const rng = createRng(7);
    const x = Float32Array.from({ length: 65536 }, () => rng.normal());
    const tensor = quantizeNf4(x);
    const back = dequantizeNf4(tensor);
    const absmax = nf4Absmax(tensor);
    let worst = 0;
    let squares = 0;
    let sumSquares = 0;
    for (let i = 0; i < x.length; i++) {
      const error = Math.abs((x[i] as number) - (back[i] as number));
      worst = Math.max(worst, error / (absmax[Math.floor(i / 64)] as number));
      squares += error * error;
      sumSquares += (x[i] as number) ** 2;
    }
    const rmseOverSigma = Math.sqrt(squares / x.length) / Math.sqrt(sumSquares / x.length);
    expect(worst).toBeLessThanOrEqual(0.152);
    expect(rmseOverSigma).toBeGreaterThanOrEqual(0.09);
    expect(rmseOverSigma).toBeLessThanOrEqual(0.094);
    // The absmax element of each block comes back exactly.
    for (let b = 0; b < 1024; b++) {
      let at = b * 64;
      for (let i = b * 64; i < (b + 1) * 64; i++)
        if (Math.abs(x[i] as number) > Math.abs(x[at] as number)) at = i;
      expect(back[at]).toBe(x[at]);
    }
  });

  it('matches a scalar reference for every block size 32..4096', () => {
    const rng = createRng(3);
    const x = Float32Array.from({ length: 5000 }, () => rng.normal(0, 0.3));
    for (let blockSize = 32; blockSize <= 4096; blockSize *= 2) {
      const back = dequantizeNf4(quantizeNf4(x, { blockSize }));
      for (let i = 0; i < x.length; i += 7) {
        const start = Math.floor(i / blockSize) * blockSize;
        let max = 0;
        for (let k = start; k < Math.min(x.length, start + blockSize); k++)
          max = Math.max(max, Math.abs(x[k] as number));
        const scaled = Math.fround((x[i] as number) * Math.fround(1 / max));
        let code = 0;
        while (code < 15 && (NF4_MIDPOINTS[code] as number) < scaled) code++;
        expect(back[i]).toBe(Math.fround((NF4_TABLE[code] as number) * max));
      }
    }
  });

  it('refuses block sizes bitsandbytes does not have', () => {
    expect(() => quantizeNf4([1, 2], { blockSize: 48 })).toThrow(
      'nf4: blockSize must be a power of two in 32..4096 (got 48)',
    );
  });

  it('counts 4.5 bits per weight, about 4.127 with double quantization', () => {
    const n = 64 * 256 * 64;
    expect((nf4Bytes(n, 64, false) * 8) / n).toBe(4.5);
    expect((nf4Bytes(n, 64, true) * 8) / n).toBeCloseTo(4 + 8 / 64 + 32 / 16384, 4);
  });
});
