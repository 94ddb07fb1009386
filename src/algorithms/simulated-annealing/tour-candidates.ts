// The candidate partners of annealing's tour moves: each city's few nearest neighbours joined
// with its alpha-nearest partners (Helsgaun 2000, the move model's `candidates`). Nearest
// neighbours alone miss the links between clusters (on d1291 the optimal tour's inter-cluster
// edges join cities that are not among each other's 8 nearest); the alpha-nearest partners,
// ranked by how much a minimum 1-tree grows when it is forced to take the edge, include them.
import type { MoveModel } from '../../core/problem.js';

/** Nearest neighbours kept per city next to its alpha-nearest partners. */
const NEAREST = 5;
/** Nearest neighbours per city when the model gives no alpha-nearness candidates. */
const NEAREST_ONLY = 8;

const cache = new WeakMap<MoveModel, readonly (readonly number[])[]>();

/**
 * For each city of an n-city tour, the partners its moves draw from: the {@link NEAREST}
 * nearest cities and the model's `candidates` without repeats, or the {@link NEAREST_ONLY}
 * nearest when the model has no candidates. Undefined when the model has no neighbour lists.
 * Computed once per move model.
 */
export function annealingCandidates(
  moves: MoveModel,
  n: number,
): readonly (readonly number[])[] | undefined {
  const cached = cache.get(moves);
  if (cached !== undefined && cached.length === n) return cached;
  const nearest = moves.neighbors;
  if (nearest === undefined || nearest.length !== n) return undefined;
  const alpha = moves.candidates;
  const lists =
    alpha === undefined || alpha.length !== n
      ? nearest.map((list) => list.slice(0, NEAREST_ONLY))
      : nearest.map((list, city) => joined(list.slice(0, NEAREST), alpha[city] ?? []));
  cache.set(moves, lists);
  return lists;
}

function joined(first: readonly number[], second: readonly number[]): number[] {
  const out = first.slice();
  for (const city of second) if (!out.includes(city)) out.push(city);
  return out;
}
