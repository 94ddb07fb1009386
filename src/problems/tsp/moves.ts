// The TSP move model: tour length, O(1) deltas of 2-opt (Croes 1958), Or-opt (Or 1976) and swap
// on closed tours, nearest-neighbour candidate lists and the greedy start tour (Johnson &
// McGeoch 1997).
import type { MoveModel } from '../../core/problem.js';
import { alphaNearness } from './alpha-nearness.js';
import { greedyTour } from './greedy-tour.js';
import { subgradientAscent } from './subgradient-ascent.js';
import { gridNeighbors } from './grid-neighbors.js';
import type { TspInstance } from './tsp-instance.js';

/** Length of the closed tour (the sum of its n edges, the closing one included). O(n). */
export function tourLength(instance: TspInstance, tour: readonly number[]): number {
  const n = tour.length;
  const matrix = instance.matrix;
  const dimension = instance.dimension;
  let previous = tour[n - 1] as number;
  let total = 0;
  if (matrix !== undefined) {
    for (let k = 0; k < n; k++) {
      const city = tour[k] as number;
      total += matrix[previous * dimension + city] as number;
      previous = city;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const city = tour[k] as number;
      total += instance.distance(previous, city);
      previous = city;
    }
  }
  return total;
}

const neighborCache = new WeakMap<TspInstance, Map<number, number[][]>>();

/**
 * For each city, the `count` nearest other cities, nearest first (ties by city number).
 * Computed once per instance and count: through a grid of cells on planar instances (about
 * O(n count) distances), else by insertion into a sorted list of `count` over all pairs.
 */
export function nearestNeighbors(instance: TspInstance, count: number): number[][] {
  const n = instance.dimension;
  const size = Math.min(count, n - 1);
  let byCount = neighborCache.get(instance);
  if (byCount === undefined) {
    byCount = new Map();
    neighborCache.set(instance, byCount);
  }
  const cached = byCount.get(size);
  if (cached !== undefined) return cached;
  const planar = gridNeighbors(instance, size);
  if (planar !== undefined) {
    byCount.set(size, planar);
    return planar;
  }
  const lists: number[][] = [];
  const nearest = new Int32Array(size);
  const distances = new Float64Array(size);
  for (let a = 0; a < n; a++) {
    let filled = 0;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const d = instance.distance(a, b);
      if (filled === size && d >= (distances[size - 1] as number)) continue;
      // Shift farther cities down; a city ties after the equally near ones already listed.
      let position = filled < size ? filled++ : size - 1;
      while (position > 0 && d < (distances[position - 1] as number)) {
        distances[position] = distances[position - 1] as number;
        nearest[position] = nearest[position - 1] as number;
        position--;
      }
      distances[position] = d;
      nearest[position] = b;
    }
    lists.push(Array.from(nearest));
  }
  byCount.set(size, lists);
  return lists;
}

/** Alpha-nearness partners per city in {@link tspMoves}' `candidates` (Helsgaun 2000 uses 5). */
export const ALPHA_CANDIDATES = 5;

/**
 * Above this many cities `candidates` are the nearest neighbours: alpha-nearness takes O(n^2)
 * time (about 0.6 CPU-seconds at 4,461 cities).
 */
export const ALPHA_CITY_LIMIT = 5000;

/**
 * The candidate partners of each city for Lin-Kernighan chains: the {@link ALPHA_CANDIDATES}
 * alpha-nearest (Helsgaun 2000) up to {@link ALPHA_CITY_LIMIT} cities, else `nearest`.
 */
export function tourCandidates(
  instance: TspInstance,
  nearest: readonly (readonly number[])[],
): number[][] {
  const n = instance.dimension;
  if (n > ALPHA_CITY_LIMIT || n < 8) return nearest.map((list) => list.slice());
  const distance = instance.distance;
  const { penalties } = subgradientAscent(n, distance, nearest);
  const penalized = (a: number, b: number): number =>
    distance(a, b) + (penalties[a] as number) + (penalties[b] as number);
  return alphaNearness(n, penalized, ALPHA_CANDIDATES, nearest);
}

/**
 * The move model of a symmetric TSP instance. Every delta is exact (integer distances) and
 * O(1); positions are 0-based and wrap around the closed tour. `neighbors` is computed on
 * first use.
 */
export function tspMoves(instance: TspInstance, neighborListSize: number): MoveModel {
  const d = instance.distance;
  const model: MoveModel = {
    distance: d,
    twoOpt(x, i, j) {
      const n = x.length;
      const a = x[i] as number;
      const b = x[i + 1] as number;
      const c = x[j] as number;
      const e = x[(j + 1) % n] as number;
      return d(a, c) + d(b, e) - d(a, b) - d(c, e);
    },
    orOpt(x, i, length, j, reversed = false) {
      const n = x.length;
      const first = x[i] as number;
      const last = x[i + length - 1] as number;
      const before = x[(i - 1 + n) % n] as number;
      const after = x[(i + length) % n] as number;
      // Once the segment is out, the successor of x[j] is `after` when x[j] preceded it.
      const anchor = x[j] as number;
      const next = (j + 1) % n === i ? after : (x[(j + 1) % n] as number);
      const [head, tail] = reversed ? [last, first] : [first, last];
      const removal = d(before, after) - d(before, first) - d(last, after);
      const insertion = d(anchor, head) + d(tail, next) - d(anchor, next);
      return removal + insertion;
    },
    swap(x, i, j) {
      const n = x.length;
      if (n <= 3 || i === j) return 0;
      if (i > j) [i, j] = [j, i];
      const a = x[i] as number;
      const b = x[j] as number;
      const beforeA = x[(i - 1 + n) % n] as number;
      const afterB = x[(j + 1) % n] as number;
      if (j === i + 1) {
        // ... beforeA a b afterB ... becomes ... beforeA b a afterB ...
        return d(beforeA, b) + d(a, afterB) - d(beforeA, a) - d(b, afterB);
      }
      const afterA = x[i + 1] as number;
      const beforeB = x[j - 1] as number;
      if (i === 0 && j === n - 1) {
        // Adjacent across the wrap: ... beforeB b | a afterA ... becomes ... beforeB a | b afterA ...
        return d(beforeB, a) + d(b, afterA) - d(beforeB, b) - d(a, afterA);
      }
      return (
        d(beforeA, b) +
        d(b, afterA) +
        d(beforeB, a) +
        d(a, afterB) -
        d(beforeA, a) -
        d(a, afterA) -
        d(beforeB, b) -
        d(b, afterB)
      );
    },
  };
  let neighbors: number[][] | undefined;
  Object.defineProperty(model, 'neighbors', {
    enumerable: true,
    get: () => (neighbors ??= nearestNeighbors(instance, neighborListSize)),
  });
  let candidates: number[][] | undefined;
  Object.defineProperty(model, 'candidates', {
    enumerable: true,
    get: () => (candidates ??= tourCandidates(instance, model.neighbors as number[][])),
  });
  let greedy: number[] | undefined;
  model.construct = () =>
    (greedy ??= greedyTour(instance.dimension, d, model.neighbors as number[][])).slice();
  return model;
}
