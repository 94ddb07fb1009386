// The greedy edge construction of a tour (Johnson & McGeoch 1997, section 2.2): take candidate
// edges shortest first whenever both ends still have a free side and no cycle closes; then join
// the fragments, each time from the end of the last one to the nearest free end of another.
// Candidate edges come from the neighbour lists, so that the cost is O(n k log(n k) + f^2) for
// n cities, k neighbours and f fragments, never O(n^2) distances.

/**
 * A greedy tour over cities 0..n-1. Deterministic: ties between equal edges go to the lower
 * city numbers.
 */
export function greedyTour(
  n: number,
  distance: (a: number, b: number) => number,
  neighbors: readonly (readonly number[])[],
): number[] {
  if (n <= 3) return Array.from({ length: n }, (_, k) => k);
  const edges = candidateEdges(n, distance, neighbors);
  // Two adjacency slots per city (-1: free), and union-find over fragments.
  const adjacent = new Int32Array(2 * n).fill(-1);
  const parent = Int32Array.from({ length: n }, (_, k) => k);
  const root = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[a] !== r) {
      const up = parent[a] as number;
      parent[a] = r;
      a = up;
    }
    return r;
  };
  const link = (a: number, b: number): void => {
    adjacent[2 * a + (adjacent[2 * a] === -1 ? 0 : 1)] = b;
    adjacent[2 * b + (adjacent[2 * b] === -1 ? 0 : 1)] = a;
    parent[root(a)] = root(b);
  };
  let joined = 0;
  for (const { a, b } of edges) {
    if (adjacent[2 * a + 1] !== -1 || adjacent[2 * b + 1] !== -1) continue;
    if (root(a) === root(b)) continue;
    link(a, b);
    if (++joined === n - 1) break;
  }
  // Walk the fragments: from an end, along the fragment, then to the nearest free end.
  const tour: number[] = [];
  const visited = new Uint8Array(n);
  const isEnd = (c: number): boolean => adjacent[2 * c + 1] === -1;
  const ends: number[] = [];
  for (let c = 0; c < n; c++) if (isEnd(c)) ends.push(c);
  let current = ends.length > 0 ? (ends[0] as number) : 0;
  while (tour.length < n) {
    // Walk the fragment that starts at `current`.
    let previous = -1;
    let city = current;
    for (;;) {
      tour.push(city);
      visited[city] = 1;
      const first = adjacent[2 * city] as number;
      const second = adjacent[2 * city + 1] as number;
      const next = first !== -1 && first !== previous && visited[first] === 0 ? first : second;
      if (next === -1 || next === previous || visited[next] === 1) break;
      previous = city;
      city = next;
    }
    if (tour.length === n) break;
    let nearest = -1;
    let nearestLength = Infinity;
    for (const end of ends) {
      if (visited[end] === 1) continue;
      const length = distance(city, end);
      if (length < nearestLength) {
        nearestLength = length;
        nearest = end;
      }
    }
    current = nearest;
  }
  return tour;
}

// The distinct edges of the neighbour lists, shortest first (ties by city numbers).
function candidateEdges(
  n: number,
  distance: (a: number, b: number) => number,
  neighbors: readonly (readonly number[])[],
): { a: number; b: number; length: number }[] {
  const edges: { a: number; b: number; length: number }[] = [];
  for (let a = 0; a < n; a++) {
    for (const b of neighbors[a] ?? []) {
      // Keep (a, b) once: from the lower city, or from b when a is not on b's list.
      if (b < a && (neighbors[b] ?? []).includes(a)) continue;
      edges.push({ a: Math.min(a, b), b: Math.max(a, b), length: distance(a, b) });
    }
  }
  edges.sort((p, q) => p.length - q.length || p.a - q.a || p.b - q.b);
  return edges;
}
