// Nearest-neighbour lists of planar instances through a uniform grid of cells (Bentley 1990,
// "K-d trees for semidynamic point sets", uses the same cell search idea): each city scans the
// rings of cells around its own until no farther cell can hold a nearer city. About O(n k) work
// instead of the O(n^2) distances of a scan over all pairs; the lists are the same, nearest
// first with ties by city number.
import type { TspInstance } from './tsp-instance.js';

/**
 * The integer distance that a Euclidean length rounds to, for the weight types whose distance
 * never decreases with the Euclidean length (EUC_2D, CEIL_2D, ATT); undefined for the others.
 */
export function roundedEuclidean(
  type: TspInstance['edgeWeightType'],
): ((length: number) => number) | undefined {
  switch (type) {
    case 'EUC_2D':
      return (length) => Math.floor(length + 0.5);
    case 'CEIL_2D':
      return (length) => Math.ceil(length);
    case 'ATT':
      return (length) => {
        const r = length / Math.sqrt(10);
        const t = Math.floor(r + 0.5);
        return t < r ? t + 1 : t;
      };
    default:
      return undefined;
  }
}

/**
 * For each city the `size` nearest others, or undefined when the instance is not planar with a
 * monotone distance (the caller then scans all pairs).
 */
export function gridNeighbors(instance: TspInstance, size: number): number[][] | undefined {
  const round = roundedEuclidean(instance.edgeWeightType);
  const c = instance.coordinates;
  if (round === undefined || c === undefined) return undefined;
  const n = instance.dimension;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    minX = Math.min(minX, c[2 * k] as number);
    maxX = Math.max(maxX, c[2 * k] as number);
    minY = Math.min(minY, c[2 * k + 1] as number);
    maxY = Math.max(maxY, c[2 * k + 1] as number);
  }
  // About two cities per cell.
  const side = Math.max(1, Math.ceil(Math.sqrt(n / 2)));
  const cell = Math.max(maxX - minX, maxY - minY, 1e-9) / side;
  const column = (k: number): number =>
    Math.min(side - 1, Math.floor(((c[2 * k] as number) - minX) / cell));
  const row = (k: number): number =>
    Math.min(side - 1, Math.floor(((c[2 * k + 1] as number) - minY) / cell));
  // Cities by cell (counting sort), in increasing city number within a cell.
  const start = new Int32Array(side * side + 1);
  for (let k = 0; k < n; k++) {
    const q = row(k) * side + column(k) + 1;
    start[q] = (start[q] as number) + 1;
  }
  for (let q = 0; q < side * side; q++)
    start[q + 1] = (start[q + 1] as number) + (start[q] as number);
  const fill = start.slice(0, side * side);
  const members = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const q = row(k) * side + column(k);
    const at = fill[q] as number;
    members[at] = k;
    fill[q] = at + 1;
  }

  const distance = instance.distance;
  const nearest = new Int32Array(size);
  const lengths = new Float64Array(size);
  const lists: number[][] = [];
  for (let a = 0; a < n; a++) {
    let filled = 0;
    const offer = (b: number): void => {
      const d = distance(a, b);
      if (filled === size) {
        const worst = lengths[size - 1] as number;
        if (d > worst || (d === worst && b > (nearest[size - 1] as number))) return;
      }
      let position = filled < size ? filled++ : size - 1;
      while (position > 0) {
        const before = lengths[position - 1] as number;
        if (d > before || (d === before && b > (nearest[position - 1] as number))) break;
        lengths[position] = before;
        nearest[position] = nearest[position - 1] as number;
        position--;
      }
      lengths[position] = d;
      nearest[position] = b;
    };
    const ax = column(a);
    const ay = row(a);
    for (let ring = 0; ring < side; ring++) {
      for (let y = ay - ring; y <= ay + ring; y++) {
        if (y < 0 || y >= side) continue;
        const edge = y === ay - ring || y === ay + ring;
        for (let x = ax - ring; x <= ax + ring; x += edge || ring === 0 ? 1 : 2 * ring) {
          if (x < 0 || x >= side) continue;
          for (
            let m = start[y * side + x] as number;
            m < (start[y * side + x + 1] as number);
            m++
          ) {
            const b = members[m] as number;
            if (b !== a) offer(b);
          }
        }
      }
      // Cities outside these rings lie at least `ring * cell` away.
      if (filled === size && round(ring * cell) > (lengths[size - 1] as number)) break;
    }
    lists.push(Array.from(nearest.subarray(0, filled)));
  }
  return lists;
}
