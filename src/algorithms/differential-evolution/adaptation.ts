// Parameter adaptation of adaptive differential evolution: sampling each trial's F and CR, and
// learning their location from successful trials. JADE (Zhang & Sanderson 2009) keeps one mean
// pair updated with a learning rate; SHADE (Tanabe & Fukunaga 2013) a success-history memory of
// H pairs updated with improvement-weighted means; L-SHADE (Tanabe & Fukunaga 2014) adds the
// terminal CR value and a weighted Lehmer mean for CR too.
//
// Symbols, as in the papers: F is the differential weight, CR the crossover rate, S_F and S_CR
// the values of the trials that beat their parent, and delta f the improvement they made.
import type { Rng } from '../../core/rng.js';

/** CR memory entry of L-SHADE's terminal value: once reached, CR stays 0 for that slot. */
export const TERMINAL = null;

/**
 * The values of one generation's successful trials and their improvements: the first `count`
 * entries of each list (a selection reuses its lists, which may hold more).
 */
export interface Successes {
  count: number;
  differentialWeights: number[];
  crossoverRates: number[];
  improvements: number[];
}

/** F ~ Cauchy(location, 0.1), redrawn while <= 0, truncated to 1 (JADE, SHADE). */
export function sampleDifferentialWeight(location: number, rng: Rng): number {
  for (let attempt = 0; attempt < 100; attempt++) {
    const f = rng.cauchy(location, 0.1);
    if (f > 0) return f >= 1 ? 1 : f;
  }
  // Only reachable when the location sits far below 0 (a corrupt memory): fall back to it.
  return Math.min(1, Math.max(Number.EPSILON, location));
}

/** CR ~ N(mean, 0.1) clipped to [0, 1]; the terminal value gives 0 (L-SHADE). */
export function sampleCrossoverRate(mean: number | null, rng: Rng): number {
  if (mean === TERMINAL) return 0;
  const cr = rng.normal(mean, 0.1);
  return cr < 0 ? 0 : cr > 1 ? 1 : cr;
}

/**
 * Weights w_k = delta f_k / sum(delta f) of the first `count` improvements, written into `out`
 * (returned). A failed parent (Infinity) makes an infinite improvement: such entries get the
 * largest finite improvement of the generation (1 if there is none), so that the weights stay
 * finite and sum to 1.
 */
export function improvementWeights(
  improvements: readonly number[],
  count = improvements.length,
  out: number[] = [],
): number[] {
  let largest = 0;
  for (let k = 0; k < count; k++) {
    const d = improvements[k] as number;
    if (Number.isFinite(d) && d > largest) largest = d;
  }
  const fallback = largest > 0 ? largest : 1;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const d = improvements[k] as number;
    const finite = Number.isFinite(d) && d > 0 ? d : fallback;
    if (k < out.length) out[k] = finite;
    else out.push(finite);
    total += finite;
  }
  for (let k = 0; k < count; k++) out[k] = (out[k] as number) / total;
  return out;
}

// The weights of the last update, reused across generations (never part of the state).
const weightScratch: number[] = [];

/** Weighted Lehmer mean sum(w s^2) / sum(w s) of the first `count` values; 0 when all are 0. */
export function weightedLehmerMean(
  values: readonly number[],
  weights: readonly number[],
  count = values.length,
): number {
  let numerator = 0;
  let denominator = 0;
  for (let k = 0; k < count; k++) {
    const s = values[k] as number;
    const w = weights[k] as number;
    numerator += w * s * s;
    denominator += w * s;
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/** Weighted arithmetic mean sum(w s) / sum(w) of the first `count` values. */
export function weightedMean(
  values: readonly number[],
  weights: readonly number[],
  count = values.length,
): number {
  let numerator = 0;
  let denominator = 0;
  for (let k = 0; k < count; k++) {
    numerator += (weights[k] as number) * (values[k] as number);
    denominator += weights[k] as number;
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/** The success-history memory of SHADE / L-SHADE (plain data). */
export interface SuccessMemory {
  differentialWeights: number[];
  crossoverRates: (number | null)[];
  /** The slot the next update writes (k, cycling through 0..H-1). */
  next: number;
}

/** A memory of `size` slots, every one at (0.5, 0.5) as in the papers. */
export function createMemory(
  size: number,
  differentialWeight = 0.5,
  crossoverRate = 0.5,
): SuccessMemory {
  return {
    differentialWeights: new Array<number>(size).fill(differentialWeight),
    crossoverRates: new Array<number | null>(size).fill(crossoverRate),
    next: 0,
  };
}

/**
 * Writes one generation's successes into slot k and moves k on; nothing happens without a
 * success. `lshade` uses the weighted Lehmer mean for CR and the terminal value (a slot whose CR
 * is terminal, or whose successful CRs are all 0, becomes terminal); SHADE 2013 uses the
 * weighted arithmetic mean for CR.
 */
export function updateMemory(memory: SuccessMemory, successes: Successes, lshade: boolean): void {
  const { count, differentialWeights, crossoverRates } = successes;
  if (count === 0) return;
  const w = improvementWeights(successes.improvements, count, weightScratch);
  const k = memory.next;
  memory.differentialWeights[k] = weightedLehmerMean(differentialWeights, w, count);
  if (lshade) {
    let maxRate = 0;
    for (let s = 0; s < count; s++) {
      const cr = crossoverRates[s] as number;
      if (cr > maxRate) maxRate = cr;
    }
    memory.crossoverRates[k] =
      memory.crossoverRates[k] === TERMINAL || maxRate === 0
        ? TERMINAL
        : weightedLehmerMean(crossoverRates, w, count);
  } else {
    memory.crossoverRates[k] = weightedMean(crossoverRates, w, count);
  }
  memory.next = (k + 1) % memory.differentialWeights.length;
}

/**
 * JADE's update of its single mean pair with learning rate c: mu_F <- (1-c) mu_F + c
 * mean_L(S_F) (plain Lehmer mean), mu_CR <- (1-c) mu_CR + c mean_A(S_CR). Slot 0 of `memory`
 * holds the pair.
 */
export function updateJadeMeans(memory: SuccessMemory, successes: Successes, rate: number): void {
  const { count } = successes;
  if (count === 0) return;
  const equal = weightScratch;
  for (let k = 0; k < count; k++) {
    if (k < equal.length) equal[k] = 1 / count;
    else equal.push(1 / count);
  }
  const weight = memory.differentialWeights[0] as number;
  const crossoverRate = memory.crossoverRates[0] ?? 0;
  memory.differentialWeights[0] =
    (1 - rate) * weight + rate * weightedLehmerMean(successes.differentialWeights, equal, count);
  memory.crossoverRates[0] =
    (1 - rate) * crossoverRate + rate * weightedMean(successes.crossoverRates, equal, count);
}

/**
 * L-SHADE's linear population size reduction: the size after `evaluations` of `maxEvaluations`,
 * from `initial` down to `minimum` at the end of the budget.
 */
export function plannedPopulationSize(
  initial: number,
  minimum: number,
  evaluations: number,
  maxEvaluations: number,
): number {
  if (!(maxEvaluations > 0)) return initial;
  const progress = Math.min(1, evaluations / maxEvaluations);
  return Math.max(minimum, Math.round(initial + (minimum - initial) * progress));
}
