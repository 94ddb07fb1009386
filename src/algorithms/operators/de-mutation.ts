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
  const { current: x, best, pbest, donors } = vectors;
  const r = (k: number): readonly number[] => donors[k] as readonly number[];
  const n = x.length;
  const v = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const at = (vector: readonly number[]): number => vector[j] as number;
    switch (strategy) {
      case 'rand/1':
        v[j] = at(r(0)) + weight * (at(r(1)) - at(r(2)));
        break;
      case 'rand/2':
        v[j] = at(r(0)) + weight * (at(r(1)) - at(r(2)) + at(r(3)) - at(r(4)));
        break;
      case 'best/1':
        v[j] = at(best) + weight * (at(r(0)) - at(r(1)));
        break;
      case 'best/2':
        v[j] = at(best) + weight * (at(r(0)) - at(r(1)) + at(r(2)) - at(r(3)));
        break;
      case 'current-to-best/1':
        v[j] = at(x) + weight * (at(best) - at(x) + at(r(0)) - at(r(1)));
        break;
      case 'current-to-pbest/1':
        v[j] = at(x) + weight * (at(pbest) - at(x) + at(r(0)) - at(r(1)));
        break;
      case 'rand-to-best/1':
        v[j] = at(r(0)) + weight * (at(best) - at(r(0)) + at(r(1)) - at(r(2)));
        break;
    }
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
