// Hypervolume subset selection and contributions for the multi-objective TPE (Ozaki et al.,
// GECCO 2020 and JAIR 2022; Optuna's MOTPE): which points of a front to keep when only some fit
// in the good group, and how much each good point adds to the group's hypervolume.
import { hypervolume } from '../../multi-objective/hypervolume.js';
import { maxOf } from '../../core/extremes.js';

// Keeps a kernel of a point that adds no hypervolume from vanishing (Optuna's EPS).
const EPSILON = 1e-12;

/**
 * Optuna's reference point for a set of minimized points: in each objective
 * max(1.1 worst, 0.9 worst) (just beyond the worst value, whatever its sign), EPSILON where that
 * is 0.
 */
export function localReferencePoint(points: readonly (readonly number[])[]): number[] {
  const objectives = (points[0] as readonly number[]).length;
  return Array.from({ length: objectives }, (_, j) => {
    let worst = -Infinity;
    for (const p of points) worst = Math.max(worst, p[j] as number);
    const reference = Math.max(1.1 * worst, 0.9 * worst);
    return reference === 0 ? EPSILON : reference;
  });
}

/**
 * Greedy hypervolume subset selection (Guerreiro, Fonseca & Paquete 2016; a 1 - 1/e
 * approximation): `size` of `points` chosen one by one, each time the one adding the most
 * hypervolume to those chosen so far against `reference` (the first on ties). Returns indices
 * into `points`, in the order chosen.
 *
 * Lazily (Minoux 1978): a point's gain only shrinks as points are chosen (the hypervolume is
 * submodular), so its last computed gain bounds it, and each round computes gains in decreasing
 * order of bound until no bound left can reach the best gain. A point is passed over only when
 * its bound falls short by more than twice {@link ROUNDING} of the volume the points can
 * dominate, far beyond the rounding of any computed gain; every gain that is computed is computed
 * as the exhaustive search did, so the choices, ties included, are the same to the last bit.
 */
export function greedyHypervolumeSubset(
  points: readonly (readonly number[])[],
  size: number,
  reference: readonly number[],
): number[] {
  const chosen: number[] = [];
  const base: (readonly number[])[] = [];
  const bounds = new Float64Array(points.length).fill(Infinity);
  const margin = 2 * ROUNDING * boundingVolume(points, reference);
  // Without a finite margin (infinite values), every gain is computed, in index order.
  const lazy = Number.isFinite(margin);
  const remaining = points.map((_, i) => i);
  let chosenVolume = 0;
  while (chosen.length < Math.min(size, points.length)) {
    if (lazy) remaining.sort((a, b) => (bounds[b] as number) - (bounds[a] as number) || a - b);
    let best = -1;
    let bestGain = -Infinity;
    let at = -1;
    for (let k = 0; k < remaining.length; k++) {
      const i = remaining[k] as number;
      if (lazy && (bounds[i] as number) + margin < bestGain) break;
      const gain = hypervolume([...base, points[i] as readonly number[]], reference) - chosenVolume;
      bounds[i] = gain;
      if (gain > bestGain || (gain === bestGain && i < best)) {
        bestGain = gain;
        best = i;
        at = k;
      }
    }
    if (at >= 0) remaining.splice(at, 1);
    chosen.push(best);
    base.push(points[best] as readonly number[]);
    chosenVolume += Math.max(0, bestGain);
  }
  return chosen;
}

// A bound on the relative rounding error of a computed gain (the hypervolume's sums and the
// running total both round at about 1e-16 per operation).
const ROUNDING = 1e-9;

// The volume of the box from the points' lowest values to the reference: no subset dominates
// more.
function boundingVolume(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number {
  let volume = 1;
  reference.forEach((r, j) => {
    let lowest = Infinity;
    for (const p of points) lowest = Math.min(lowest, p[j] as number);
    volume *= Math.max(0, r - lowest);
  });
  return volume;
}

/**
 * Kernel weights of the good group: each point's exclusive hypervolume contribution to the group
 * (against {@link localReferencePoint} of the group), plus EPSILON, divided by the largest. One
 * point weighs 1.
 */
export function contributionWeights(points: readonly (readonly number[])[]): number[] {
  if (points.length === 0) return [];
  if (points.length === 1) return [1];
  const reference = localReferencePoint(points);
  const total = hypervolume(points, reference);
  const contributions = points.map(
    (_, i) =>
      total -
      hypervolume(
        points.filter((__, j) => j !== i),
        reference,
      ) +
      EPSILON,
  );
  const largest = maxOf(contributions);
  return contributions.map((c) => Math.min(1, Math.max(0, c / largest)));
}
