// NSGA-II survival (Deb et al. 2002, sec. III-C): fill the next population front by front and cut
// the last front by crowding distance, largest first.
import { crowdingDistance } from '../../multi-objective/crowding-distance.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { nonDominatedSort } from '../../multi-objective/non-dominated-sort.js';

/** The survivors' indices with their rank and crowding distance (aligned with `survivors`). */
export interface Survival {
  survivors: number[];
  ranks: number[];
  crowding: number[];
}

/** Selects `size` of `evaluations` by rank, then crowding distance (ties by index). */
export function rankAndCrowdingSurvival(
  evaluations: readonly ObjectiveEvaluation[],
  size: number,
): Survival {
  const { fronts } = nonDominatedSort(evaluations, size);
  const survival: Survival = { survivors: [], ranks: [], crowding: [] };
  for (let rank = 0; rank < fronts.length && survival.survivors.length < size; rank++) {
    const front = fronts[rank] as number[];
    const distances = frontCrowding(front, evaluations);
    let chosen = front.map((_, k) => k);
    if (survival.survivors.length + front.length > size) {
      chosen = chosen
        .sort((a, b) => (distances[b] as number) - (distances[a] as number) || a - b)
        .slice(0, size - survival.survivors.length);
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
