// NSGA-II survival (Deb et al. 2002, sec. III-C): fill the next population front by front and cut
// the last front by crowding distance, largest first, either at once or one member at a time
// with the distances recomputed after each removal (Kukkonen & Deb 2006, "Improved pruning of
// non-dominated solutions based on crowding distance for bi-objective optimization problems"),
// or by least hypervolume contribution one member at a time (SMS-EMOA's rule, Beume et al. 2007).
import { crowdingDistance } from '../../multi-objective/crowding-distance.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { nonDominatedSort } from '../../multi-objective/non-dominated-sort.js';
import { pruneByHypervolume } from './hypervolume-pruning.js';
import { pruneByCrowding } from './iterative-pruning.js';

/** The survivors' indices with their rank and crowding distance (aligned with `survivors`). */
export interface Survival {
  survivors: number[];
  ranks: number[];
  crowding: number[];
}

/**
 * How the last front is cut: `once` keeps the largest crowding distances of the whole front;
 * `iterative` removes the smallest one at a time and recomputes its neighbours' distances.
 */
export type CrowdingPruning = 'once' | 'iterative';

/**
 * How the last front is cut: by crowding distance (with a {@link CrowdingPruning}) or by least
 * exclusive hypervolume contribution, one member at a time (2 or 3 objectives).
 */
export type LastFrontCut = CrowdingPruning | 'hypervolume';

/**
 * Selects `size` of `evaluations` by rank, then the last front by `pruning` (ties by index). The
 * crowding distances returned are those of the kept members of each front.
 */
export function rankAndCrowdingSurvival(
  evaluations: readonly ObjectiveEvaluation[],
  size: number,
  pruning: LastFrontCut = 'once',
): Survival {
  const { fronts } = nonDominatedSort(evaluations, size);
  const survival: Survival = { survivors: [], ranks: [], crowding: [] };
  for (let rank = 0; rank < fronts.length && survival.survivors.length < size; rank++) {
    const front = fronts[rank] as number[];
    const room = size - survival.survivors.length;
    // The cuts that recompute distances as they go skip the whole front's crowding.
    let chosen: number[];
    let distances: number[];
    if (pruning === 'hypervolume' && front.length > room) {
      ({ chosen, distances } = pruneByContribution(front, evaluations, room));
    } else if (pruning === 'iterative' && front.length > room) {
      ({ chosen, distances } = pruneIteratively(front, evaluations, room));
    } else {
      const crowding = frontCrowding(front, evaluations);
      distances = crowding;
      chosen = front.map((_, k) => k);
      if (front.length > room) {
        chosen = chosen
          .sort((a, b) => (crowding[b] as number) - (crowding[a] as number) || a - b)
          .slice(0, room);
      }
    }
    for (const k of chosen) {
      survival.survivors.push(front[k] as number);
      survival.ranks.push(rank);
      survival.crowding.push(distances[k] as number);
    }
  }
  return survival;
}

// Crowding over the front's values; infeasible fronts (one violation level each) by violation.
function frontCrowding(
  front: readonly number[],
  evaluations: readonly ObjectiveEvaluation[],
): number[] {
  const first = evaluations[front[0] as number] as ObjectiveEvaluation;
  if (first.violation > 0) return front.map(() => 0);
  return crowdingDistance(front.map((i) => (evaluations[i] as ObjectiveEvaluation).values));
}

/**
 * Cuts `front` to `keep` members one most-crowded member at a time (infeasible fronts, whose
 * distances are all 0, keep their first members); returns the kept positions in `front` order
 * and their distances (indexed by position in `front`).
 */
function pruneIteratively(
  front: readonly number[],
  evaluations: readonly ObjectiveEvaluation[],
  keep: number,
): { chosen: number[]; distances: number[] } {
  const first = evaluations[front[0] as number] as ObjectiveEvaluation;
  if (first.violation > 0) {
    return { chosen: front.slice(0, keep).map((_, k) => k), distances: front.map(() => 0) };
  }
  const { kept, distances } = pruneByCrowding(
    front.map((i) => (evaluations[i] as ObjectiveEvaluation).values),
    keep,
  );
  return { chosen: kept, distances };
}

/**
 * Cuts `front` to `keep` members by least hypervolume contribution (infeasible fronts and single
 * objectives, where every member ties, keep their first members); the distances returned are
 * the crowding distances of the kept members (indexed by position in `front`).
 */
function pruneByContribution(
  front: readonly number[],
  evaluations: readonly ObjectiveEvaluation[],
  keep: number,
): { chosen: number[]; distances: number[] } {
  const points = front.map((i) => (evaluations[i] as ObjectiveEvaluation).values);
  const first = evaluations[front[0] as number] as ObjectiveEvaluation;
  const chosen =
    first.violation > 0 || (points[0] as readonly number[]).length < 2
      ? front.slice(0, keep).map((_, k) => k)
      : pruneByHypervolume(points, keep);
  const distances = front.map(() => 0);
  // An infeasible front's distances are all 0 (its members differ by violation only).
  if (first.violation > 0) return { chosen, distances };
  const keptDistances = crowdingDistance(chosen.map((k) => points[k] as readonly number[]));
  chosen.forEach((k, position) => {
    distances[k] = keptDistances[position] as number;
  });
  return { chosen, distances };
}
