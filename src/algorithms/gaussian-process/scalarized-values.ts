// The one value per finished trial that the Gaussian process models. With one objective, the
// value itself. With several, ParEGO's (Knowles 2006) augmented Tchebycheff scalarization under a
// weight vector drawn afresh for every proposal, each objective normalized to [0, 1] over the
// feasible trials, so that successive proposals aim at different parts of the front.
// Infeasible and failed trials are not left out (the model would send the search back to them):
// they get values above every feasible one, the larger the violation the higher.
import type { Rng } from '../../core/rng.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';

/** ParEGO's rho: the weight of the weighted sum added to the Tchebycheff maximum. */
const AUGMENTATION = 0.05;

/** A finished trial as the Gaussian-process sampler remembers it. */
export interface ModelledTrial {
  /** The space's vector embedding of the trial's parameters. */
  vector: number[];
  /** Minimized value (single objective; the last intermediate value when pruned); Infinity when failed. */
  value: number;
  /** Multi-objective trials: minimized values and violation (Infinity when failed or pruned). */
  evaluation?: ObjectiveEvaluation;
}

/**
 * The value of each trial to model, or undefined when no trial has a finite feasible value yet.
 * Draws the weight vector from `rng` when the trials have several objectives.
 */
export function scalarizedValues(
  trials: readonly ModelledTrial[],
  objectives: number,
  rng: Rng,
): Float64Array | undefined {
  const values = new Float64Array(trials.length);
  const violations = new Float64Array(trials.length);
  if (objectives <= 1) {
    trials.forEach((trial, i) => {
      const value = trial.evaluation?.values[0] ?? trial.value;
      const violation = trial.evaluation?.violation ?? 0;
      values[i] = Number.isFinite(value) ? value : NaN;
      violations[i] = Number.isFinite(value) ? violation : Infinity;
    });
  } else {
    const weights = simplexWeights(objectives, rng);
    const lower = new Array<number>(objectives).fill(Infinity);
    const upper = new Array<number>(objectives).fill(-Infinity);
    for (const trial of trials) {
      if (trial.evaluation?.violation !== 0) continue;
      trial.evaluation.values.forEach((v, m) => {
        if (v < (lower[m] as number)) lower[m] = v;
        if (v > (upper[m] as number)) upper[m] = v;
      });
    }
    trials.forEach((trial, i) => {
      const evaluation = trial.evaluation;
      const violation = evaluation?.violation ?? Infinity;
      violations[i] = violation;
      if (evaluation === undefined || violation === Infinity) {
        values[i] = NaN;
        return;
      }
      let largest = -Infinity;
      let sum = 0;
      evaluation.values.forEach((v, m) => {
        const low = lower[m] as number;
        const range = (upper[m] as number) - low;
        const normalized = Number.isFinite(low) && range > 0 ? (v - low) / range : 0;
        const weighted = (weights[m] as number) * normalized;
        if (weighted > largest) largest = weighted;
        sum += weighted;
      });
      values[i] = largest + AUGMENTATION * sum;
    });
  }
  return withInfeasibleAbove(values, violations);
}

// Dirichlet(1, ..., 1): uniform on the simplex.
function simplexWeights(objectives: number, rng: Rng): number[] {
  const draws = Array.from({ length: objectives }, () => -Math.log(1 - rng.next()));
  const total = draws.reduce((a, b) => a + b, 0);
  return draws.map((d) => (total > 0 ? d / total : 1 / objectives));
}

// Feasible values stay; an infeasible trial gets the worst feasible value plus the feasible
// spread times (1 + its share of the largest finite violation); a failed one (NaN or an infinite
// violation) the worst of all of those plus the spread.
function withInfeasibleAbove(
  values: Float64Array,
  violations: Float64Array,
): Float64Array | undefined {
  let worst = -Infinity;
  let best = Infinity;
  let largestViolation = 0;
  for (let i = 0; i < values.length; i++) {
    const violation = violations[i] as number;
    const value = values[i] as number;
    if (violation === 0 && !Number.isNaN(value)) {
      if (value > worst) worst = value;
      if (value < best) best = value;
    } else if (Number.isFinite(violation) && violation > largestViolation) {
      largestViolation = violation;
    }
  }
  if (worst === -Infinity) return undefined;
  const spread = worst > best ? worst - best : 1;
  let ceiling = worst;
  for (let i = 0; i < values.length; i++) {
    const violation = violations[i] as number;
    if (violation === 0 && !Number.isNaN(values[i])) continue;
    if (Number.isFinite(violation) && !Number.isNaN(values[i])) {
      values[i] = worst + spread * (1 + violation / largestViolation);
      if ((values[i] as number) > ceiling) ceiling = values[i] as number;
    } else {
      values[i] = NaN;
    }
  }
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) values[i] = ceiling + spread;
  return values;
}
