// De-duplication for the genetic algorithm (as pymoo's eliminate_duplicates): a child whose
// key equals a population member's or a sibling's is varied again, so that no evaluation is
// spent on a candidate the population already holds.
import type { Rng } from '../core/rng.js';
import type { Space } from '../core/space.js';
import type { Variation } from './genetic-algorithm-variation.js';

/** Attempts per stage: re-mutate, then a neighbour move, then a fresh sample. */
const TRIES_PER_STAGE = 5;

/**
 * `child`, or a variant of it whose key is not in `seen`; the key is added to `seen`. After
 * a few failed attempts (a space smaller than the population) the duplicate is kept.
 */
export function distinctChild<X>(
  space: Space<X>,
  child: X,
  seen: Set<string>,
  variation: Variation<X>,
  rng: Rng,
  improve: (x: X) => X = (x) => x,
): X {
  let key = space.key(child);
  for (let attempt = 0; seen.has(key) && attempt < 3 * TRIES_PER_STAGE; attempt++) {
    const stage = Math.floor(attempt / TRIES_PER_STAGE);
    const varied =
      stage === 0
        ? variation.mutate(child, rng)
        : stage === 1
          ? space.neighbor(child, rng)
          : space.sample(rng);
    child = improve(varied);
    key = space.key(child);
  }
  seen.add(key);
  return child;
}

/**
 * A random sample, passed through `improve`, whose key is not in `seen` (after a few attempts,
 * any sample).
 */
export function distinctSample<X>(
  space: Space<X>,
  seen: Set<string>,
  rng: Rng,
  improve: (x: X) => X = (x) => x,
): X {
  let x = improve(space.sample(rng));
  let key = space.key(x);
  for (let attempt = 0; seen.has(key) && attempt < 3 * TRIES_PER_STAGE; attempt++) {
    x = improve(space.sample(rng));
    key = space.key(x);
  }
  seen.add(key);
  return x;
}
