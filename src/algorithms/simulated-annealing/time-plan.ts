// Fitting the cooling cycle of the move-model path into a `seconds` budget: the proposal rate
// measured so far (calibration first, then the cycle itself) times the seconds left gives the
// proposals the cycle may still make, so that at least one full cycle, from the initial to the
// final temperature, ends before the budget does. Re-planned at every ask, so that a machine
// that slows down or speeds up moves the end of the cycle with it.

/**
 * Share of the budget by which the first cycle ends; the rest absorbs changes of the rate and
 * goes to a second cycle (from the best, at the reheat temperature) planned to end by
 * LATER_SHARE, so that its end (and the polish that follows it on tours) happens within the
 * budget. Once less than one ask of proposals is left before that share, the cycle is planned
 * to the very end of the budget, where the runner stops it. The second cycle is a second
 * chance at the cooling, from the best: on d1291 at 10 s, a first cycle to 60% ended 1.36%
 * above the optimum on average over 11 runs (worst 2.78%), one to 85% 1.84% over 17 (worst
 * 3.15%), and one to 97% 2.41% over 6 (bench/README.md).
 */
export const TIME_SHARE = 0.6;
export const LATER_SHARE = 0.97;

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

/**
 * The share of the budget by which cycle `cycle` should end, when `rate` proposals per second
 * are made, `now` seconds have passed and an ask makes `proposalsPerAsk` proposals.
 */
export function cycleShare(
  cycle: number,
  rate: number,
  now: number,
  budgetSeconds: number,
  proposalsPerAsk: number,
): number {
  if (cycle === 0) return TIME_SHARE;
  const beforeLater = rate * (budgetSeconds * LATER_SHARE - now);
  return beforeLater >= proposalsPerAsk ? LATER_SHARE : 1;
}

/**
 * Tours: proposals per city below which a cooling cycle is short, so that it starts cooler
 * (a short cycle that starts hot spends itself undoing the start and never cools far enough).
 */
export const SHORT_CYCLE_PER_ELEMENT = 5000;
/** The lowest initial acceptance a short cycle is given. */
const LOWEST_ACCEPTANCE = 0.02;

/**
 * The initial acceptance of a tour cycle of `planned` proposals over `n` cities: `acceptance`
 * for cycles of SHORT_CYCLE_PER_ELEMENT proposals per city or more (or of unknown length, 0),
 * scaled down in proportion below that (at least LOWEST_ACCEPTANCE, never above `acceptance`).
 */
export function fittedAcceptance(acceptance: number, planned: number, n: number): number {
  if (planned <= 0) return acceptance;
  const share = planned / (SHORT_CYCLE_PER_ELEMENT * Math.max(1, n));
  if (share >= 1) return acceptance;
  return Math.min(acceptance, Math.max(LOWEST_ACCEPTANCE, acceptance * share));
}

/** A seconds budget is spread over at least this many asks (so that none overruns it much). */
export const ASKS_PER_BUDGET = 50;
/** The fewest proposals an ask makes under a seconds budget (the full evaluation is O(n)). */
const FEWEST_PER_ASK = 1000;

/**
 * Proposals for one ask of a seconds-bounded run: `chunk`, but no more than 1/ASKS_PER_BUDGET
 * of the budget at `rate` proposals per second (a slow or loaded machine would otherwise spend
 * seconds in one ask and overrun the budget), and at least FEWEST_PER_ASK.
 */
export function chunkWithin(chunk: number, rate: number, budgetSeconds: number): number {
  const share = Math.floor((rate * budgetSeconds) / ASKS_PER_BUDGET);
  return Math.max(Math.min(chunk, FEWEST_PER_ASK), Math.min(chunk, share));
}
