// Hypervolume subset selection and contributions for the multi-objective TPE (Ozaki et al.,
// GECCO 2020 and JAIR 2022; Optuna's MOTPE): which points of a front to keep when only some fit
// in the good group, and how much each good point adds to the group's hypervolume.
import { hypervolume } from '../../multi-objective/hypervolume.js';

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
 */
export function greedyHypervolumeSubset(
  points: readonly (readonly number[])[],
  size: number,
  reference: readonly number[],
): number[] {
  const chosen: number[] = [];
  const taken = new Array<boolean>(points.length).fill(false);
  let chosenVolume = 0;
  while (chosen.length < Math.min(size, points.length)) {
    let best = -1;
    let bestGain = -Infinity;
    const base = chosen.map((i) => points[i] as readonly number[]);
    points.forEach((p, i) => {
      if (taken[i] === true) return;
      const gain = hypervolume([...base, p], reference) - chosenVolume;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    });
    taken[best] = true;
    chosen.push(best);
    chosenVolume += Math.max(0, bestGain);
  }
  return chosen;
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
  const largest = Math.max(...contributions);
  return contributions.map((c) => Math.min(1, Math.max(0, c / largest)));
}
