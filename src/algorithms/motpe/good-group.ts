// The multi-objective TPE's split of the finished trials (Optuna's MOTPE): the good group is
// filled front by front in non-dominated order (constrained domination: feasible trials first,
// then by violation); the front that does not fit whole is cut by greedy hypervolume subset
// selection. Good trials weigh by their hypervolume contribution, so that the good density
// favours the points that extend the front most.
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { constrainedDominates } from '../../multi-objective/dominance.js';
import { nonDominatedIndices, nonDominatedSort } from '../../multi-objective/non-dominated-sort.js';
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

// What a list of observations (which only ever grows, its entries never changing) last gave:
// the group, for how many observations and which options; their first front; the last cut
// front (trial indices) and room with the trials it kept; the last feasible members with their
// weights. The candidates of a batch are all proposed from the same observations, and in a
// study a new trial mostly leaves the cut front and the members as they were: the subset
// selection and the weights were most of a proposal's time on three objectives.
interface GroupMemo {
  length: number;
  goodFraction: number;
  maxGood: number;
  group: GoodGroup;
  firstFront?: readonly number[];
  cut?: { front: readonly number[]; room: number; kept: readonly number[] };
  weighted?: { feasible: readonly number[]; contributions: readonly number[] };
}
const memos = new WeakMap<object, GroupMemo>();

/**
 * The good group of `observations`: gamma(n) trials by non-dominated rank and hypervolume (never
 * a failed one), with their kernel weights. With a single objective this is the TPE's split.
 */
export function multiObjectiveGoodGroup(
  observations: readonly MultiObjectiveObservation[],
  options: SplitOptions,
): GoodGroup {
  const { goodFraction, maxGood } = options;
  const memo = memos.get(observations);
  if (
    memo !== undefined &&
    memo.length === observations.length &&
    memo.goodFraction === goodFraction &&
    memo.maxGood === maxGood
  ) {
    return memo.group;
  }
  // Filled by goodGroup with the first front, the cut and the weights it used.
  const reused: Pick<GroupMemo, 'firstFront' | 'cut' | 'weighted'> = {};
  const group = goodGroup(observations, options, memo, reused);
  memos.set(observations, { length: observations.length, goodFraction, maxGood, group, ...reused });
  return group;
}

function goodGroup(
  observations: readonly MultiObjectiveObservation[],
  options: SplitOptions,
  last: GroupMemo | undefined,
  next: Pick<GroupMemo, 'firstFront' | 'cut' | 'weighted'>,
): GoodGroup {
  const objectives = observations[0]?.evaluation.values.length ?? 1;
  if (objectives <= 1) return { members: new Set(goodTrials(observations, options)) };
  const wanted = goodCount(observations.length, options);
  const evaluations = observations.map((o) => o.evaluation);
  const first = firstFront(evaluations, last);
  next.firstFront = first;
  // Once the first front fills the group, the other fronts are never read.
  const usableFirst = first.filter(
    (i) => (evaluations[i] as ObjectiveEvaluation).violation < Infinity,
  ).length;
  const fronts = usableFirst >= wanted ? [first] : nonDominatedSort(evaluations, wanted).fronts;
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
      const cut = last?.cut;
      let kept: readonly number[];
      if (cut !== undefined && cut.room === room && sameIndices(cut.front, usable)) kept = cut.kept;
      else {
        const points = usable.map((i) => (evaluations[i] as ObjectiveEvaluation).values);
        const chosen = greedyHypervolumeSubset(points, room, localReferencePoint(points));
        kept = chosen.map((k) => usable[k] as number);
      }
      next.cut = { front: usable, room, kept };
      members.push(...kept);
    } else members.push(...usable.slice(0, room));
    break;
  }
  members.sort((a, b) => a - b);
  const feasible = members.filter((i) => (evaluations[i] as ObjectiveEvaluation).violation === 0);
  const weighted = last?.weighted;
  const contributions =
    weighted !== undefined && sameIndices(weighted.feasible, feasible)
      ? weighted.contributions
      : contributionWeights(feasible.map((i) => (evaluations[i] as ObjectiveEvaluation).values));
  next.weighted = { feasible, contributions };
  const weights = new Map<number, number>(members.map((i) => [i, INFEASIBLE_WEIGHT]));
  feasible.forEach((i, k) => weights.set(i, contributions[k] as number));
  return { members: new Set(members), weights };
}

// The first front (in increasing order) of `evaluations`, from the first front `last` kept of
// the ones before: a trial dominated then still is (by a member of that front, domination being
// transitive), so only that front and the trials since are compared, not every pair.
function firstFront(
  evaluations: readonly ObjectiveEvaluation[],
  last: GroupMemo | undefined,
): readonly number[] {
  if (last?.firstFront === undefined || last.length > evaluations.length) {
    return nonDominatedIndices(evaluations);
  }
  const pool = [...last.firstFront];
  for (let i = last.length; i < evaluations.length; i++) pool.push(i);
  return pool.filter((i) => {
    const a = evaluations[i] as ObjectiveEvaluation;
    for (const j of pool) {
      if (j !== i && constrainedDominates(evaluations[j] as ObjectiveEvaluation, a)) return false;
    }
    return true;
  });
}

function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
