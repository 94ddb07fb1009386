// Permutation crossover and mutation: children are permutations, and PMX, cycle and edge
// recombination keep what they promise from their parents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cycleCrossover,
  edgeCrossover,
  edgeRecombination,
  mappedChild,
  partiallyMappedCrossover,
} from '../../../src/algorithms/operators/permutation-crossover.js';
import {
  insertionMutation,
  inversionMutation,
  swapMutation,
} from '../../../src/algorithms/operators/permutation-mutation.js';
import { isPermutation } from '../../../src/algorithms/operators/permutation.js';
import { bitFlipMutation } from '../../../src/algorithms/operators/binary-mutation.js';
import { createRng } from '../../../src/core/rng.js';

const seedArbitrary = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const parents = fc.tuple(fc.integer({ min: 1, max: 60 }), seedArbitrary).map(([n, seed]) => {
  const rng = createRng(seed);
  return { n, a: rng.permutation(n), b: rng.permutation(n) };
});

/** Undirected edges of a tour (read as a cycle), as "min-max" strings. */
function edgesOf(tour: readonly number[]): Set<string> {
  const edges = new Set<string>();
  const n = tour.length;
  for (let k = 0; k < n; k++) {
    const u = tour[k] as number;
    const v = tour[(k + 1) % n] as number;
    edges.add(u < v ? `${u}-${v}` : `${v}-${u}`);
  }
  return edges;
}

describe('permutation crossover', () => {
  const crossovers = {
    pmx: partiallyMappedCrossover,
    cycle: cycleCrossover,
    edge: edgeCrossover,
  };
  for (const [name, crossover] of Object.entries(crossovers)) {
    it(`${name} gives permutations and leaves its parents alone`, () => {
      fc.assert(
        fc.property(parents, seedArbitrary, ({ n, a, b }, seed) => {
          const a0 = a.slice();
          const b0 = b.slice();
          const children = crossover(a, b, createRng(seed));
          expect(children).toHaveLength(2);
          for (const c of children) expect(isPermutation(c, n)).toBe(true);
          expect(a).toEqual(a0);
          expect(b).toEqual(b0);
        }),
      );
    });

    it(`${name} of a parent with itself gives that parent (as a tour for edge)`, () => {
      fc.assert(
        fc.property(parents, seedArbitrary, ({ a }, seed) => {
          for (const c of crossover(a, a, createRng(seed))) {
            if (name === 'edge') expect(edgesOf(c)).toEqual(edgesOf(a));
            else expect(c).toEqual(a);
          }
        }),
      );
    });
  }

  it('pmx keeps the segment of one parent in place and the other parent elsewhere where it can', () => {
    fc.assert(
      fc.property(parents, fc.nat(), fc.nat(), ({ n, a, b }, p, q) => {
        const i = Math.min(p % n, q % n);
        const j = Math.max(p % n, q % n);
        const child = mappedChild(a, b, i, j);
        expect(isPermutation(child, n)).toBe(true);
        const segment = new Set(a.slice(i, j + 1));
        for (let k = 0; k < n; k++) {
          if (k >= i && k <= j) expect(child[k]).toBe(a[k]);
          else if (!segment.has(b[k] as number)) expect(child[k]).toBe(b[k]);
          else expect(segment.has(child[k] as number)).toBe(false);
        }
      }),
    );
  });

  it('pmx on a textbook example', () => {
    // Segment positions 3..5 of a (4 5 6); the rest from b, where 5 maps to 2 and 4 to 8.
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => v - 1);
    const b = [9, 3, 7, 8, 2, 6, 5, 1, 4].map((v) => v - 1);
    expect(mappedChild(a, b, 3, 5).map((v) => v + 1)).toEqual([9, 3, 7, 4, 5, 6, 2, 1, 8]);
  });

  it('cycle crossover keeps every element at the position it holds in one of the parents', () => {
    fc.assert(
      fc.property(parents, seedArbitrary, ({ n, a, b }, seed) => {
        const [c1, c2] = cycleCrossover(a, b, createRng(seed));
        for (let k = 0; k < n; k++) {
          expect([a[k], b[k]]).toContain(c1[k]);
          // Complementary children: where one takes a, the other takes b.
          expect(c2[k]).toBe(c1[k] === a[k] ? b[k] : a[k]);
        }
      }),
    );
  });

  it('edge recombination takes almost every edge from a parent', () => {
    fc.assert(
      fc.property(parents, seedArbitrary, ({ n, a, b }, seed) => {
        fc.pre(n >= 5);
        const union = new Set([...edgesOf(a), ...edgesOf(b)]);
        const child = edgeRecombination(a, b, a[0] as number, createRng(seed));
        expect(child[0]).toBe(a[0]);
        const foreign = [...edgesOf(child)].filter((e) => !union.has(e)).length;
        // Dead ends (and the closing edge) are the only foreign edges; ERX keeps them rare.
        expect(foreign).toBeLessThanOrEqual(Math.max(2, Math.ceil(n / 5)));
      }),
    );
  });

  it('edge recombination keeps the edges both parents share', () => {
    // Two tours sharing most edges: b is a with one segment reversed (a 2-opt move).
    const n = 40;
    const rng = createRng(9);
    let kept = 0;
    let total = 0;
    for (let trial = 0; trial < 50; trial++) {
      const a = rng.permutation(n);
      const b = a.slice(0, 10).concat(a.slice(10, 25).reverse(), a.slice(25));
      const shared = [...edgesOf(a)].filter((e) => edgesOf(b).has(e));
      const child = edgesOf(edgeRecombination(a, b, a[0] as number, rng));
      total += shared.length;
      kept += shared.filter((e) => child.has(e)).length;
    }
    expect(kept / total).toBeGreaterThan(0.97);
  });
});

describe('permutation mutation', () => {
  const mutations = {
    swap: swapMutation,
    insertion: insertionMutation,
    inversion: inversionMutation,
  };
  for (const [name, mutate] of Object.entries(mutations)) {
    it(`${name} keeps permutations, does nothing at rate 0`, () => {
      fc.assert(
        fc.property(
          parents,
          fc.double({ min: 0, max: 1, noNaN: true }),
          seedArbitrary,
          ({ n, a }, rate, seed) => {
            const a0 = a.slice();
            expect(isPermutation(mutate(a, rate, createRng(seed)), n)).toBe(true);
            expect(mutate(a, 0, createRng(seed))).toEqual(a);
            expect(a).toEqual(a0);
          },
        ),
      );
    });
  }

  it('swap at rate 1/n changes about one pair on average', () => {
    const n = 50;
    const rng = createRng(4);
    let moved = 0;
    const x = Array.from({ length: n }, (_, i) => i);
    for (let k = 0; k < 2000; k++)
      moved += swapMutation(x, 1 / n, rng).filter((v, i) => v !== i).length;
    // Each swap moves two elements (rarely undone by a second one).
    expect(moved / 2000).toBeGreaterThan(1.7);
    expect(moved / 2000).toBeLessThan(2.1);
  });
});

describe('bit-flip mutation', () => {
  it('flips each bit with probability rate and keeps bits', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { maxLength: 64 }), seedArbitrary, (x, seed) => {
        const y = bitFlipMutation(x, 0.3, createRng(seed));
        expect(y.every((v) => v === 0 || v === 1)).toBe(true);
        expect(bitFlipMutation(x, 0, createRng(seed))).toEqual(x);
        expect(bitFlipMutation(x, 1, createRng(seed))).toEqual(x.map((v) => 1 - v));
      }),
    );
    const flips = bitFlipMutation(new Array<number>(5000).fill(0), 0.2, createRng(1));
    expect(flips.reduce((s, v) => s + v, 0) / 5000).toBeCloseTo(0.2, 1);
  });
});
