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
  mutant: readonly number[] | Float64Array,
  rate: number,
  rng: Rng,
): number[] {
  const trial = new Array<number>(target.length);
  writeBinomial(trial, target, mutant, rate, rng);
  return trial;
}

// The two coordinates a binomial crossover chooses between, target first.
const pair = new Float64Array(2);

function writeBinomial(
  trial: number[],
  target: readonly number[],
  mutant: readonly number[] | Float64Array,
  rate: number,
  rng: Rng,
): void {
  const n = target.length;
  const forced = rng.int(n);
  for (let j = 0; j < n; j++) {
    if (j === forced) {
      trial[j] = mutant[j] as number;
      continue;
    }
    // The comparison is read as an index rather than taken as a branch: with CR near 0.5 a
    // branch on it was mispredicted every other coordinate, about 60 of the 150 ns of a trial
    // at d = 10 (bench/README.md). Same draws, same comparison, same trial.
    pair[0] = target[j] as number;
    pair[1] = mutant[j] as number;
    trial[j] = pair[Number(rng.next() < rate)] as number;
  }
}

/** Exponential crossover with rate `rate` (CR): at least one, at most n coordinates. */
export function exponentialCrossover(
  target: readonly number[],
  mutant: readonly number[] | Float64Array,
  rate: number,
  rng: Rng,
): number[] {
  const trial = new Array<number>(target.length);
  writeExponential(trial, target, mutant, rate, rng);
  return trial;
}

function writeExponential(
  trial: number[],
  target: readonly number[],
  mutant: readonly number[] | Float64Array,
  rate: number,
  rng: Rng,
): void {
  const n = target.length;
  for (let j = 0; j < n; j++) trial[j] = target[j] as number;
  const start = rng.int(n);
  let length = 0;
  do {
    const j = (start + length) % n;
    trial[j] = mutant[j] as number;
    length++;
  } while (length < n && rng.next() < rate);
}

/** The crossover named by `kind`. Returns a new vector. */
export function differentialCrossover(
  kind: DifferentialCrossover,
  target: readonly number[],
  mutant: readonly number[] | Float64Array,
  rate: number,
  rng: Rng,
): number[] {
  const trial = new Array<number>(target.length);
  writeCrossover(trial, kind, target, mutant, rate, rng);
  return trial;
}

/** The crossover named by `kind`, written into `trial` (of the target's length). */
export function writeCrossover(
  trial: number[],
  kind: DifferentialCrossover,
  target: readonly number[],
  mutant: readonly number[] | Float64Array,
  rate: number,
  rng: Rng,
): void {
  if (kind === 'binomial') writeBinomial(trial, target, mutant, rate, rng);
  else writeExponential(trial, target, mutant, rate, rng);
}
