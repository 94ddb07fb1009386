// Naive TSP references for tests: an instance from points, brute-force nearest-neighbour lists,
// Kruskal's spanning forest, the minimum 1-tree forced to contain an edge, and the optimal tour
// by enumeration.
import { parseTsplib } from '../../src/problems/tsp/tsplib.js';

type Distance = (a: number, b: number) => number;

/** A TSPLIB instance of `points` (cities 0..n-1 in their order), `type` distances. */
export function tspFromPoints(points: readonly (readonly [number, number])[], type = 'EUC_2D') {
  const lines = points.map(([x, y], k) => `${k + 1} ${x} ${y}`);
  return parseTsplib(
    [
      `DIMENSION : ${points.length}`,
      `EDGE_WEIGHT_TYPE : ${type}`,
      'NODE_COORD_SECTION',
      ...lines,
    ].join('\n'),
    'random.tsp',
  );
}

/** Each city's `size` nearest others by a scan over all pairs, ties by city number. */
export function bruteForceNeighbors(n: number, distance: Distance, size: number): number[][] {
  return Array.from({ length: n }, (_, a) =>
    Array.from({ length: n }, (_, b) => b)
      .filter((b) => b !== a)
      .sort((p, q) => distance(a, p) - distance(a, q) || p - q)
      .slice(0, size),
  );
}

/** Kruskal's minimum spanning forest length over `nodes`, with `forced` taken first. */
export function kruskalLength(
  nodes: readonly number[],
  distance: Distance,
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

/** The length of the minimum 1-tree with special node `special` that must contain `edge`. */
export function forcedOneTreeLength(
  n: number,
  distance: Distance,
  special: number,
  edge?: readonly [number, number],
): number {
  const rest = Array.from({ length: n }, (_, k) => k).filter((k) => k !== special);
  const atSpecial = rest.map((k) => distance(special, k)).sort((a, b) => a - b);
  if (edge === undefined || (edge[0] !== special && edge[1] !== special)) {
    return (
      kruskalLength(rest, distance, edge) + (atSpecial[0] as number) + (atSpecial[1] as number)
    );
  }
  const other = edge[0] === special ? edge[1] : edge[0];
  const forced = distance(special, other);
  const shortestOther = rest
    .filter((k) => k !== other)
    .map((k) => distance(special, k))
    .reduce((a, b) => Math.min(a, b), Infinity);
  return kruskalLength(rest, distance) + forced + shortestOther;
}

/** The length of the shortest tour through cities 0..n-1, by enumerating every tour. */
export function shortestTourLength(n: number, distance: Distance): number {
  let shortest = Infinity;
  const visit = (tour: number[], left: number[]): void => {
    if (left.length === 0) {
      let length = 0;
      for (let k = 0; k < n; k++)
        length += distance(tour[k] as number, tour[(k + 1) % n] as number);
      shortest = Math.min(shortest, length);
      return;
    }
    for (const c of left)
      visit(
        [...tour, c],
        left.filter((d) => d !== c),
      );
  };
  // The first city fixed: every tour is a rotation of one starting there.
  visit(
    [0],
    Array.from({ length: n - 1 }, (_, k) => k + 1),
  );
  return shortest;
}
