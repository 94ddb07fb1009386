// The multi-objective TPE's split of the finished trials (Optuna's MOTPE): the good group is
// filled front by front in non-dominated order (constrained domination: feasible trials first,
// then by violation); the front that does not fit whole is cut by greedy hypervolume subset
// selection. Good trials weigh by their hypervolume contribution, so that the good density
// favours the points that extend the front most.
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { nonDominatedSort } from '../../multi-objective/non-dominated-sort.js';
import type { GoodGroup } from '../tpe/model-proposal.js';
import { goodCount, goodTrials, type Observation, type SplitOptions } from '../tpe/split.js';
import {
  contributionWeights,
  greedyHypervolumeSubset,
  localReferencePoint,
} from './hypervolume-subset.js';

/** A finished trial as the multi-objective TPE remembers it. */
export interface MultiObjectiveObservation extends Observation {
  /** Minimized objective values and constraint violation (Infinity when failed or pruned). */
  evaluation: ObjectiveEvaluation;
}

// The weight of an infeasible good trial's kernel (Optuna's EPS).
const INFEASIBLE_WEIGHT = 1e-12;

/**
 * The good group of `observations`: gamma(n) trials by non-dominated rank and hypervolume (never
 * a failed one), with their kernel weights. With a single objective this is the TPE's split.
 */
export function multiObjectiveGoodGroup(
  observations: readonly MultiObjectiveObservation[],
  options: SplitOptions,
): GoodGroup {
  const objectives = observations[0]?.evaluation.values.length ?? 1;
  if (objectives <= 1) return { members: new Set(goodTrials(observations, options)) };
  const wanted = goodCount(observations.length, options);
  const evaluations = observations.map((o) => o.evaluation);
  const { fronts } = nonDominatedSort(evaluations, wanted);
  const members: number[] = [];
  for (const front of fronts) {
    const usable = front.filter(
      (i) => (evaluations[i] as ObjectiveEvaluation).violation < Infinity,
    );
    const room = wanted - members.length;
    if (usable.length === 0 || room <= 0) break;
    if (usable.length <= room) {
      members.push(...usable);
      continue;
    }
    // A front is all feasible or all equally infeasible (constrained domination).
    if ((evaluations[usable[0] as number] as ObjectiveEvaluation).violation === 0) {
      const points = usable.map((i) => (evaluations[i] as ObjectiveEvaluation).values);
      const chosen = greedyHypervolumeSubset(points, room, localReferencePoint(points));
      members.push(...chosen.map((k) => usable[k] as number));
    } else members.push(...usable.slice(0, room));
    break;
  }
  members.sort((a, b) => a - b);
  const feasible = members.filter((i) => (evaluations[i] as ObjectiveEvaluation).violation === 0);
  const contributions = contributionWeights(
    feasible.map((i) => (evaluations[i] as ObjectiveEvaluation).values),
  );
  const weights = new Map<number, number>(members.map((i) => [i, INFEASIBLE_WEIGHT]));
  feasible.forEach((i, k) => weights.set(i, contributions[k] as number));
  return { members: new Set(members), weights };
}
