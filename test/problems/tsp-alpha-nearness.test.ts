// Minimum spanning tree, minimum 1-tree and alpha-nearness against naive computations: Kruskal
// over all edges, the 1-tree built from its definition, and alpha as the growth of a minimum
// 1-tree forced to contain the edge (Kruskal with that edge first), on small random instances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaNearness, alphaRow } from '../../src/problems/tsp/alpha-nearness.js';
import { minimumOneTree, minimumSpanningTree } from '../../src/problems/tsp/one-tree.js';
import { subgradientAscent } from '../../src/problems/tsp/subgradient-ascent.js';
import { parseTsplib } from '../../src/problems/tsp/tsplib.js';

function instance(points: readonly (readonly [number, number])[]) {
  const lines = points.map(([x, y], k) => `${k + 1} ${x} ${y}`);
  return parseTsplib(
    [
      `DIMENSION : ${points.length}`,
      'EDGE_WEIGHT_TYPE : EUC_2D',
      'NODE_COORD_SECTION',
      ...lines,
    ].join('\n'),
    'random.tsp',
  );
}

// Kruskal's minimum spanning forest length over `nodes`, with `forced` taken first.
function kruskal(
  nodes: readonly number[],
  distance: (a: number, b: number) => number,
  forced?: readonly [number, number],
): number {
  const edges: [number, number, number][] = [];
  for (const a of nodes) for (const b of nodes) if (a < b) edges.push([distance(a, b), a, b]);
  edges.sort((p, q) => p[0] - q[0]);
  const root = new Map(nodes.map((a) => [a, a]));
  const find = (a: number): number => {
    while (root.get(a) !== a) a = root.get(a) as number;
    return a;
  };
  let length = 0;
  const join = (a: number, b: number, d: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    root.set(ra, rb);
    length += d;
  };
  if (forced !== undefined) join(forced[0], forced[1], distance(forced[0], forced[1]));
  for (const [d, a, b] of edges) join(a, b, d);
  return length;
}

// The length of the minimum 1-tree with special node s that must contain the edge (i, j).
function forcedOneTree(
  n: number,
  distance: (a: number, b: number) => number,
  s: number,
  edge?: readonly [number, number],
): number {
  const rest = Array.from({ length: n }, (_, k) => k).filter((k) => k !== s);
  const atSpecial = rest.map((k) => distance(s, k)).sort((a, b) => a - b);
  if (edge === undefined || (edge[0] !== s && edge[1] !== s)) {
    return kruskal(rest, distance, edge) + (atSpecial[0] as number) + (atSpecial[1] as number);
  }
  const other = edge[0] === s ? edge[1] : edge[0];
  const forced = distance(s, other);
  const shortestOther = rest
    .filter((k) => k !== other)
    .map((k) => distance(s, k))
    .reduce((a, b) => Math.min(a, b), Infinity);
  return kruskal(rest, distance) + forced + shortestOther;
}

const points = (minLength: number, maxLength: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })), {
    minLength,
    maxLength,
  });

describe('minimum spanning tree and 1-tree', () => {
  it('the tree is as long as Kruskal finds, and parents come first in its order', () => {
    fc.assert(
      fc.property(points(3, 40), (raw) => {
        const tsp = instance(raw);
        const n = tsp.dimension;
        const tree = minimumSpanningTree(n, tsp.distance);
        const all = Array.from({ length: n }, (_, k) => k);
        expect(tree.length).toBe(kruskal(all, tsp.distance));
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
        const tsp = instance(raw);
        const n = tsp.dimension;
        const oneTree = minimumOneTree(n, tsp.distance);
        expect(oneTree.length).toBe(forcedOneTree(n, tsp.distance, oneTree.special));
        // Every tour through the cities, the first one fixed.
        let shortest = Infinity;
        const visit = (tour: number[], left: number[]): void => {
          if (left.length === 0) {
            let length = 0;
            for (let k = 0; k < n; k++)
              length += tsp.distance(tour[k] as number, tour[(k + 1) % n] as number);
            shortest = Math.min(shortest, length);
            return;
          }
          for (const c of left)
            visit(
              [...tour, c],
              left.filter((d) => d !== c),
            );
        };
        visit(
          [0],
          Array.from({ length: n - 1 }, (_, k) => k + 1),
        );
        expect(oneTree.length).toBeLessThanOrEqual(shortest);
      }),
      { numRuns: 40 },
    );
  });
});

describe('alpha-nearness', () => {
  it('alpha is the growth of the minimum 1-tree forced to contain the edge', () => {
    fc.assert(
      fc.property(points(3, 18), (raw) => {
        const tsp = instance(raw);
        const n = tsp.dimension;
        const oneTree = minimumOneTree(n, tsp.distance);
        const alpha = new Float64Array(n);
        const lengths = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          alphaRow(oneTree, i, n, tsp.distance, alpha, lengths);
          for (let j = 0; j < n; j++) {
            if (j === i) continue;
            const forced = forcedOneTree(n, tsp.distance, oneTree.special, [i, j]);
            expect(alpha[j]).toBe(forced - oneTree.length);
            expect(lengths[j]).toBe(tsp.distance(i, j));
          }
        }
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
          const tsp = instance(raw);
          const n = tsp.dimension;
          const cost = (a: number, b: number) =>
            tsp.distance(a, b) + (pi[a] as number) + (pi[b] as number);
          const oneTree = minimumOneTree(n, cost);
          const alpha = new Float64Array(n);
          const lengths = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            alphaRow(oneTree, i, n, cost, alpha, lengths);
            for (let j = 0; j < n; j++) {
              if (j === i) continue;
              const forced = forcedOneTree(n, cost, oneTree.special, [i, j]);
              expect(alpha[j]).toBe(forced - oneTree.length);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('lists the partners of smallest alpha, then shortest edge, then lowest number', () => {
    fc.assert(
      fc.property(points(3, 30), fc.integer({ min: 1, max: 8 }), (raw, count) => {
        const tsp = instance(raw);
        const n = tsp.dimension;
        const lists = alphaNearness(n, tsp.distance, count);
        const oneTree = minimumOneTree(n, tsp.distance);
        for (let i = 0; i < n; i++) {
          const value = (j: number) =>
            j === i ? 0 : forcedOneTree(n, tsp.distance, oneTree.special, [i, j]) - oneTree.length;
          const expected = Array.from({ length: n }, (_, j) => j)
            .filter((j) => j !== i)
            .sort((p, q) => value(p) - value(q) || tsp.distance(i, p) - tsp.distance(i, q) || p - q)
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
        const tsp = instance(raw);
        const n = tsp.dimension;
        const nearest = Array.from({ length: n }, (_, a) =>
          Array.from({ length: n }, (_, b) => b)
            .filter((b) => b !== a)
            .sort((p, q) => tsp.distance(a, p) - tsp.distance(a, q) || p - q)
            .slice(0, 4),
        );
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
        const tsp = instance(raw);
        const n = tsp.dimension;
        const result = subgradientAscent(n, tsp.distance, complete(n), { steps: 30, period: 5 });
        expect(result.bound).toBeGreaterThanOrEqual(minimumOneTree(n, tsp.distance).length - 1e-9);
        let shortest = Infinity;
        const visit = (tour: number[], left: number[]): void => {
          if (left.length === 0) {
            let length = 0;
            for (let k = 0; k < n; k++) {
              length += tsp.distance(tour[k] as number, tour[(k + 1) % n] as number);
            }
            shortest = Math.min(shortest, length);
            return;
          }
          for (const c of left)
            visit(
              [...tour, c],
              left.filter((d) => d !== c),
            );
        };
        visit(
          [0],
          Array.from({ length: n - 1 }, (_, k) => k + 1),
        );
        expect(result.bound).toBeLessThanOrEqual(shortest + 1e-6);
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
    const tsp = instance([
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
