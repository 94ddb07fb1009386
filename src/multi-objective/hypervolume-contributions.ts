// Exclusive hypervolume contributions: how much the hypervolume of a set falls when one point
// is removed. Exact in every dimension: a sort in 1 and 2 objectives, a slicing sweep in 3, and
// in 4 or more one WFG computation per point (n + 1 hypervolumes: correct, but slow on large sets).
import { checkHypervolumeArguments } from './hypervolume.js';
import { hypervolumeContributions2d } from './hypervolume-contributions-2d.js';
import { hypervolumeContributions3d } from './hypervolume-contributions-3d.js';
import { hypervolumeWfg } from './hypervolume-wfg.js';

// One objective: only a strictly best point contributes, up to the next value or the reference.
function contributions1d(points: readonly (readonly number[])[], reference: number): number[] {
  const values = points.map((p) => p[0] as number);
  const contributions = new Array<number>(points.length).fill(0);
  let best = -1;
  let next = reference;
  values.forEach((v, i) => {
    if (best < 0 || v < (values[best] as number)) {
      if (best >= 0) next = Math.min(next, values[best] as number);
      best = i;
    } else next = Math.min(next, v);
  });
  if (best >= 0) contributions[best] = Math.max(0, next - (values[best] as number));
  return contributions;
}

/**
 * Each point's exclusive hypervolume contribution, hv(points) - hv(points without it), against
 * `reference` (minimized objectives). Weakly dominated points, points with a copy in the set and
 * points not strictly better than the reference contribute 0; the contributions sum to at most
 * the hypervolume. Exact: O(n log n) in 2 objectives, about O(n^2) in 3 (a sweep along the third
 * objective), n + 1 WFG hypervolumes in 4 or more.
 * @throws ParameterError when a point's length differs from the reference's or a value is NaN
 */
export function hypervolumeContributions(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number[] {
  checkHypervolumeArguments('hypervolumeContributions', points, reference);
  switch (reference.length) {
    case 1:
      return contributions1d(points, reference[0] as number);
    case 2:
      return hypervolumeContributions2d(points, reference);
    case 3:
      return hypervolumeContributions3d(points, reference);
    default: {
      // The arguments are checked once above, not again for each of the n + 1 volumes.
      const total = hypervolumeWfg(points, reference);
      return points.map((_, i) =>
        Math.max(
          0,
          total -
            hypervolumeWfg(
              points.filter((__, j) => j !== i),
              reference,
            ),
        ),
      );
    }
  }
}
