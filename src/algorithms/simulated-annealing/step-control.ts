// Step-size control by acceptance rate: Corana, Marchesi, Martini & Ridella 1987 (per-coordinate
// steps of continuous simulated annealing held near 50% acceptance).

/** Corana's tuning constant c_u: how far one update moves a step. */
const CORANA_FACTOR = 2;

/**
 * Corana's update: above 60% acceptance the step grows by 1 + c (rate - 0.6) / 0.4, below 40%
 * it shrinks by the same form; in between it stays.
 */
export function coranaStep(step: number, acceptanceRate: number): number {
  if (acceptanceRate > 0.6) return step * (1 + (CORANA_FACTOR * (acceptanceRate - 0.6)) / 0.4);
  if (acceptanceRate < 0.4) return step / (1 + (CORANA_FACTOR * (0.4 - acceptanceRate)) / 0.4);
  return step;
}

/**
 * Success-rate control of a visiting scale (a 1/5-style rule, Rechenberg 1973): a success
 * multiplies the factor by exp(rate), a failure by exp(-rate * target / (1 - target)), so that it
 * settles where a `target` share of the moves succeed; it never exceeds `cap`.
 */
export function successScale(
  factor: number,
  success: boolean,
  target: number,
  rate: number,
  cap: number,
): number {
  const next = success
    ? factor * Math.exp(rate)
    : factor * Math.exp((-rate * target) / (1 - target));
  return Math.min(cap, Math.max(1e-300, next));
}
