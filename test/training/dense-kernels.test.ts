// The WebAssembly kernels agree with plain loops on every tile/tail combination of sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createKernels,
  lanesOf,
  type Precision,
} from '../../src/training/kernels/dense-kernels.js';

function harness(precision: Precision, rows: number, inner: number, samples: number) {
  const bytes = precision === 'float32' ? 4 : 8;
  const lanes = lanesOf(precision);
  const columns = Math.ceil(samples / lanes) * lanes;
  const stride = columns + lanes;
  let next = 64;
  const region = (n: number): number => {
    const start = next;
    next += Math.ceil((n * bytes) / 16) * 16;
    return start;
  };
  const w = region(rows * inner);
  const bias = region(rows);
  const a = region(inner * stride);
  const z = region(rows * stride);
  const dz = region(rows * stride);
  const dw = region(rows * inner);
  const db = region(rows);
  const da = region(inner * stride);
  const zeros = region(inner);
  const { kernels, buffer } = createKernels(precision, next);
  const values = precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
  const at = (p: number, i: number): number => p / bytes + i;
  const get = (p: number, i: number): number => values[at(p, i)] as number;
  for (let i = 0; i < rows * inner; i++) values[at(w, i)] = Math.sin(i + 1);
  for (let i = 0; i < rows; i++) values[at(bias, i)] = 0.1 * i - 0.2;
  for (let i = 0; i < inner * stride; i++) values[at(a, i)] = Math.cos(0.7 * i);
  for (let i = 0; i < rows * stride; i++) values[at(dz, i)] = Math.sin(0.3 * i);
  return { kernels, values, bytes, columns, stride, w, bias, a, z, dz, dw, db, da, zeros, get };
}

const tolerance = (precision: Precision): number => (precision === 'float32' ? 2e-5 : 1e-12);

describe.each(['float32', 'float64'] as const)('%s kernels', (precision) => {
  it('matmul computes W A + b and W^T dZ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 13 }),
        (rows, inner, samples) => {
          const h = harness(precision, rows, inner, samples);
          const { bytes, stride, columns, get } = h;
          h.kernels.matmul(
            h.w,
            inner * bytes,
            bytes,
            h.a,
            stride * bytes,
            h.z,
            stride * bytes,
            rows,
            inner,
            columns * bytes,
            h.bias,
          );
          for (let r = 0; r < rows; r++)
            for (let b = 0; b < columns; b++) {
              let s = get(h.bias, r);
              for (let j = 0; j < inner; j++)
                s += get(h.w, r * inner + j) * get(h.a, j * stride + b);
              expect(Math.abs(s - get(h.z, r * stride + b))).toBeLessThan(
                tolerance(precision) * 10,
              );
            }
          h.kernels.matmul(
            h.w,
            bytes,
            inner * bytes,
            h.dz,
            stride * bytes,
            h.da,
            stride * bytes,
            inner,
            rows,
            columns * bytes,
            h.zeros,
          );
          for (let k = 0; k < inner; k++)
            for (let b = 0; b < columns; b++) {
              let s = 0;
              for (let n = 0; n < rows; n++)
                s += get(h.w, n * inner + k) * get(h.dz, n * stride + b);
              expect(Math.abs(s - get(h.da, k * stride + b))).toBeLessThan(
                tolerance(precision) * 10,
              );
            }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('weightGradient computes dZ A^T + l2 W and the row sums of dZ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 13 }),
        (rows, inner, samples) => {
          const h = harness(precision, rows, inner, samples);
          const { bytes, stride, columns, get } = h;
          h.kernels.weightGradient(
            h.dz,
            stride * bytes,
            h.a,
            stride * bytes,
            h.dw,
            h.db,
            rows,
            inner,
            columns * bytes,
            h.w,
            0.25,
          );
          for (let n = 0; n < rows; n++) {
            let sum = 0;
            for (let b = 0; b < columns; b++) sum += get(h.dz, n * stride + b);
            expect(Math.abs(sum - get(h.db, n))).toBeLessThan(tolerance(precision) * 10);
            for (let k = 0; k < inner; k++) {
              let s = 0.25 * get(h.w, n * inner + k);
              for (let b = 0; b < columns; b++)
                s += get(h.dz, n * stride + b) * get(h.a, k * stride + b);
              expect(Math.abs(s - get(h.dw, n * inner + k))).toBeLessThan(
                tolerance(precision) * 10,
              );
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('applies the ReLU family and products elementwise', () => {
    const h = harness(precision, 3, 2, 5);
    const { bytes, stride, get } = h;
    const count = 3 * stride;
    h.kernels.relu(h.dz, h.z, count * bytes);
    for (let i = 0; i < count; i++) expect(get(h.z, i)).toBe(Math.max(0, get(h.dz, i)));
    h.kernels.leakyRelu(h.dz, h.z, count * bytes, 0.5);
    for (let i = 0; i < count; i++) {
      const v = get(h.dz, i);
      expect(get(h.z, i)).toBeCloseTo(v > 0 ? v : 0.5 * v, 6);
    }
    h.kernels.reluBackward(h.a, h.dz, h.z, count * bytes);
    for (let i = 0; i < count; i++) expect(get(h.z, i)).toBe(get(h.dz, i) > 0 ? get(h.a, i) : 0);
    h.kernels.leakyReluBackward(h.a, h.dz, h.z, count * bytes, 0.5);
    for (let i = 0; i < count; i++)
      expect(get(h.z, i)).toBeCloseTo(get(h.dz, i) > 0 ? get(h.a, i) : 0.5 * get(h.a, i), 6);
    h.kernels.multiply(h.a, h.dz, h.z, count * bytes);
    for (let i = 0; i < count; i++) expect(get(h.z, i)).toBeCloseTo(get(h.a, i) * get(h.dz, i), 6);
  });
});
