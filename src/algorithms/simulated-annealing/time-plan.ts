// Fitting the cooling cycle of the move-model path into a `seconds` budget: the proposal rate
// measured so far (calibration first, then the cycle itself) times the seconds left gives the
// proposals the cycle may still make, so that at least one full cycle, from the initial to the
// final temperature, ends before the budget does. Re-planned at every ask, so that a machine
// that slows down or speeds up moves the end of the cycle with it.

/**
 * Share of the budget by which the first cycle ends; the rest absorbs changes of the rate and
 * goes to a second cycle (from the best, at the reheat temperature) planned to the very end of
 * the budget (LATER_SHARE), where the runner stops it.
 */
export const TIME_SHARE = 0.85;
export const LATER_SHARE = 1;

/** Below this many seconds of measurement a rate is too noisy to plan on. */
const MIN_MEASURED_SECONDS = 0.02;

/** Proposals per second measured over `seconds` (undefined while too short to tell). */
export function measuredRate(proposals: number, seconds: number): number | undefined {
  if (!(seconds >= MIN_MEASURED_SECONDS) || proposals <= 0) return undefined;
  return proposals / seconds;
}

/**
 * Proposals the cycle can still make when it proposes `rate` per second and `now` seconds have
 * passed: until `share` of `budgetSeconds`, and at least `minimum`.
 */
export function proposalsLeft(
  rate: number,
  now: number,
  budgetSeconds: number,
  share: number,
  minimum: number,
): number {
  const left = Math.max(0, budgetSeconds * share - now);
  return Math.max(minimum, Math.floor(rate * left));
}
