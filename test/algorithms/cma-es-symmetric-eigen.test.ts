// The Jacobi eigendecomposition of CMA-ES, from the identity and warm-started from the previous
// eigenvectors: A V = V diag(values) and V^T V = I to rounding on random symmetric matrices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/algorithms/cma-es/symmetric-eigen.js';

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
  it('decomposes from the identity and warm-started from a nearby matrix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(symmetric(n), symmetric(n))),
        ([a, noise]) => {
          const cold = symmetricEigen(a);
          check(a, cold.values, cold.vectors);
          const moved = a.map((row, i) => row.map((v, j) => v + 1e-3 * noise[i]![j]!));
          const warm = symmetricEigen(moved, cold.vectors);
          check(moved, warm.values, warm.vectors);
        },
      ),
      { numRuns: 60 },
    );
  });
});
