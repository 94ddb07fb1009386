// Tour helpers of the memetic genetic algorithm with Lin-Kernighan (Merz & Freisleben 2001,
// "Memetic algorithms for the traveling salesman problem"): a population that starts from
// local optima near the greedy tour, and children repaired only where their links are new.
// Lin-Kernighan after an edge-preserving crossover need only look around the links that
// neither parent has: every other stretch of the child is a stretch of a local optimum.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import { linKernighan } from '../operators/local-search/index.js';
import { doubleBridgeKick } from '../iterated-local-search/kicks.js';

/** Longest segment of the double bridges that spread the starts around the greedy tour. */
const KICK_SEGMENT = 50;
/** Cities per double bridge in a start's kicks (at least one kick). */
const CITIES_PER_KICK = 50;

const polishedGreedy = new WeakMap<MoveModel, number[]>();

/**
 * The `index`-th start tour: the Lin-Kernighan optimum of the model's greedy tour for the
 * first, else that optimum kicked by n / 50 segment-local double bridges and repaired by
 * Lin-Kernighan around the kicks. Undefined when the model builds no tour.
 */
export function memeticTourStart(
  moves: MoveModel,
  size: number,
  index: number,
  rng: Rng,
): number[] | undefined {
  if (moves.construct === undefined || moves.distance === undefined || size < 8) return undefined;
  let base = polishedGreedy.get(moves);
  if (base === undefined || base.length !== size) {
    base = linKernighan(moves.construct(), NaN, moves, rng, { start: moves.construct() }).x;
    polishedGreedy.set(moves, base);
  }
  if (index === 0) return base.slice();
  let tour = base;
  const touched = new Set<number>();
  const kicks = Math.max(1, Math.round(size / CITIES_PER_KICK));
  for (let k = 0; k < kicks; k++) {
    const kick = doubleBridgeKick(tour, KICK_SEGMENT, rng);
    tour = kick.x;
    for (const city of kick.touched ?? []) touched.add(city);
  }
  return linKernighan(tour, NaN, moves, rng, { start: [...touched] }).x;
}

/** The cities of `child` with a link (to its successor or predecessor) that no parent has. */
export function citiesOffParents(
  child: readonly number[],
  parents: readonly (readonly number[])[],
): number[] {
  const n = child.length;
  const next = parents.map((parent) => successors(parent));
  const linked = (a: number, b: number): boolean =>
    next.some((succ) => succ[a] === b || succ[b] === a);
  const off = new Set<number>();
  for (let k = 0; k < n; k++) {
    const a = child[k] as number;
    const b = child[k + 1 === n ? 0 : k + 1] as number;
    if (!linked(a, b)) off.add(a).add(b);
  }
  return [...off];
}

function successors(tour: readonly number[]): Int32Array {
  const n = tour.length;
  const succ = new Int32Array(n);
  for (let k = 0; k < n; k++) succ[tour[k] as number] = tour[k + 1 === n ? 0 : k + 1] as number;
  return succ;
}
