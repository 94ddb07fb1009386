// When one CMA-ES run should stop: the criteria of Hansen's reference implementations (pycma,
// cmaes.m; Hansen 2009, "Benchmarking a BI-population CMA-ES on the BBOB-2009 function testbed":
// TolHistFun, EqualFunValues, TolX, TolUpSigma, Stagnation, ConditionCov, NoEffectAxis,
// NoEffectCoord).
import type { CmaRun } from './distribution.js';
import { recentWindow, stagnated, stagnationWindow } from './history.js';

/** Tolerances of the criteria that have parameters. */
export interface TerminationTolerances {
  functionTolerance: number;
  stepTolerance: number;
}

const MAX_CONDITION = 1e14;
const MAX_STEP_GROWTH = 1e4;

/** The name of the first criterion met after the last update, or null to go on. */
export function terminationReason(run: CmaRun, tolerances: TerminationTolerances): string | null {
  const n = run.mean.length;
  const c = run.constants;
  for (let i = 0; i < n; i++) if (!Number.isFinite(run.mean[i]!)) return 'not-finite';
  if (!Number.isFinite(run.stepSize)) return 'not-finite';
  if (run.generationLimit !== null && run.generation >= run.generationLimit) {
    return 'generation-limit';
  }
  const window = recentWindow(n, c.populationSize);
  if (run.recentBest.length >= window) {
    let highest = -Infinity;
    let lowest = Infinity;
    for (const value of run.recentBest) {
      highest = Math.max(highest, value);
      lowest = Math.min(lowest, value);
    }
    // Infinite values (failures) leave the span infinite or NaN: no stop.
    if (highest - lowest <= tolerances.functionTolerance) return 'function-tolerance';
  }
  // More than a third of the recent generations had equal best and k-th best values: a plateau.
  if (run.equalBest.length >= window) {
    let equal = 0;
    for (const flag of run.equalBest) equal += flag;
    if (equal > window / 3) return 'equal-values';
  }
  const stepLimit = tolerances.stepTolerance * run.initialStepSize;
  let allSmall = true;
  for (let i = 0; i < n; i++) {
    const spread = run.stepSize * Math.sqrt((run.covariance[i] as number[])[i] as number);
    const path = run.stepSize * Math.abs(run.covariancePath[i] as number);
    if (!(spread < stepLimit && path < stepLimit)) allSmall = false;
  }
  if (allSmall) return 'step-tolerance';
  let maxScale = 0;
  let minScale = Infinity;
  for (let i = 0; i < n; i++) {
    maxScale = Math.max(maxScale, run.scales[i]!);
    minScale = Math.min(minScale, run.scales[i]!);
  }
  if (run.stepSize * maxScale > MAX_STEP_GROWTH * run.initialStepSize) return 'step-growth';
  if ((maxScale / minScale) ** 2 > MAX_CONDITION) return 'condition';
  // A step along one principal axis or one coordinate that no longer changes the mean.
  const axis = run.generation % n;
  let axisHasEffect = false;
  for (let i = 0; i < n; i++) {
    const m = run.mean[i] as number;
    const shift =
      0.1 *
      run.stepSize *
      (run.scales[axis] as number) *
      ((run.basis[i] as number[])[axis] as number);
    if (m + shift !== m) axisHasEffect = true;
  }
  if (!axisHasEffect) return 'no-effect-axis';
  // Sorting the stagnation window's slices is checked on a stride that keeps it cheap.
  const stride = Math.max(1, Math.floor(stagnationWindow(run) / 100));
  if (run.generation % stride === 0 && stagnated(run)) return 'stagnation';
  for (let i = 0; i < n; i++) {
    const m = run.mean[i] as number;
    if (m + 0.2 * run.stepSize * Math.sqrt((run.covariance[i] as number[])[i] as number) === m) {
      return 'no-effect-coordinate';
    }
  }
  return null;
}
