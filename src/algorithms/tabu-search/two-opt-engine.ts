// The 2-opt engine: tabu search on tours (Glover 1990; Knox 1994 for the TSP). Each iteration
// examines the 2-opt moves that add an edge between a city and one of its nearest neighbours
// (all pairs when the problem has no neighbour lists), takes the best admissible one, and
// forbids the two removed edges to come back for a while.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { endIteration, noteCurrent, type TabuState } from './search-state.js';
import { hashKey, moveTenure } from './tenure.js';
import { canonicalTour } from './canonical-tour.js';

// Neighbour lists are derived data: cached per move model, truncated to the asked size.
const listCache = new WeakMap<MoveModel, Map<number, number[][]>>();

/** The `size` nearest cities of each city, from the model's lists or its distance; null if neither. */
export function neighborLists(moves: MoveModel, n: number, size: number): number[][] | null {
  let bySize = listCache.get(moves);
  if (bySize === undefined) {
    bySize = new Map();
    listCache.set(moves, bySize);
  }
  const cached = bySize.get(size);
  if (cached !== undefined && cached.length === n) return cached;
  let lists: number[][] | null = null;
  if (moves.neighbors !== undefined && moves.neighbors.length === n) {
    lists = moves.neighbors.map((list) => list.slice(0, size));
  } else if (moves.distance !== undefined) {
    const distance = moves.distance;
    lists = Array.from({ length: n }, (_, a) =>
      Array.from({ length: n }, (_, b) => b)
        .filter((b) => b !== a)
        .sort((p, q) => distance(a, p) - distance(a, q) || p - q)
        .slice(0, size),
    );
  }
  if (lists !== null) bySize.set(size, lists);
  return lists;
}

/**
 * A nearest-neighbour tour (Rosenkrantz, Stearns & Lewis 1977) from a random city: each step
 * goes to the nearest unvisited city of the neighbour list, or of all cities when the list is
 * used up. Null when the model has no distance.
 */
export function nearestNeighborTour(
  moves: MoveModel,
  n: number,
  listSize: number,
  rng: Rng,
): number[] | null {
  const distance = moves.distance;
  if (distance === undefined || n < 1) return null;
  const lists = neighborLists(moves, n, listSize);
  const visited = new Uint8Array(n);
  let city = rng.int(n);
  const tour = [city];
  visited[city] = 1;
  while (tour.length < n) {
    let next = -1;
    for (const candidate of lists?.[city] ?? []) {
      if (visited[candidate] === 0) {
        next = candidate;
        break;
      }
    }
    if (next < 0) {
      let nearest = Infinity;
      for (let other = 0; other < n; other++) {
        if (visited[other] === 1) continue;
        const d = distance(city, other);
        if (d < nearest) {
          nearest = d;
          next = other;
        }
      }
    }
    tour.push(next);
    visited[next] = 1;
    city = next;
  }
  return tour;
}

/** Reverses the tour between positions i + 1 and j (i < j), or the complementary part (same cycle). */
function applyMove(x: number[], position: Int32Array, i: number, j: number): void {
  const n = x.length;
  let left: number;
  let right: number;
  if (j - i <= n - (j - i)) {
    left = i + 1;
    right = j;
  } else {
    left = j + 1;
    right = i + n;
  }
  while (left < right) {
    const l = left % n;
    const r = right % n;
    const tmp = x[l] as number;
    x[l] = x[r] as number;
    x[r] = tmp;
    position[x[l]] = l;
    position[tmp] = r;
    left++;
    right--;
  }
}

/**
 * Runs iterations until about `movesPerAsk` 2-opt deltas were examined, the iteration limit is
 * reached, or the current solution jumps (restart, escape) and must be evaluated.
 */
export function twoOptChunk(
  state: TabuState,
  space: Space<unknown>,
  moves: MoveModel,
  rng: Rng,
): void {
  const params = state.params;
  const twoOpt = moves.twoOpt;
  const x = state.current as number[];
  const n = x.length;
  if (twoOpt === undefined || n < 4) return;
  const tabu = state.tabuList;
  const lists = neighborLists(moves, n, params.neighborListSize);
  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) position[x[p] as number] = p;
  const maxIterations = params.maxIterations ?? Infinity;
  const hash = (): number => hashKey(canonicalTour(x, position[0]));
  const edge = (a: number, b: number): number => (a < b ? a * n + b : b * n + a);
  let work = 0;
  let bestI = -1;
  let bestJ = -1;
  let bestDelta = Infinity;
  let iteration = state.iteration;
  let target = 0;
  // Examines the 2-opt move (i, j) given as two positions in any order.
  const consider = (p: number, q: number): void => {
    const i = p < q ? p : q;
    const j = p < q ? q : p;
    if (j - i < 2 || (i === 0 && j === n - 1)) return;
    work++;
    const delta = twoOpt(x, i, j);
    if (delta >= bestDelta) return;
    // A move that improves the best is aspired; any other must not bring back a tabu edge.
    if (delta >= target) {
      const a = x[i] as number;
      const c = x[j] as number;
      const b = x[i + 1] as number;
      const d = x[(j + 1) % n] as number;
      if ((tabu[edge(a, c)] as number) >= iteration || (tabu[edge(b, d)] as number) >= iteration)
        return;
    }
    bestDelta = delta;
    bestI = i;
    bestJ = j;
  };
  while (work < params.movesPerAsk && state.iteration < maxIterations) {
    iteration = state.iteration;
    target = params.aspiration ? state.bestValue - state.currentValue : -Infinity;
    bestI = -1;
    bestDelta = Infinity;
    if (lists === null) {
      for (let i = 0; i < n - 1; i++) for (let j = i + 2; j < n; j++) consider(i, j);
    } else {
      for (let p = 0; p < n; p++) {
        const list = lists[x[p] as number] as number[];
        const before = p === 0 ? n - 1 : p - 1;
        for (let k = 0; k < list.length; k++) {
          const q = position[list[k] as number] as number;
          // a -> c as the new edge, with the successors (a, next a) and (c, next c) removed,
          // or with the predecessors removed.
          consider(p, q);
          consider(before, q === 0 ? n - 1 : q - 1);
        }
      }
    }
    if (bestI < 0) {
      // Every move is tabu: make a random one.
      bestI = rng.int(n - 3);
      bestJ = bestI + 2 + rng.int(n - 2 - bestI - (bestI === 0 ? 1 : 0));
      bestDelta = twoOpt(x, bestI, bestJ);
    }
    const a = x[bestI] as number;
    const b = x[bestI + 1] as number;
    const c = x[bestJ] as number;
    const d = x[(bestJ + 1) % n] as number;
    const tenure = moveTenure(state.tenure, params, iteration, rng);
    tabu[edge(a, b)] = iteration + tenure;
    tabu[edge(c, d)] = iteration + moveTenure(state.tenure, params, iteration, rng);
    applyMove(x, position, bestI, bestJ);
    state.iteration++;
    noteCurrent(state, state.currentValue + bestDelta, true);
    if (endIteration(state, space, rng, hash)) return;
  }
}
