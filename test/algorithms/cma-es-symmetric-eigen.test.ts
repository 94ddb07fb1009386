// The eigendecomposition of CMA-ES (Householder tridiagonalization and implicit QL):
// A V = V diag(values) and V^T V = I to rounding on random symmetric matrices, diagonal and
// repeated eigenvalues included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypotenuse, symmetricEigen } from '../../src/algorithms/cma-es/symmetric-eigen.js';

function check(a: number[][], values: number[], vectors: number[][]): void {
  const n = a.length;
  const scale = Math.max(1, ...a.map((row) => Math.max(...row.map(Math.abs))));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let reconstructed = 0;
      let gram = 0;
      for (let k = 0; k < n; k++) {
        reconstructed += vectors[i]![k]! * values[k]! * vectors[j]![k]!;
        gram += vectors[k]![i]! * vectors[k]![j]!;
      }
      expect(Math.abs(reconstructed - a[i]![j]!)).toBeLessThan(1e-12 * scale * n);
      expect(Math.abs(gram - (i === j ? 1 : 0))).toBeLessThan(1e-12 * n);
    }
  }
}

const symmetric = (n: number) =>
  fc
    .array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n })
    .map((entries) => {
      const a: number[][] = [];
      for (let i = 0; i < n; i++) a.push(entries.slice(i * n, (i + 1) * n));
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i]![j] = a[j]![i]!;
      return a;
    });

describe('symmetricEigen', () => {
  it('decomposes random symmetric matrices of size 1 to 30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain(symmetric), (a) => {
        const { values, vectors } = symmetricEigen(a);
        check(a, values, vectors);
      }),
      { numRuns: 60 },
    );
  });

  it('decomposes diagonal, repeated-eigenvalue and ill-conditioned matrices', () => {
    const diagonal = [
      [3, 0, 0],
      [0, 1, 0],
      [0, 0, 2],
    ];
    const result = symmetricEigen(diagonal);
    check(diagonal, result.values, result.vectors);
    expect([...result.values].sort()).toEqual([1, 2, 3]);
    const ones = Array.from({ length: 6 }, () => new Array<number>(6).fill(1));
    const flat = symmetricEigen(ones);
    check(ones, flat.values, flat.vectors);
    expect(Math.max(...flat.values)).toBeCloseTo(6, 12);
    // Condition 1e12: a rotated diagonal.
    const n = 8;
    const angle = 0.3;
    const rotation = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? Math.cos(angle) : 0)),
    );
    for (let i = 0; i + 1 < n; i += 2) {
      rotation[i]![i + 1] = Math.sin(angle);
      rotation[i + 1]![i] = -Math.sin(angle);
    }
    const scales = Array.from({ length: n }, (_, i) => 10 ** ((12 * i) / (n - 1)));
    const a = rotation.map((row) =>
      rotation.map((other) => row.reduce((s, r, k) => s + r * scales[k]! * other[k]!, 0)),
    );
    const stiff = symmetricEigen(a);
    check(a, stiff.values, stiff.vectors);
    // Tiny and mixed-magnitude entries, whose squares underflow (found by the property above).
    const tiny = [
      [0, 0, 0, 0, -1.5717277847026288e-162],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [-1.5717277847026288e-162, 0, 0, 0, 0],
    ];
    const small = symmetricEigen(tiny);
    check(tiny, small.values, small.vectors);
    expect(Math.max(...small.values.map(Math.abs)) / 1.5717277847026288e-162).toBeCloseTo(1, 14);
    const mixed = [
      [1, 1e-170, 0],
      [1e-170, 2, 1e-200],
      [0, 1e-200, 3],
    ];
    const varied = symmetricEigen(mixed);
    check(mixed, varied.values, varied.vectors);
    expect(() =>
      symmetricEigen([
        [1, NaN],
        [NaN, 1],
      ]),
    ).toThrow(/must be a finite symmetric matrix/);
  });
});

describe('hypotenuse', () => {
  it('gives the same value as Math.hypot, bit for bit', () => {
    const special = [0, -0, 1, -1, 0.5, 3, 4, 5e-324, 2.2250738585072014e-308, 1e308];
    for (const a of [...special, Infinity, -Infinity, NaN]) {
      for (const b of [...special, Infinity, -Infinity, NaN]) {
        expect(Object.is(hypotenuse(a, b), Math.hypot(a, b))).toBe(true);
      }
    }
    fc.assert(
      fc.property(fc.double(), fc.double(), (a, b) =>
        Object.is(hypotenuse(a, b), Math.hypot(a, b)),
      ),
      { numRuns: 20_000 },
    );
    // The QL shift's form, hypot(delta, 1), over 40 decades.
    fc.assert(
      fc.property(fc.double({ min: -1e20, max: 1e20, noNaN: true }), (delta) =>
        Object.is(hypotenuse(delta, 1), Math.hypot(delta, 1)),
      ),
      { numRuns: 20_000 },
    );
  });
});
