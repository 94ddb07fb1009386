// Differential-evolution mutation strategies: the mutant vector formulas (Storn & Price 1997;
// current-to-pbest/1 from Zhang & Sanderson 2009, JADE) and the choice of their donors.
import type { Rng } from '../../core/rng.js';

/**
 * How a mutant vector is built, written `base/number of difference vectors`:
 * - `rand/1`: r1 + F (r2 - r3)
 * - `rand/2`: r1 + F (r2 - r3) + F (r4 - r5)
 * - `best/1`: best + F (r1 - r2)
 * - `best/2`: best + F (r1 - r2) + F (r3 - r4)
 * - `current-to-best/1`: x + F (best - x) + F (r1 - r2)
 * - `current-to-pbest/1`: x + F (pbest - x) + F (r1 - r2), pbest drawn from the best p fraction
 *   and r2 from the population and the external archive together (JADE)
 * - `rand-to-best/1`: r1 + F (best - r1) + F (r2 - r3)
 */
export type MutationStrategy =
  | 'rand/1'
  | 'rand/2'
  | 'best/1'
  | 'best/2'
  | 'current-to-best/1'
  | 'current-to-pbest/1'
  | 'rand-to-best/1';

/** Every strategy, in documentation order. */
export const MUTATION_STRATEGIES: readonly MutationStrategy[] = [
  'rand/1',
  'rand/2',
  'best/1',
  'best/2',
  'current-to-best/1',
  'current-to-pbest/1',
  'rand-to-best/1',
];

/** Distinct random donors (r1, r2, ...) each strategy draws, besides the target itself. */
export const DONOR_COUNT: Readonly<Record<MutationStrategy, number>> = {
  'rand/1': 3,
  'rand/2': 5,
  'best/1': 2,
  'best/2': 4,
  'current-to-best/1': 2,
  'current-to-pbest/1': 2,
  'rand-to-best/1': 3,
};

/** Whether the strategy's last donor may come from the external archive. */
export function usesArchive(strategy: MutationStrategy): boolean {
  return strategy === 'current-to-pbest/1';
}

/** The smallest population a strategy works with: the target and its distinct donors. */
export function minimumPopulation(strategy: MutationStrategy): number {
  return Math.max(4, DONOR_COUNT[strategy] + 1);
}

/** The vectors a strategy combines. */
export interface MutationVectors {
  /** The target vector x (the parent the trial competes with). */
  current: readonly number[];
  /** The best vector of the population. */
  best: readonly number[];
  /** A vector drawn from the best p fraction (current-to-pbest/1 only). */
  pbest: readonly number[];
  /** The random donors r1, r2, ... in order ({@link DONOR_COUNT} of them). */
  donors: readonly (readonly number[])[];
}

/** The mutant vector of `strategy` with differential weight `weight` (F). Returns a new vector. */
export function mutantVector(
  strategy: MutationStrategy,
  vectors: MutationVectors,
  weight: number,
): number[] {
  const v = new Array<number>(vectors.current.length);
  writeMutant(v, strategy, vectors, weight);
  return v;
}

const NONE: readonly number[] = [];

/**
 * Writes the mutant vector of `strategy` with differential weight `weight` (F) into `out` (of
 * the vectors' length): the allocation-free form of {@link mutantVector} that a generation uses.
 */
export function writeMutant(
  out: number[] | Float64Array,
  strategy: MutationStrategy,
  vectors: MutationVectors,
  weight: number,
): void {
  const { current, best, pbest, donors } = vectors;
  const r1 = donors[0] ?? NONE;
  const r2 = donors[1] ?? NONE;
  const r3 = donors[2] ?? NONE;
  // Every strategy is base + F (a - b) + F (c - d) with some terms absent; closures and a
  // per-coordinate switch would dominate the cost of a generation.
  let base = r1;
  let towards = NONE;
  let from = NONE;
  let plus = r2;
  let minus = r3;
  let plus2 = NONE;
  let minus2 = NONE;
  switch (strategy) {
    case 'rand/1':
      break;
    case 'rand/2':
      plus2 = donors[3] ?? NONE;
      minus2 = donors[4] ?? NONE;
      break;
    case 'best/1':
      base = best;
      plus = r1;
      minus = r2;
      break;
    case 'best/2':
      base = best;
      plus = r1;
      minus = r2;
      plus2 = r3;
      minus2 = donors[3] ?? NONE;
      break;
    case 'current-to-best/1':
    case 'current-to-pbest/1':
      base = current;
      towards = strategy === 'current-to-best/1' ? best : pbest;
      from = current;
      plus = r1;
      minus = r2;
      break;
    case 'rand-to-best/1':
      towards = best;
      from = r1;
      break;
  }
  const n = current.length;
  for (let j = 0; j < n; j++) {
    let difference = (plus[j] as number) - (minus[j] as number);
    if (towards !== NONE) difference += (towards[j] as number) - (from[j] as number);
    if (plus2 !== NONE) difference += (plus2[j] as number) - (minus2[j] as number);
    out[j] = (base[j] as number) + weight * difference;
  }
}

/**
 * Draws the donors of target `target`: distinct population indices in [0, populationSize), all
 * different from the target. When `archiveSize` > 0 the last donor is drawn from the population
 * and the archive together: an index >= populationSize then names archive member
 * index - populationSize.
 */
export function chooseDonors(
  count: number,
  target: number,
  populationSize: number,
  archiveSize: number,
  rng: Rng,
): number[] {
  const chosen = new Array<number>(count);
  writeDonors(chosen, count, target, populationSize, archiveSize, rng);
  return chosen;
}

/** {@link chooseDonors} into the first `count` slots of `chosen` (the same draws, no allocation). */
export function writeDonors(
  chosen: number[] | Int32Array,
  count: number,
  target: number,
  populationSize: number,
  archiveSize: number,
  rng: Rng,
): void {
  for (let k = 0; k < count; k++) {
    const pool = k === count - 1 ? populationSize + archiveSize : populationSize;
    let index: number;
    do index = rng.int(pool);
    while (index === target || isChosen(chosen, k, index));
    chosen[k] = index;
  }
}

function isChosen(chosen: number[] | Int32Array, count: number, index: number): boolean {
  for (let k = 0; k < count; k++) if (chosen[k] === index) return true;
  return false;
}
