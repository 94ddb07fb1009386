// Hypervolume pruning of one front, SMS-EMOA's survival rule (Beume, Naujoks & Emmerich, EJOR
// 181(3) 2007): drop the member of least exclusive hypervolume contribution, recompute, repeat.
// The front is first normalized by its own extremes and measured against 1 + REFERENCE_OFFSET
// per objective, so that the rule does not depend on the objectives' scales. In three objectives
// a removal changes only the contributions of the points that shared some volume with the removed
// one alone, so only those are recomputed.
import { ParameterError } from '../../core/errors.js';
import { hypervolumeContributions } from '../../multi-objective/hypervolume-contributions.js';
import {
  contribution3d,
  sweepOrder3d,
} from '../../multi-objective/hypervolume-contributions-3d.js';

/** The reference point's distance beyond the front's worst value, in units of its range. */
export const REFERENCE_OFFSET = 0.1;

/** Most objectives for which contributions are exact and fast enough to prune by (3-D sweep). */
export const HYPERVOLUME_PRUNING_MAX_OBJECTIVES = 3;

/** `points` mapped to [0, 1] per objective by their ideal and nadir (range 0: shifted only). */
function normalize(points: readonly (readonly number[])[]): number[][] {
  const objectives = (points[0] as readonly number[]).length;
  const lowest = new Array<number>(objectives).fill(Infinity);
  const highest = new Array<number>(objectives).fill(-Infinity);
  for (const p of points) {
    p.forEach((v, j) => {
      lowest[j] = Math.min(lowest[j] as number, v);
      highest[j] = Math.max(highest[j] as number, v);
    });
  }
  return points.map((p) =>
    p.map((v, j) => {
      const range = (highest[j] as number) - (lowest[j] as number);
      return (v - (lowest[j] as number)) / (range > 0 && Number.isFinite(range) ? range : 1);
    }),
  );
}

/**
 * The members of `kept` whose contribution may change when `removed` goes: q is spared when
 * another member weakly dominates the corner max(removed, q), which then covers all the volume
 * that removed and q shared.
 */
function affectedBy(
  points: readonly number[][],
  kept: readonly number[],
  removed: number,
): number[] {
  const gone = points[removed] as number[];
  return kept.filter((q) => {
    const corner = (points[q] as number[]).map((v, j) => Math.max(v, gone[j] as number));
    return !kept.some(
      (o) => o !== q && (points[o] as number[]).every((v, j) => v <= (corner[j] as number)),
    );
  });
}

/**
 * Removes the member of least exclusive hypervolume contribution (the latest of equal ones)
 * until `keep` remain; returns the kept positions, ascending. Contributions are exact (2 or 3
 * objectives) and, after every removal, equal to recomputing them on the remaining members.
 * @throws ParameterError with more than {@link HYPERVOLUME_PRUNING_MAX_OBJECTIVES} objectives
 */
export function pruneByHypervolume(points: readonly (readonly number[])[], keep: number): number[] {
  let kept = points.map((_, p) => p);
  if (points.length <= keep) return kept;
  const objectives = (points[0] as readonly number[]).length;
  if (objectives > HYPERVOLUME_PRUNING_MAX_OBJECTIVES) {
    throw new ParameterError(
      `pruneByHypervolume: points must have at most ${HYPERVOLUME_PRUNING_MAX_OBJECTIVES} objectives (got ${objectives}); use crowding or NSGA-III beyond`,
    );
  }
  const normalized = normalize(points);
  const reference = new Array<number>(objectives).fill(1 + REFERENCE_OFFSET);
  // Indexed by position in `points`; every normalized point lies inside the reference.
  const contributions = hypervolumeContributions(normalized, reference);
  let order = objectives === 3 ? sweepOrder3d(normalized, reference) : [];
  while (kept.length > keep) {
    let least = kept[0] as number;
    for (const p of kept) {
      if ((contributions[p] as number) <= (contributions[least] as number)) least = p;
    }
    kept = kept.filter((p) => p !== least);
    if (objectives === 3) {
      order = order.filter((p) => p !== least);
      for (const q of affectedBy(normalized, kept, least)) {
        contributions[q] = contribution3d(normalized, order, q, reference);
      }
    } else {
      const updated = hypervolumeContributions(
        kept.map((p) => normalized[p] as number[]),
        reference,
      );
      kept.forEach((p, k) => {
        contributions[p] = updated[k] as number;
      });
    }
  }
  return kept;
}
