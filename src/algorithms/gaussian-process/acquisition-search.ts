// The search for the point of the unit box with the largest expected improvement: uniform random
// points, then Gaussian moves around the best modelled trials, then ever smaller moves around
// the best point found so far. Moves are clipped onto the box, so that optima on its faces (where
// tuned parameters often end up) are reached. `snap` maps a point onto the nearest one the space
// can decode (integers, categories), so that each candidate is scored where it would be evaluated.
import type { Rng } from '../../core/rng.js';
import { logExpectedImprovement } from './expected-improvement.js';
import { predict, type GaussianProcess } from './gp-regression.js';

/** How much of the box the search looks at. */
export interface AcquisitionSearchOptions {
  /** Uniform random points. */
  randomPoints: number;
  /** Points per stage of local moves. */
  localPoints: number;
  /** The best modelled trials the first local stage moves from. */
  starts: readonly Float64Array[];
  /** The lowest modelled value (the improvement is measured from it). */
  best: number;
  snap?: (point: Float64Array) => void;
  /**
   * With `snap`: the snapped points already evaluated or running, by `pointKey`; the search
   * passes over them while any other point is left.
   */
  taken?: ReadonlySet<string>;
}

/** The key of a (snapped) point in `taken`. */
export function pointKey(point: Float64Array): string {
  return point.join(',');
}

/** Step sizes of the local stages: from the best trials, then three from the best point. */
const FIRST_STEP = 0.1;
const REFINING_STEPS = [0.05, 0.02, 0.01];

/** The point with the largest expected improvement found. */
export function searchAcquisition(
  model: GaussianProcess,
  options: AcquisitionSearchOptions,
  rng: Rng,
): Float64Array {
  const { dimension } = model;
  const scratch = new Float64Array(model.count);
  const prediction = new Float64Array(2);
  let bestPoint = new Float64Array(dimension);
  let bestScore = -Infinity;
  let found = false;
  let point = new Float64Array(dimension);
  const consider = (): void => {
    options.snap?.(point);
    if (options.taken?.has(pointKey(point)) === true) {
      if (!found) {
        found = true;
        [bestPoint, point] = [point, bestPoint];
      }
      return;
    }
    predict(model, point, scratch, prediction);
    const score = logExpectedImprovement(
      prediction[0] as number,
      prediction[1] as number,
      options.best,
    );
    if (!found || score > bestScore) {
      found = true;
      bestScore = score;
      [bestPoint, point] = [point, bestPoint];
    }
  };
  for (let n = 0; n < options.randomPoints; n++) {
    for (let j = 0; j < dimension; j++) point[j] = rng.next();
    consider();
  }
  const moveFrom = (centre: Float64Array, step: number): void => {
    for (let j = 0; j < dimension; j++) {
      const moved = (centre[j] as number) + step * rng.normal();
      point[j] = moved < 0 ? 0 : moved > 1 ? 1 : moved;
    }
    consider();
  };
  for (const start of options.starts)
    for (let n = 0; n < options.localPoints; n++) moveFrom(start, FIRST_STEP);
  for (const step of REFINING_STEPS) {
    const centre = Float64Array.from(bestPoint);
    for (let n = 0; n < options.localPoints; n++) moveFrom(centre, step);
  }
  return bestPoint;
}
