// Parent selection for minimization: tournament (Goldberg & Deb 1991), roulette wheel
// (Holland 1975; Goldberg 1989) with stochastic universal sampling (Baker 1987), linear
// ranking (Baker 1985) and truncation (Mühlenbein & Schlierkamp-Voosen 1993).
//
// Every function takes the population's values (lower is better; a failed evaluation is
// Infinity, NaN counts as a failure) and returns the indices of the selected members, with
// repetition. Failures are never selected while any member has a finite value.
import type { Rng } from '../../core/rng.js';
import { rankOrder } from './ranking.js';

export { rankOrder } from './ranking.js';

/**
 * The indices eligible for selection: the members with a finite value, or every member when
 * none has one (then selection is uniform among equals).
 */
export function eligibleIndices(values: readonly number[]): number[] {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(i);
  if (finite.length > 0 || values.length === 0) return finite;
  return Array.from({ length: values.length }, (_, i) => i);
}

/**
 * Tournament selection: each pick is the best of `size` members drawn uniformly with
 * replacement (ties go to the first drawn). A caller that knows every value to be finite says
 * so with `allFinite` (the same picks, without a pass over the values).
 */
export function tournamentSelection(
  values: readonly number[],
  count: number,
  size: number,
  rng: Rng,
  allFinite = false,
): number[] {
  // Usually every member is eligible: the pool is then the identity, not worth building.
  let finite = allFinite ? values.length : 0;
  for (let i = 0; !allFinite && i < values.length; i++) if (Number.isFinite(values[i])) finite++;
  const pool = finite === values.length || finite === 0 ? undefined : eligibleIndices(values);
  const m = pool === undefined ? values.length : pool.length;
  if (m === 0) return [];
  const picks = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    const first = rng.int(m);
    let winner = pool === undefined ? first : (pool[first] as number);
    for (let round = 1; round < size; round++) {
      const drawn = rng.int(m);
      const challenger = pool === undefined ? drawn : (pool[drawn] as number);
      if ((values[challenger] as number) < (values[winner] as number)) winner = challenger;
    }
    picks[k] = winner;
  }
  return picks;
}

/**
 * Selection proportional to weights by stochastic universal sampling (Baker 1987): one spin
 * of a wheel with `count` equally spaced pointers, so that each member gets its expected
 * number of copies, rounded up or down. The picks are shuffled so that pairing is random.
 */
export function universalSampling(weights: readonly number[], count: number, rng: Rng): number[] {
  let total = 0;
  for (const w of weights) total += w;
  const picks: number[] = [];
  if (weights.length === 0 || count <= 0) return picks;
  if (!(total > 0) || !Number.isFinite(total)) {
    for (let k = 0; k < count; k++) picks.push(rng.int(weights.length));
    return picks;
  }
  const step = total / count;
  let pointer = rng.next() * step;
  let cumulative = 0;
  let i = 0;
  for (let k = 0; k < count; k++) {
    while (i < weights.length - 1 && cumulative + (weights[i] as number) <= pointer) {
      cumulative += weights[i] as number;
      i++;
    }
    picks.push(i);
    pointer += step;
  }
  return rng.shuffle(picks);
}

/**
 * Roulette-wheel (fitness-proportional) selection for minimization. Values are turned into
 * fitness by windowing (Grefenstette 1986): fitness = worst - value + (worst - best) / n, so
 * that the best gets the largest share and the worst still a small one. Equal values give
 * uniform selection. Sampled by {@link universalSampling}.
 */
export function rouletteSelection(values: readonly number[], count: number, rng: Rng): number[] {
  const pool = eligibleIndices(values);
  if (pool.length === 0) return [];
  let best = Infinity;
  let worst = -Infinity;
  for (const i of pool) {
    const v = values[i] as number;
    if (v < best) best = v;
    if (v > worst) worst = v;
  }
  const range = worst - best;
  // Values so spread that their difference overflows, or all failures: fall back on ranks.
  if (!Number.isFinite(range)) return rankSelection(values, count, 2, rng);
  // Equal values (range 0) get equal weights.
  const floor = range > 0 ? range / pool.length : 1;
  const weights = pool.map((i) => worst - (values[i] as number) + floor);
  return universalSampling(weights, count, rng).map((k) => pool[k] as number);
}

/**
 * Linear ranking selection (Baker 1985): the member of rank r (0 = best) among m eligible
 * ones has weight pressure - 2 (pressure - 1) r / (m - 1), so the best expects `pressure`
 * copies per m picks and the worst 2 - pressure. `pressure` lies in [1, 2]; 1 is uniform.
 * Sampled by {@link universalSampling}.
 */
export function rankSelection(
  values: readonly number[],
  count: number,
  pressure: number,
  rng: Rng,
): number[] {
  const pool = eligibleIndices(values);
  if (pool.length === 0) return [];
  const order = rankOrder(pool.map((i) => values[i] as number)).map((k) => pool[k] as number);
  const m = order.length;
  const weights =
    m === 1
      ? [1]
      : order.map((_, rank) => Math.max(0, pressure - (2 * (pressure - 1) * rank) / (m - 1)));
  return universalSampling(weights, count, rng).map((k) => order[k] as number);
}

/**
 * Truncation selection: picks uniformly among the best ceil(fraction * m) of the m eligible
 * members; the rest are never picked.
 */
export function truncationSelection(
  values: readonly number[],
  count: number,
  fraction: number,
  rng: Rng,
): number[] {
  const pool = eligibleIndices(values);
  if (pool.length === 0) return [];
  const order = rankOrder(pool.map((i) => values[i] as number)).map((k) => pool[k] as number);
  const kept = Math.min(order.length, Math.max(1, Math.ceil(fraction * order.length)));
  const picks = new Array<number>(count);
  for (let k = 0; k < count; k++) picks[k] = order[rng.int(kept)] as number;
  return picks;
}
