// Node penalties pi for alpha-nearness by a short subgradient ascent on the Held-Karp bound
// (Held & Karp 1971; Helsgaun 2000, section 4.3). With costs c(i, j) + pi[i] + pi[j] every tour
// grows by 2 sum(pi), so w(pi) = L(minimum 1-tree) - 2 sum(pi) is a lower bound of the optimal
// tour; raising pi where the 1-tree has degree above 2 (and lowering it at leaves) pushes the
// 1-tree towards a tour, and the alpha values of the penalized costs then rank optimal edges
// far better. The ascent runs on a sparse graph (the nearest-neighbour lists, made symmetric),
// each 1-tree in O(m log n) with a binary heap, for a fixed number of steps.
import { NodeHeap } from './node-heap.js';

/** Result of {@link subgradientAscent}. */
export interface AscentResult {
  /** The penalties of the best bound found (all 0 when the ascent found nothing better). */
  penalties: Float64Array;
  /** The best lower bound w(pi) found on the sparse graph (-Infinity when it is not connected). */
  bound: number;
  /** 1-trees computed. */
  steps: number;
}

/** Options of {@link subgradientAscent}. */
export interface AscentOptions {
  /** Most 1-trees computed. @defaultValue 50 */
  steps?: number;
  /** Steps between halvings of the step size. @defaultValue 10 */
  period?: number;
}

/**
 * Penalties that raise the 1-tree bound on the graph of `lists` (each node joined to the nodes
 * of its list, both ways). Starts with step size 1, doubled while the bound grows during the
 * first period, then halved after every period; each step moves pi by the step size times
 * 0.7 v + 0.3 v' (v: degree - 2 in this 1-tree, v': in the previous one; Helsgaun's damping).
 */
export function subgradientAscent(
  n: number,
  distance: (a: number, b: number) => number,
  lists: readonly (readonly number[])[],
  options: AscentOptions = {},
): AscentResult {
  const graph = symmetricGraph(n, distance, lists);
  const penalties = new Float64Array(n);
  const best = new Float64Array(n);
  const degree = new Int32Array(n);
  const previous = new Int32Array(n);
  const maxSteps = options.steps ?? 50;
  const period = Math.max(1, options.period ?? 10);
  let bound = -Infinity;
  let stepSize = 1;
  let doubling = true;
  let steps = 0;
  for (let left = period; steps < maxSteps;) {
    const length = sparseOneTree(graph, penalties, degree);
    steps++;
    if (!Number.isFinite(length)) return { penalties: new Float64Array(n), bound, steps };
    let sum = 0;
    let norm = 0;
    for (let a = 0; a < n; a++) {
      sum += penalties[a] as number;
      const v = (degree[a] as number) - 2;
      norm += v * v;
    }
    const w = length - 2 * sum;
    if (w > bound) {
      bound = w;
      best.set(penalties);
      if (doubling) stepSize *= 2;
    } else if (doubling) {
      doubling = false;
      stepSize /= 2;
    }
    // A 1-tree with every degree 2 is a tour: the bound cannot rise further.
    if (norm === 0) break;
    for (let a = 0; a < n; a++) {
      const v = (degree[a] as number) - 2;
      const u = steps === 1 ? v : (previous[a] as number) - 2;
      penalties[a] = (penalties[a] as number) + stepSize * (0.7 * v + 0.3 * u);
    }
    previous.set(degree);
    if (--left === 0) {
      doubling = false;
      stepSize /= 2;
      left = period;
    }
  }
  return { penalties: best, bound, steps };
}

/** A symmetric sparse graph in compressed rows, with each edge's length. */
interface SparseGraph {
  n: number;
  start: Int32Array;
  target: Int32Array;
  length: Float64Array;
}

function symmetricGraph(
  n: number,
  distance: (a: number, b: number) => number,
  lists: readonly (readonly number[])[],
): SparseGraph {
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let a = 0; a < n; a++) {
    for (const b of lists[a] ?? []) {
      if (b === a) continue;
      (sets[a] as Set<number>).add(b);
      (sets[b] as Set<number>).add(a);
    }
  }
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) start[a + 1] = (start[a] as number) + (sets[a] as Set<number>).size;
  const target = new Int32Array(start[n] as number);
  const length = new Float64Array(start[n] as number);
  for (let a = 0; a < n; a++) {
    let k = start[a] as number;
    for (const b of sets[a] as Set<number>) {
      target[k] = b;
      length[k] = distance(a, b);
      k++;
    }
  }
  return { n, start, target, length };
}

// The minimum 1-tree of the graph under penalized costs (minimum spanning tree by Prim with a
// binary heap, plus the second-cheapest edge of the leaf where that edge costs most); fills
// `degree` and returns the 1-tree's penalized length, Infinity when the graph is not connected.
function sparseOneTree(graph: SparseGraph, penalties: Float64Array, degree: Int32Array): number {
  const { n, start, target, length } = graph;
  const key = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const heap = new NodeHeap(n, key);
  degree.fill(0);
  key[0] = 0;
  heap.push(0);
  let total = 0;
  let added = 0;
  while (heap.size > 0) {
    const a = heap.pop();
    done[a] = 1;
    added++;
    total += key[a] as number;
    const p = parent[a] as number;
    if (p >= 0) {
      degree[a] = (degree[a] as number) + 1;
      degree[p] = (degree[p] as number) + 1;
    }
    for (let k = start[a] as number; k < (start[a + 1] as number); k++) {
      const b = target[k] as number;
      if (done[b] === 1) continue;
      const c = (length[k] as number) + (penalties[a] as number) + (penalties[b] as number);
      if (c < (key[b] as number)) {
        key[b] = c;
        parent[b] = a;
        heap.update(b);
      }
    }
  }
  if (added < n) return Infinity;
  // The extra edge: at the leaf whose second-cheapest edge costs most.
  let extraCost = -Infinity;
  let special = -1;
  let extra = -1;
  for (let a = 0; a < n; a++) {
    if (degree[a] !== 1) continue;
    const treeNeighbor = (parent[a] as number) >= 0 ? (parent[a] as number) : -2;
    let second = Infinity;
    let partner = -1;
    for (let k = start[a] as number; k < (start[a + 1] as number); k++) {
      const b = target[k] as number;
      if (b === treeNeighbor || parent[b] === a) continue;
      const c = (length[k] as number) + (penalties[a] as number) + (penalties[b] as number);
      if (c < second) {
        second = c;
        partner = b;
      }
    }
    if (partner >= 0 && second > extraCost) {
      extraCost = second;
      special = a;
      extra = partner;
    }
  }
  if (special < 0) return Infinity;
  degree[special] = (degree[special] as number) + 1;
  degree[extra] = (degree[extra] as number) + 1;
  return total + extraCost;
}
