// One CMA-ES run's search distribution N(m, sigma^2 C): its state, sampling a generation, and
// the lazily refreshed eigendecomposition C = B D^2 B^T (Hansen 2016, arXiv:1604.00772, Fig. 6
// and appendix B.2).
import type { Rng } from '../../core/rng.js';
import { standardNormal } from '../operators/ziggurat.js';
import { orthogonalNormals } from './orthogonal-normals.js';
import type { CmaBoundHandling, CmaSampling } from './params.js';
import { strategyParameters, type StrategyParameters } from './strategy-parameters.js';
import { decomposeSymmetric } from './symmetric-eigen.js';
import { workspaceOf } from './workspace.js';

export { updateDistribution } from './update.js';

/** The state of one run (plain data). Coordinates are the unit-scaled embedding. */
export interface CmaRun {
  constants: StrategyParameters;
  mean: number[];
  stepSize: number;
  initialStepSize: number;
  stepPath: number[];
  covariancePath: number[];
  covariance: number[][];
  /** Eigenvectors (columns) and square roots of the eigenvalues of `covariance`. */
  basis: number[][];
  scales: number[];
  /** Generation at which basis and scales were computed. */
  decomposedAt: number;
  generation: number;
  evaluations: number;
  /** The points out for evaluation. */
  points: number[][];
  /** Best value of each recent generation (for the function-value tolerance). */
  recentBest: number[];
  /** 1 where a recent generation's best and k-th best values were equal, else 0. */
  equalBest: number[];
  /** Best value of each generation of the stagnation window. */
  bestHistory: number[];
  /** Median value of each generation of the stagnation window. */
  medianHistory: number[];
  /** Spread of the latest generation's values, best to worst (Infinity if any failed). */
  lastSpread: number;
  /** Why the run stopped, once it has. */
  stopped: string | null;
  /** Most generations this run may take (BIPOP's small runs), or null. */
  generationLimit: number | null;
}

/** A new run centred on `mean` with step size `stepSize` and population size `lambda`. */
export function startRun(
  mean: number[],
  stepSize: number,
  lambda: number,
  generationLimit: number | null = null,
): CmaRun {
  const n = mean.length;
  const identity = (): number[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  return {
    constants: strategyParameters(n, lambda),
    mean: mean.slice(),
    stepSize,
    initialStepSize: stepSize,
    stepPath: new Array<number>(n).fill(0),
    covariancePath: new Array<number>(n).fill(0),
    covariance: identity(),
    basis: identity(),
    scales: new Array<number>(n).fill(1),
    decomposedAt: 0,
    generation: 0,
    evaluations: 0,
    points: [],
    recentBest: [],
    equalBest: [],
    bestHistory: [],
    medianHistory: [],
    lastSpread: Infinity,
    stopped: null,
    generationLimit,
  };
}

/**
 * Most redraws of a sample outside the unit box before it is clipped: min(10 n, 300), so 10 n up
 * to n = 30 (the benches' d = 10 and 30 draw as they did before the cap), then 300. Each redraw
 * costs n normals and at least one row of B D z, and a sample that 300 draws all put outside the
 * box (a mean near a face in many coordinates) rarely gets in by more: uncapped, sphere at
 * d = 1,000 took up to a minute a generation (bench/cma-es-high-dimension.ts). `cmaes`, under
 * Optuna's sampler, stops at 100 whatever n.
 */
export function resampleLimit(n: number): number {
  return Math.min(10 * n, MAX_RESAMPLES);
}

const MAX_RESAMPLES = 300;

/**
 * Draws lambda points m + sigma B D z, z ~ N(0, I); they are kept in `run.points` (whose rows
 * are reused from one generation to the next). With `resample`, a point outside the unit box is
 * drawn again (at most `resampleLimit(n)` times, then clipped). `orthogonal` and `mirrored`
 * sampling set the first draw of each point (orthogonal-normals.ts); a redraw is an independent
 * normal vector.
 */
export function sampleGeneration(
  run: CmaRun,
  rng: Rng,
  bounds: CmaBoundHandling = 'reflect',
  sampling: CmaSampling = 'independent',
): number[][] {
  refreshDecomposition(run);
  const n = run.mean.length;
  const lambda = run.constants.populationSize;
  const { mean, stepSize } = run;
  const work = workspaceOf(run);
  const z = work.scaled;
  const scaledBasis = scaledBasisOf(run);
  const first = firstDraws(run, rng, sampling);
  const points = reusedRows(run.points, lambda, n);
  const redraws = bounds === 'resample' ? resampleLimit(n) : 0;
  const order = work.order;
  for (let k = 0; k < lambda; k++) {
    const point = points[k]!;
    for (let attempt = 0; ; attempt++) {
      if (first !== null && attempt === 0) {
        for (let i = 0; i < n; i++) z[i] = first[k * n + i]!;
      } else {
        for (let i = 0; i < n; i++) z[i] = standardNormal(rng);
      }
      let inside = true;
      for (let position = 0; position < n; position++) {
        const i = order[position]!;
        const row = i * n;
        let y = 0;
        for (let j = 0; j < n; j++) y += scaledBasis[row + j]! * z[j]!;
        const x = mean[i]! + stepSize * y;
        point[i] = x;
        if (x < 0 || x > 1) {
          inside = false;
          if (attempt < redraws) {
            // A redraw follows: the other coordinates of this draw are not needed. This
            // coordinate is computed first from now on, so that the next rejection costs one row
            // of the product, not every row up to it (the order changes no value).
            order.copyWithin(1, 0, position);
            order[0] = i;
            break;
          }
        }
      }
      if (inside || attempt >= redraws) {
        if (!inside && bounds === 'resample') {
          for (let i = 0; i < n; i++) point[i] = Math.min(1, Math.max(0, point[i]!));
        }
        break;
      }
    }
  }
  run.points = points;
  return points;
}

/** `rows` resized to `count` rows of length n, keeping the rows already there. */
function reusedRows(rows: number[][], count: number, n: number): number[][] {
  if (rows.length > count) rows.length = count;
  for (let k = 0; k < count; k++) {
    if (rows[k]?.length !== n) rows[k] = new Array<number>(n).fill(0);
  }
  return rows;
}

/** The standard normal vectors of a generation's first draws, or null to draw them one by one. */
function firstDraws(run: CmaRun, rng: Rng, sampling: CmaSampling): Float64Array | null {
  if (sampling === 'independent') return null;
  const work = workspaceOf(run);
  const n = run.mean.length;
  orthogonalNormals(n, run.constants.populationSize, rng, work.draws, sampling === 'mirrored');
  return work.draws;
}

/** B D, row-major, from the run's decomposition (rebuilt after a restore from JSON). */
function scaledBasisOf(run: CmaRun): Float64Array {
  const work = workspaceOf(run);
  if (!work.scaledBasisReady) fillScaledBasis(run);
  return work.scaledBasis;
}

function fillScaledBasis(run: CmaRun): void {
  const work = workspaceOf(run);
  const n = run.mean.length;
  for (let i = 0; i < n; i++) {
    const row = run.basis[i]!;
    for (let j = 0; j < n; j++) work.scaledBasis[i * n + j] = row[j]! * run.scales[j]!;
  }
  work.scaledBasisReady = true;
}

/**
 * Generations between two eigendecompositions: max(1, floor(1 / (10 n (c_1 + c_mu)))), Hansen's
 * lazy gap (tutorial, appendix B.2). It is 1 for the default population up to n of about 200.
 */
export function decompositionGap(constants: StrategyParameters): number {
  const { rankOneRate, rankMuRate, dimension } = constants;
  return Math.max(1, Math.floor(1 / (10 * dimension * (rankOneRate + rankMuRate))));
}

/** Recomputes B and D when the lazy gap has passed since the last decomposition. */
function refreshDecomposition(run: CmaRun): void {
  if (run.generation - run.decomposedAt < decompositionGap(run.constants)) return;
  const n = run.mean.length;
  const eigen = workspaceOf(run).eigen;
  const matrix = eigen.matrix;
  // The lower triangle, which is what the decomposition reads, averaged against rounding.
  for (let i = 0; i < n; i++) {
    const row = run.covariance[i]!;
    for (let j = 0; j <= i; j++) matrix[i * n + j] = (row[j]! + run.covariance[j]![i]!) / 2;
  }
  if (!decomposeSymmetric(eigen)) return; // keep the previous basis: never seen on finite C
  for (let i = 0; i < n; i++) {
    const row = run.basis[i]!;
    for (let j = 0; j < n; j++) row[j] = matrix[i * n + j]!;
    run.scales[i] = Math.sqrt(Math.max(eigen.values[i]!, 1e-300));
  }
  run.decomposedAt = run.generation;
  fillScaledBasis(run);
}
