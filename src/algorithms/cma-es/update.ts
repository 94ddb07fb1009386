// The CMA-ES update from one generation's ranked values: weighted recombination of the mean,
// cumulative step-size adaptation, and the rank-one plus active rank-mu covariance update
// (Hansen 2016, arXiv:1604.00772, Fig. 6 with eq. 46-47), on the run's reusable scratch.
import { rankOrder } from '../operators/ranking.js';
import type { CmaRun } from './distribution.js';
import { recordGeneration } from './history.js';
import { norm, rotateAndScale, whitenInto } from './whiten.js';
import { workspaceOf } from './workspace.js';

/**
 * Updates mean, paths, step size and covariance from the values of `run.points` (lower is
 * better; NaN counts as +Infinity). Ties keep the sampling order, so the update is deterministic.
 * `evaluated` is how many of them cost an evaluation (fewer when a surrogate ranked the rest).
 */
export function updateDistribution(
  run: CmaRun,
  told: readonly number[],
  evaluated: number = told.length,
): void {
  const c = run.constants;
  const n = c.dimension;
  const lambda = told.length;
  const work = workspaceOf(run);
  const { steps, meanStep, whitened, rotated, rankMu, values } = work;
  for (let k = 0; k < lambda; k++) {
    const v = told[k]!;
    values[k] = Number.isNaN(v) ? Infinity : v;
  }
  // By value, ties by index, without a comparator (a sort's comparator returns boxed numbers).
  const order = rankOrder(told);

  // Steps y = (x - m) / sigma in rank order, and the mean's step: the parents' weighted sum.
  const { mean, stepSize, weights } = {
    mean: run.mean,
    stepSize: run.stepSize,
    weights: c.weights,
  };
  meanStep.fill(0);
  for (let r = 0; r < lambda; r++) {
    const point = run.points[order[r]!]!;
    const offset = r * n;
    const w = weights[r]!;
    for (let i = 0; i < n; i++) {
      const y = (point[i]! - mean[i]!) / stepSize;
      steps[offset + i] = y;
      if (r < c.parents) meanStep[i] = meanStep[i]! + w * y;
    }
  }
  for (let i = 0; i < n; i++) mean[i] = mean[i]! + stepSize * meanStep[i]!;

  whitenInto(run, meanStep, whitened, rotated);
  const stepRate = c.stepSizeLearningRate;
  const sigmaFactor = Math.sqrt(stepRate * (2 - stepRate) * c.effectiveMass);
  for (let i = 0; i < n; i++) {
    run.stepPath[i] = (1 - stepRate) * run.stepPath[i]! + sigmaFactor * whitened[i]!;
  }
  const stepPathNorm = norm(run.stepPath);
  const generation = run.generation + 1;
  const correctedNorm = stepPathNorm / Math.sqrt(1 - (1 - stepRate) ** (2 * generation));
  const stalled = correctedNorm < (1.4 + 2 / (n + 1)) * c.expectedNormLength ? 1 : 0;
  const pathRate = c.pathLearningRate;
  const pathFactor = Math.sqrt(pathRate * (2 - pathRate) * c.effectiveMass);
  for (let i = 0; i < n; i++) {
    run.covariancePath[i] =
      (1 - pathRate) * run.covariancePath[i]! + stalled * pathFactor * meanStep[i]!;
  }

  // Rank-mu sum (lower triangle); negative weights rescaled by n / ||C^(-1/2) y||^2 (eq. 46).
  rankMu.fill(0);
  let weightSum = 0;
  for (let r = 0; r < lambda; r++) {
    let w = weights[r]!;
    weightSum += w;
    if (w < 0) {
      const squared = rotateAndScale(run, steps, r * n, rotated);
      w = squared > 0 ? (w * n) / squared : 0;
    }
    if (w === 0) continue;
    const offset = r * n;
    for (let i = 0; i < n; i++) {
      const wy = w * steps[offset + i]!;
      const row = i * n;
      for (let j = 0; j <= i; j++) rankMu[row + j] = rankMu[row + j]! + wy * steps[offset + j]!;
    }
  }
  const lostVariance = (1 - stalled) * pathRate * (2 - pathRate);
  const decay = 1 + c.rankOneRate * lostVariance - c.rankOneRate - c.rankMuRate * weightSum;
  const path = run.covariancePath;
  for (let i = 0; i < n; i++) {
    const row = run.covariance[i]!;
    const pi = c.rankOneRate * path[i]!;
    for (let j = 0; j <= i; j++) {
      const value = decay * row[j]! + pi * path[j]! + c.rankMuRate * rankMu[i * n + j]!;
      row[j] = value;
      run.covariance[j]![i] = value;
    }
  }

  run.stepSize *= Math.exp(
    (stepRate / c.stepSizeDamping) * (stepPathNorm / c.expectedNormLength - 1),
  );
  run.generation = generation;
  run.evaluations += evaluated;
  recordGeneration(run, values, order);
}
