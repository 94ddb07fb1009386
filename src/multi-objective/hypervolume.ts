// The hypervolume indicator: exact, in two objectives by a sort, in three by a sweep, in more by
// WFG.
import { ParameterError, describeValue } from '../core/errors.js';
import { hypervolume2d } from './hypervolume-2d.js';
import { hypervolume3d } from './hypervolume-3d.js';
import { hypervolumeWfg } from './hypervolume-wfg.js';

/**
 * Checks the arguments of a hypervolume computation named `where`.
 * @throws ParameterError when a point's length differs from the reference's or a value is NaN
 */
export function checkHypervolumeArguments(
  where: string,
  points: readonly (readonly number[])[],
  reference: readonly number[],
): void {
  const m = reference.length;
  if (m < 1 || reference.some((r) => typeof r !== 'number' || Number.isNaN(r))) {
    throw new ParameterError(
      `${where}: reference must be an array of numbers (got ${describeValue(reference)})`,
    );
  }
  // A plain loop: on 100,000 points a closure per point took as long as the hypervolume.
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as readonly number[];
    let bad = p.length !== m;
    for (let j = 0; j < m && !bad; j++) bad = Number.isNaN(p[j]);
    if (bad) {
      throw new ParameterError(
        `${where}: points[${i}] must hold ${m} numbers like the reference (got ${describeValue(p)})`,
      );
    }
  }
}

/**
 * The volume of objective space dominated by `points` and bounded by `reference` (minimized
 * terms). Points not strictly better than the reference in every objective add nothing.
 * @throws ParameterError when a point's length differs from the reference's or a value is NaN
 */
export function hypervolume(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number {
  checkHypervolumeArguments('hypervolume', points, reference);
  if (reference.length === 2) return hypervolume2d(points, reference);
  if (reference.length === 3) return hypervolume3d(points, reference);
  return hypervolumeWfg(points, reference);
}
