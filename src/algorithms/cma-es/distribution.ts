// One CMA-ES run's search distribution N(m, sigma^2 C): sampling a generation and the update from
// its ranked values (Hansen 2016, arXiv:1604.00772, Fig. 6 with the active update of eq. 46-47).
import type { Rng } from '../../core/rng.js';
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
}

/** A new run centred on `mean` with step size `stepSize` and population size `lambda`. */
export function startRun(mean: number[], stepSize: number, lambda: number): CmaRun {
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
  };
}

/** Draws lambda points m + sigma B D z, z ~ N(0, I); they are kept in `run.points`. */
export function sampleGeneration(run: CmaRun, rng: Rng): number[][] {
  refreshDecomposition(run);
  const n = run.mean.length;
  const { basis, scales, mean, stepSize } = run;
  const z = new Array<number>(n);
  run.points = [];
  for (let k = 0; k < run.constants.populationSize; k++) {
    for (let i = 0; i < n; i++) z[i] = (scales[i] as number) * rng.normal();
    const point = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const row = basis[i] as number[];
      let y = 0;
      for (let j = 0; j < n; j++) y += (row[j] as number) * (z[j] as number);
      point[i] = (mean[i] as number) + stepSize * y;
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
  const { values, vectors } = symmetricEigen(run.covariance);
  run.basis = vectors;
  run.scales = values.map((v) => Math.sqrt(Math.max(v, 1e-300)));
  run.decomposedAt = run.generation;
}

/** C^(-1/2) y = B D^-1 B^T y. */
function whiten(run: CmaRun, y: readonly number[]): number[] {
  const n = y.length;
  const inner = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += ((run.basis[i] as number[])[j] as number) * (y[i] as number);
    inner[j] = s / (run.scales[j] as number);
  }
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = run.basis[i] as number[];
    let s = 0;
    for (let j = 0; j < n; j++) s += (row[j] as number) * (inner[j] as number);
    out[i] = s;
  }
  return out;
}

const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

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
