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
  const { current, best, pbest, donors } = vectors;
  const none: readonly number[] = [];
  const [r1 = none, r2 = none, r3 = none, r4 = none, r5 = none] = donors;
  // Every strategy is base + F (a - b) + F (c - d) with some terms absent; closures and a
  // per-coordinate switch would dominate the cost of a generation.
  let base = r1;
  let towards = none;
  let from = none;
  let plus = r2;
  let minus = r3;
  let plus2 = none;
  let minus2 = none;
  switch (strategy) {
    case 'rand/1':
      break;
    case 'rand/2':
      [plus2, minus2] = [r4, r5];
      break;
    case 'best/1':
      [base, plus, minus] = [best, r1, r2];
      break;
    case 'best/2':
      [base, plus, minus, plus2, minus2] = [best, r1, r2, r3, r4];
      break;
    case 'current-to-best/1':
      [base, towards, from, plus, minus] = [current, best, current, r1, r2];
      break;
    case 'current-to-pbest/1':
      [base, towards, from, plus, minus] = [current, pbest, current, r1, r2];
      break;
    case 'rand-to-best/1':
      [towards, from] = [best, r1];
      break;
  }
  const n = current.length;
  const v = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    let difference = (plus[j] as number) - (minus[j] as number);
    if (towards !== none) difference += (towards[j] as number) - (from[j] as number);
    if (plus2 !== none) difference += (plus2[j] as number) - (minus2[j] as number);
    v[j] = (base[j] as number) + weight * difference;
  }
  return v;
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
  const chosen: number[] = [];
  for (let k = 0; k < count; k++) {
    const pool = k === count - 1 ? populationSize + archiveSize : populationSize;
    let index: number;
    do index = rng.int(pool);
    while (index === target || chosen.includes(index));
    chosen.push(index);
  }
  return chosen;
}
