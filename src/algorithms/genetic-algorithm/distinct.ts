// De-duplication for the genetic algorithm (as pymoo's eliminate_duplicates): a child whose
// key equals a population member's or a sibling's is varied again, so that no evaluation is
// spent on a candidate the population already holds.
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import type { Variation } from './variation.js';

/** Attempts per stage: re-mutate, then a neighbour move, then a fresh sample. */
const TRIES_PER_STAGE = 5;

/** Identifies candidates: equal keys mean equal candidates (`space.key`). */
export type KeyOf<X> = (x: X) => string;

/** The keys a child must differ from (a Set, or the population's key counts and siblings). */
export interface KeySet {
  has(key: string): boolean;
  add(key: string): unknown;
}

/** The candidates a child must differ from; `add` records a child that joins them. */
export interface CandidateSet<X> {
  has(x: X): boolean;
  add(x: X): unknown;
}

/**
 * True on spaces whose candidates are plain number vectors (real, integer, binary, permutation):
 * the GA de-duplicates them by their bits in a VectorSet (population-vectors.ts) rather than by
 * string keys.
 */
export function isVectorSpace<X>(space: Space<X>): boolean {
  return space.kind !== 'categorical' && space.kind !== 'mixed';
}

/**
 * Candidates identified by `keyOf` in `keys`; each added candidate's key is also appended to
 * `added` (the state keeps the keys of what it asked).
 */
export function keyedCandidates<X>(
  keyOf: KeyOf<X>,
  keys: KeySet,
  added: string[],
): CandidateSet<X> {
  // add usually follows has on the same candidate: its key is not computed twice.
  let lastCandidate: X | undefined;
  let lastKey = '';
  return {
    has(x) {
      lastCandidate = x;
      lastKey = keyOf(x);
      return keys.has(lastKey);
    },
    add(x) {
      const key = x === lastCandidate ? lastKey : keyOf(x);
      keys.add(key);
      added.push(key);
    },
  };
}

/**
 * `child`, or a variant of it that is not in `seen`; the result is added to `seen`. After a few
 * failed attempts (a space smaller than the population) the duplicate is kept.
 */
export function distinctChild<X>(
  space: Space<X>,
  child: X,
  seen: CandidateSet<X>,
  variation: Variation<X>,
  rng: Rng,
  improve?: (x: X) => X,
): X {
  // `improve` is optional so that the common call, without one, allocates no default closure.
  for (let attempt = 0; seen.has(child) && attempt < 3 * TRIES_PER_STAGE; attempt++) {
    const stage = Math.floor(attempt / TRIES_PER_STAGE);
    const varied =
      stage === 0
        ? variation.mutate(child, rng)
        : stage === 1
          ? space.neighbor(child, rng)
          : space.sample(rng);
    child = improve === undefined ? varied : improve(varied);
  }
  seen.add(child);
  return child;
}

/**
 * A random sample, passed through `improve`, that is not in `seen` (after a few attempts, any
 * sample); it is added to `seen`.
 */
export function distinctSample<X>(
  space: Space<X>,
  seen: CandidateSet<X>,
  rng: Rng,
  improve: (x: X) => X = (x) => x,
): X {
  let x = improve(space.sample(rng));
  for (let attempt = 0; seen.has(x) && attempt < 3 * TRIES_PER_STAGE; attempt++) {
    x = improve(space.sample(rng));
  }
  seen.add(x);
  return x;
}
