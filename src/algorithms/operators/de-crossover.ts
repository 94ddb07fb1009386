// Differential-evolution crossover of a target and its mutant into a trial vector: binomial and
// exponential (Storn & Price 1997; Price, Storn & Lampinen 2005, section 2.6).
import type { Rng } from '../../core/rng.js';

/**
 * `binomial`: each coordinate comes from the mutant with probability CR, one random coordinate
 * always does. `exponential`: a run of consecutive coordinates (cyclic) from a random start,
 * continued while a draw is below CR, comes from the mutant.
 */
export type DifferentialCrossover = 'binomial' | 'exponential';

/** Binomial crossover with rate `rate` (CR). Returns a new vector. */
export function binomialCrossover(
  target: readonly number[],
  mutant: readonly number[],
  rate: number,
  rng: Rng,
): number[] {
  const n = target.length;
  const forced = rng.int(n);
  const trial = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    trial[j] = j === forced || rng.next() < rate ? (mutant[j] as number) : (target[j] as number);
  }
  return trial;
}

/** Exponential crossover with rate `rate` (CR): at least one, at most n coordinates. */
export function exponentialCrossover(
  target: readonly number[],
  mutant: readonly number[],
  rate: number,
  rng: Rng,
): number[] {
  const n = target.length;
  const trial = target.slice();
  const start = rng.int(n);
  let length = 0;
  do {
    const j = (start + length) % n;
    trial[j] = mutant[j] as number;
    length++;
  } while (length < n && rng.next() < rate);
  return trial;
}

/** The crossover named by `kind`. */
export function differentialCrossover(
  kind: DifferentialCrossover,
  target: readonly number[],
  mutant: readonly number[],
  rate: number,
  rng: Rng,
): number[] {
  return kind === 'binomial'
    ? binomialCrossover(target, mutant, rate, rng)
    : exponentialCrossover(target, mutant, rate, rng);
}
