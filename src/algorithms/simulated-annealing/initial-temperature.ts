// The initial temperature from sampled uphill moves: Kirkpatrick, Gelatt & Vecchi 1983 (an
// average uphill move accepted with probability chi0) refined by Ben-Ameur 2004 (the
// temperature at which the sampled uphill transitions are accepted with probability chi0).

/** One sampled uphill transition: the value before and after the move (after > before). */
export interface UphillTransition {
  before: number;
  after: number;
}

/** T0 = -mean(uphill delta) / ln(chi0): an average uphill move is accepted with probability chi0. */
export function kirkpatrickTemperature(
  transitions: readonly UphillTransition[],
  acceptance: number,
): number {
  let sum = 0;
  for (const t of transitions) sum += t.after - t.before;
  return -(sum / transitions.length) / Math.log(acceptance);
}

/**
 * The estimated acceptance probability of the uphill transitions at `temperature`
 * (Ben-Ameur 2004): sum exp(-after / T) / sum exp(-before / T), computed relative to the lowest
 * value so that nothing underflows to 0 / 0.
 */
export function uphillAcceptance(
  transitions: readonly UphillTransition[],
  temperature: number,
): number {
  let lowest = Infinity;
  for (const t of transitions) lowest = Math.min(lowest, t.before);
  let accepted = 0;
  let proposed = 0;
  for (const t of transitions) {
    accepted += Math.exp(-(t.after - lowest) / temperature);
    proposed += Math.exp(-(t.before - lowest) / temperature);
  }
  return accepted / proposed;
}

/**
 * Ben-Ameur's iteration T <- T (ln chi(T) / ln chi0)^(1/p), p = 1, from Kirkpatrick's estimate,
 * until the estimated acceptance is within `tolerance` of chi0. Returns undefined when no
 * finite uphill transition was sampled.
 */
export function initialTemperature(
  transitions: readonly UphillTransition[],
  acceptance: number,
  tolerance = 1e-3,
): number | undefined {
  const usable = transitions.filter(
    (t) => Number.isFinite(t.before) && Number.isFinite(t.after) && t.after > t.before,
  );
  if (usable.length === 0) return undefined;
  let temperature = kirkpatrickTemperature(usable, acceptance);
  const target = Math.log(acceptance);
  for (let k = 0; k < 100; k++) {
    const chi = uphillAcceptance(usable, temperature);
    if (!(chi > 0 && chi < 1) || Math.abs(chi - acceptance) < tolerance) break;
    const next = temperature * (Math.log(chi) / target);
    if (!(next > 0 && Number.isFinite(next))) break;
    temperature = next;
  }
  return temperature;
}
