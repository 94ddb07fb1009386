// One CMA-ES run's search distribution N(m, sigma^2 C): sampling a generation and the update from
// its ranked values (Hansen 2016, arXiv:1604.00772, Fig. 6 with the active update of eq. 46-47).
import type { Rng } from '../../core/rng.js';
import { NormalPairs } from './normal-pairs.js';
import { norm, whiten } from './whiten.js';
import type { CmaBoundHandling } from './params.js';
import { strategyParameters, type StrategyParameters } from './strategy-parameters.js';
import { symmetricEigen } from './symmetric-eigen.js';

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
    stopped: null,
    generationLimit,
  };
}

/** Redraws of a sample outside the unit box, per dimension, before it is clipped (as `cmaes`). */
const RESAMPLES_PER_DIMENSION = 10;

/**
 * Draws lambda points m + sigma B D z, z ~ N(0, I); they are kept in `run.points`. With
 * `resample`, a point outside the unit box is drawn again (at most 10 n times, then clipped).
 */
export function sampleGeneration(
  run: CmaRun,
  rng: Rng,
  bounds: CmaBoundHandling = 'reflect',
): number[][] {
  refreshDecomposition(run);
  const n = run.mean.length;
  const { basis, scales, mean, stepSize } = run;
  const z = new Array<number>(n);
  const normals = new NormalPairs(rng);
  run.points = [];
  for (let k = 0; k < run.constants.populationSize; k++) {
    const point = new Array<number>(n);
    for (let attempt = 0; ; attempt++) {
      for (let i = 0; i < n; i++) z[i] = (scales[i] as number) * normals.next();
      let inside = true;
      for (let i = 0; i < n; i++) {
        const row = basis[i] as number[];
        let y = 0;
        for (let j = 0; j < n; j++) y += (row[j] as number) * (z[j] as number);
        const x = (mean[i] as number) + stepSize * y;
        point[i] = x;
        if (x < 0 || x > 1) inside = false;
      }
      if (bounds === 'reflect' || inside) break;
      if (attempt >= RESAMPLES_PER_DIMENSION * n) {
        for (let i = 0; i < n; i++) point[i] = Math.min(1, Math.max(0, point[i] as number));
        break;
      }
    }
    run.points.push(point);
  }
  return run.points;
}

/** Recomputes B and D when C has moved enough since the last decomposition (Hansen's lazy gap). */
function refreshDecomposition(run: CmaRun): void {
  const { rankOneRate, rankMuRate, dimension } = run.constants;
  const gap = 1 / (10 * dimension * (rankOneRate + rankMuRate));
  if (run.generation - run.decomposedAt < Math.max(1, gap)) return;
  const n = dimension;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = ((run.covariance[i] as number[])[j]! + (run.covariance[j] as number[])[i]!) / 2;
      (run.covariance[i] as number[])[j] = mean;
      (run.covariance[j] as number[])[i] = mean;
    }
  }
  const { values, vectors } = symmetricEigen(run.covariance, run.basis);
  run.basis = vectors;
  run.scales = values.map((v) => Math.sqrt(Math.max(v, 1e-300)));
  run.decomposedAt = run.generation;
}

/**
 * Updates mean, paths, step size and covariance from the values of `run.points` (lower is
 * better; NaN counts as +Infinity). Ties keep the sampling order, so the update is deterministic.
 */
export function updateDistribution(run: CmaRun, told: readonly number[]): void {
  const c = run.constants;
  const n = c.dimension;
  const values = told.map((v) => (Number.isNaN(v) ? Infinity : v));
  const order = values
    .map((_, i) => i)
    .sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  const steps = order.map((k) => {
    const point = run.points[k] as number[];
    return point.map((x, i) => (x - (run.mean[i] as number)) / run.stepSize);
  });
  const meanStep = new Array<number>(n).fill(0);
  for (let r = 0; r < c.parents; r++) {
    const w = c.weights[r] as number;
    const y = steps[r] as number[];
    for (let i = 0; i < n; i++) meanStep[i] = (meanStep[i] as number) + w * (y[i] as number);
  }
  for (let i = 0; i < n; i++)
    run.mean[i] = (run.mean[i] as number) + run.stepSize * (meanStep[i] as number);

  const whitened = whiten(run, meanStep);
  const sigmaFactor = Math.sqrt(
    c.stepSizeLearningRate * (2 - c.stepSizeLearningRate) * c.effectiveMass,
  );
  for (let i = 0; i < n; i++) {
    run.stepPath[i] =
      (1 - c.stepSizeLearningRate) * (run.stepPath[i] as number) +
      sigmaFactor * (whitened[i] as number);
  }
  const stepPathNorm = norm(run.stepPath);
  const generation = run.generation + 1;
  const correctedNorm =
    stepPathNorm / Math.sqrt(1 - (1 - c.stepSizeLearningRate) ** (2 * generation));
  const stalled = correctedNorm < (1.4 + 2 / (n + 1)) * c.expectedNormLength ? 1 : 0;
  const pathFactor = Math.sqrt(c.pathLearningRate * (2 - c.pathLearningRate) * c.effectiveMass);
  for (let i = 0; i < n; i++) {
    run.covariancePath[i] =
      (1 - c.pathLearningRate) * (run.covariancePath[i] as number) +
      stalled * pathFactor * (meanStep[i] as number);
  }

  // Rank-mu weights: negative ones rescaled by n / ||C^(-1/2) y||^2 (eq. 46).
  const adjusted = c.weights.map((w, r) => {
    if (w >= 0) return w;
    const length = norm(whiten(run, steps[r] as number[]));
    return length > 0 ? (w * n) / (length * length) : 0;
  });
  const weightSum = c.weights.reduce((s, w) => s + w, 0);
  const lostVariance = (1 - stalled) * c.pathLearningRate * (2 - c.pathLearningRate);
  const decay = 1 + c.rankOneRate * lostVariance - c.rankOneRate - c.rankMuRate * weightSum;
  for (let i = 0; i < n; i++) {
    const row = run.covariance[i] as number[];
    const pi = run.covariancePath[i] as number;
    for (let j = 0; j <= i; j++) {
      let rankMu = 0;
      for (let r = 0; r < steps.length; r++) {
        const y = steps[r] as number[];
        rankMu += (adjusted[r] as number) * (y[i] as number) * (y[j] as number);
      }
      const value =
        decay * (row[j] as number) +
        c.rankOneRate * pi * (run.covariancePath[j] as number) +
        c.rankMuRate * rankMu;
      row[j] = value;
      (run.covariance[j] as number[])[i] = value;
    }
  }

  run.stepSize *= Math.exp(
    (c.stepSizeLearningRate / c.stepSizeDamping) * (stepPathNorm / c.expectedNormLength - 1),
  );
  run.generation = generation;
  run.evaluations += values.length;
  run.recentBest.push(values[order[0] as number] as number);
  const keep = 10 + Math.ceil((30 * n) / c.populationSize);
  if (run.recentBest.length > keep) run.recentBest.shift();
}
