// Orthogonal and mirrored sampling of CMA-ES: blocks of n orthogonal rows, mirrored pairs, the
// lengths of standard normal vectors, and the same draws for the same seed.
import { describe, expect, it } from 'vitest';
import { cmaEs } from '../../src/algorithms/cma-es/cma-es.js';
import { orthogonalNormals } from '../../src/algorithms/cma-es/orthogonal-normals.js';
import { resolveSampling } from '../../src/algorithms/cma-es/small-budget.js';
import { createRng } from '../../src/core/rng.js';
import { realSpace } from '../../src/core/spaces/index.js';

function draw(n: number, count: number, seed: number, mirrored = false): Float64Array {
  const out = new Float64Array(count * n);
  orthogonalNormals(n, count, createRng(seed), out, mirrored);
  return out;
}

function dot(rows: Float64Array, n: number, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += rows[a * n + i]! * rows[b * n + i]!;
  return sum;
}

describe('cma-es orthogonal normals', () => {
  it('makes the rows of each block of n mutually orthogonal, not rows of different blocks', () => {
    const n = 5;
    const rows = draw(n, 12, 1);
    for (let a = 0; a < 12; a++) {
      for (let b = a + 1; b < 12; b++) {
        const cosine = dot(rows, n, a, b) / Math.sqrt(dot(rows, n, a, a) * dot(rows, n, b, b));
        if (Math.floor(a / n) === Math.floor(b / n)) expect(Math.abs(cosine)).toBeLessThan(1e-12);
        else expect(Math.abs(cosine)).toBeGreaterThan(1e-6);
      }
    }
  });

  it('pairs each orthogonal row with its mirror image', () => {
    const n = 4;
    const rows = draw(n, 10, 2, true);
    for (let k = 0; k < 10; k += 2) {
      for (let i = 0; i < n; i++) expect(rows[(k + 1) * n + i]).toBe(-rows[k * n + i]!);
    }
    // The pairs' first members (rows 0, 2, 4, 6) form one orthogonal block of n.
    for (const [a, b] of [
      [0, 2],
      [0, 6],
      [2, 4],
      [4, 6],
    ] as const) {
      expect(Math.abs(dot(rows, n, a, b))).toBeLessThan(1e-12);
    }
  });

  it('gives rows the lengths of standard normal vectors (mean squared length n)', () => {
    const n = 10;
    const count = 4000;
    const rows = draw(n, count, 3);
    let squared = 0;
    let coordinate = 0;
    for (let k = 0; k < count; k++) {
      squared += dot(rows, n, k, k);
      coordinate += rows[k * n]! ** 2;
    }
    expect(squared / count).toBeGreaterThan(n * 0.97);
    expect(squared / count).toBeLessThan(n * 1.03);
    // Each coordinate keeps unit variance: the directions are uniform.
    expect(coordinate / count).toBeGreaterThan(0.9);
    expect(coordinate / count).toBeLessThan(1.1);
  });

  it('draws the same rows for the same seed', () => {
    expect(draw(6, 9, 7, true)).toEqual(draw(6, 9, 7, true));
    expect(draw(6, 9, 7)).not.toEqual(draw(6, 9, 8));
  });
});

describe('cma-es small-budget sampling', () => {
  it('auto samples orthogonally up to 300 n evaluations, independently beyond or without them', () => {
    expect(resolveSampling('auto', 3000, 10)).toBe('orthogonal');
    expect(resolveSampling('auto', 3001, 10)).toBe('independent');
    expect(resolveSampling('auto', undefined, 10)).toBe('independent');
    expect(resolveSampling('mirrored', 100_000, 10)).toBe('mirrored');
  });

  it('a run with a small budget draws orthogonal generations (n = lambda: one block)', () => {
    const space = realSpace({
      lower: new Array<number>(10).fill(-1),
      upper: new Array<number>(10).fill(1),
    });
    const context = { space, gradients: false, budget: { evaluations: 1000 } };
    const rng = createRng(5);
    const state = cmaEs.init(context, { ...cmaEs.defaultParams }, rng);
    expect(state.sampling).toBe('orthogonal');
    const points = cmaEs.ask<number[]>(state, context, rng);
    expect(points).toHaveLength(10);
    // From the centre with the initial step, the first generation's steps are orthogonal
    // wherever no draw was redrawn at the box (a step of sigma0 = 1/6 rarely leaves it).
    const steps = points.map((x) => x.map((v) => v / 2));
    let orthogonalPairs = 0;
    for (let a = 0; a < 10; a++) {
      for (let b = a + 1; b < 10; b++) {
        let dot = 0;
        for (let i = 0; i < 10; i++) dot += steps[a]![i]! * steps[b]![i]!;
        if (Math.abs(dot) < 1e-12) orthogonalPairs++;
      }
    }
    expect(orthogonalPairs).toBeGreaterThanOrEqual(36);
  });
});
