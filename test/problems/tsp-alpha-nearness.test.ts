// Minimum spanning tree, minimum 1-tree and alpha-nearness against naive computations: Kruskal
// over all edges, the 1-tree built from its definition, and alpha as the growth of a minimum
// 1-tree forced to contain the edge (Kruskal with that edge first), on small random instances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaNearness, alphaRow } from '../../src/problems/tsp/alpha-nearness.js';
import { minimumOneTree, minimumSpanningTree } from '../../src/problems/tsp/one-tree.js';
import { subgradientAscent } from '../../src/problems/tsp/subgradient-ascent.js';
import {
  bruteForceNeighbors,
  forcedOneTreeLength,
  kruskalLength,
  shortestTourLength,
  tspFromPoints,
} from '../helpers/tsp.js';

type Cost = (a: number, b: number) => number;

const points = (minLength: number, maxLength: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })), {
    minLength,
    maxLength,
  });

// The minimum 1-tree under `cost`, and alpha(i, j) by definition: how much longer the minimum
// 1-tree with the same special node is when forced to contain the edge (i, j); 0 for i = j.
function alphaByDefinition(n: number, cost: Cost) {
  const oneTree = minimumOneTree(n, cost);
  const alpha = (i: number, j: number): number =>
    i === j ? 0 : forcedOneTreeLength(n, cost, oneTree.special, [i, j]) - oneTree.length;
  return { oneTree, alpha };
}

// alphaRow fills every row with alpha as defined and the edge lengths under `cost`.
function expectAlphaRows(n: number, cost: Cost): void {
  const { oneTree, alpha } = alphaByDefinition(n, cost);
  const row = new Float64Array(n);
  const lengths = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    alphaRow(oneTree, i, n, cost, row, lengths);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      expect(row[j]).toBe(alpha(i, j));
      expect(lengths[j]).toBe(cost(i, j));
    }
  }
}

describe('minimum spanning tree and 1-tree', () => {
  it('the tree is as long as Kruskal finds, and parents come first in its order', () => {
    fc.assert(
      fc.property(points(3, 40), (raw) => {
        const tsp = tspFromPoints(raw);
        const n = tsp.dimension;
        const tree = minimumSpanningTree(n, tsp.distance);
        const all = Array.from({ length: n }, (_, k) => k);
        expect(tree.length).toBe(kruskalLength(all, tsp.distance));
        expect([...tree.order].sort((a, b) => a - b)).toEqual(all);
        const seen = new Set<number>();
        for (const node of tree.order) {
          const p = tree.parent[node] as number;
          if (p >= 0) {
            expect(seen.has(p)).toBe(true);
            expect(tree.parentLength[node]).toBe(tsp.distance(node, p));
          }
          seen.add(node);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the 1-tree is minimal for its special node and bounds every tour from below', () => {
    fc.assert(
      fc.property(points(3, 7), (raw) => {
        const tsp = tspFromPoints(raw);
        const n = tsp.dimension;
        const oneTree = minimumOneTree(n, tsp.distance);
        expect(oneTree.length).toBe(forcedOneTreeLength(n, tsp.distance, oneTree.special));
        expect(oneTree.length).toBeLessThanOrEqual(shortestTourLength(n, tsp.distance));
      }),
      { numRuns: 40 },
    );
  });
});

describe('alpha-nearness', () => {
  it('alpha is the growth of the minimum 1-tree forced to contain the edge', () => {
    fc.assert(
      fc.property(points(3, 18), (raw) => {
        const tsp = tspFromPoints(raw);
        expectAlphaRows(tsp.dimension, tsp.distance);
      }),
      { numRuns: 40 },
    );
  });

  it('holds for penalized costs c(i, j) + pi[i] + pi[j] too', () => {
    fc.assert(
      fc.property(
        points(3, 14).chain((raw) =>
          fc.tuple(
            fc.constant(raw),
            fc.array(fc.integer({ min: -30, max: 30 }), {
              minLength: raw.length,
              maxLength: raw.length,
            }),
          ),
        ),
        ([raw, pi]) => {
          const tsp = tspFromPoints(raw);
          const cost = (a: number, b: number) =>
            tsp.distance(a, b) + (pi[a] as number) + (pi[b] as number);
          expectAlphaRows(tsp.dimension, cost);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('lists the partners of smallest alpha, then shortest edge, then lowest number', () => {
    fc.assert(
      fc.property(points(3, 30), fc.integer({ min: 1, max: 8 }), (raw, count) => {
        const tsp = tspFromPoints(raw);
        const n = tsp.dimension;
        const lists = alphaNearness(n, tsp.distance, count);
        const { alpha } = alphaByDefinition(n, tsp.distance);
        for (let i = 0; i < n; i++) {
          const expected = Array.from({ length: n }, (_, j) => j)
            .filter((j) => j !== i)
            .sort(
              (p, q) =>
                alpha(i, p) - alpha(i, q) || tsp.distance(i, p) - tsp.distance(i, q) || p - q,
            )
            .slice(0, Math.min(count, n - 1));
          expect(lists[i]).toEqual(expected);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('with nearest-neighbour lists gives the same lists as without', () => {
    fc.assert(
      fc.property(points(3, 40), (raw) => {
        const tsp = tspFromPoints(raw);
        const n = tsp.dimension;
        const nearest = bruteForceNeighbors(n, tsp.distance, 4);
        const withLists = minimumOneTree(n, tsp.distance, nearest);
        const without = minimumOneTree(n, tsp.distance);
        expect(withLists.length).toBe(without.length);
        expect(alphaNearness(n, tsp.distance, 5, nearest)).toEqual(
          alphaNearness(n, tsp.distance, 5),
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe('subgradient ascent', () => {
  const complete = (n: number) =>
    Array.from({ length: n }, (_, a) =>
      Array.from({ length: n }, (_, b) => b).filter((b) => b !== a),
    );

  it('on the complete graph raises the 1-tree bound and never passes the optimal tour', () => {
    fc.assert(
      fc.property(points(4, 8), (raw) => {
        const tsp = tspFromPoints(raw);
        const n = tsp.dimension;
        const result = subgradientAscent(n, tsp.distance, complete(n), { steps: 30, period: 5 });
        expect(result.bound).toBeGreaterThanOrEqual(minimumOneTree(n, tsp.distance).length - 1e-9);
        expect(result.bound).toBeLessThanOrEqual(shortestTourLength(n, tsp.distance) + 1e-6);
        // The bound is w(pi) for the penalties returned.
        const pi = result.penalties;
        const cost = (a: number, b: number) =>
          tsp.distance(a, b) + (pi[a] as number) + (pi[b] as number);
        const sum = pi.reduce((s, p) => s + p, 0);
        expect(minimumOneTree(n, cost).length - 2 * sum).toBeCloseTo(result.bound, 6);
      }),
      { numRuns: 40 },
    );
  });

  it('gives up on a graph that is not connected (zero penalties)', () => {
    const tsp = tspFromPoints([
      [0, 0],
      [1, 0],
      [100, 100],
      [101, 100],
    ]);
    const result = subgradientAscent(4, tsp.distance, [[1], [0], [3], [2]]);
    expect(result.bound).toBe(-Infinity);
    expect([...result.penalties]).toEqual([0, 0, 0, 0]);
  });
});
