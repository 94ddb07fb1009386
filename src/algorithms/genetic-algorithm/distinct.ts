// De-duplication for the genetic algorithm (as pymoo's eliminate_duplicates): a child whose
// key equals a population member's or a sibling's is varied again, so that no evaluation is
// spent on a candidate the population already holds.
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import type { Variation } from './variation.js';

/** Attempts per stage: re-mutate, then a neighbour move, then a fresh sample. */
const TRIES_PER_STAGE = 5;

/** Identifies candidates: equal keys mean equal candidates. */
export type KeyOf<X> = (x: X) => string;

/** The keys a child must differ from (a Set, or the population's key counts and siblings). */
export interface KeySet {
  has(key: string): boolean;
  add(key: string): unknown;
}

const CHUNK = 4096;

/**
 * The key the GA de-duplicates by: `space.key`, except on spaces whose candidates are plain
 * number vectors (real, integer, binary, permutation), where `space.key` joins the numbers and
 * the raw bits of the doubles identify the same candidates several times faster (only 0 and
 * -0 differ, which merely lets such a pair through).
 */
export function keyFunction<X>(space: Space<X>): KeyOf<X> {
  const known = keyFunctions.get(space);
  if (known !== undefined) return known as KeyOf<X>;
  const keyOf = buildKeyFunction(space);
  keyFunctions.set(space, keyOf);
  return keyOf;
}

// One key function per space: it owns a scratch buffer, and a run asks for it every batch.
const keyFunctions = new WeakMap<object, KeyOf<never>>();

function buildKeyFunction<X>(space: Space<X>): KeyOf<X> {
  if (space.kind === 'categorical' || space.kind === 'mixed') return (x) => space.key(x);
  let doubles = new Float64Array(space.dimension);
  let units = new Uint16Array(doubles.buffer);
  return (x) => {
    const vector = x as unknown as number[];
    if (vector.length !== doubles.length) {
      doubles = new Float64Array(vector.length);
      units = new Uint16Array(doubles.buffer);
    }
    doubles.set(vector);
    let key = '';
    // apply takes the typed array as it is (spreading it would iterate it, far slower).
    for (let at = 0; at < units.length; at += CHUNK) {
      const part = at === 0 && units.length <= CHUNK ? units : units.subarray(at, at + CHUNK);
      key += String.fromCharCode.apply(null, part as unknown as number[]);
    }
    return key;
  };
}

/**
 * `child`, or a variant of it whose key is not in `seen`; the key is added to `seen` and
 * returned with the child. After a few failed attempts (a space smaller than the population)
 * the duplicate is kept.
 */
export function distinctChild<X>(
  space: Space<X>,
  keyOf: KeyOf<X>,
  child: X,
  seen: KeySet,
  variation: Variation<X>,
  rng: Rng,
  improve: (x: X) => X = (x) => x,
): { child: X; key: string } {
  let key = keyOf(child);
  for (let attempt = 0; seen.has(key) && attempt < 3 * TRIES_PER_STAGE; attempt++) {
    const stage = Math.floor(attempt / TRIES_PER_STAGE);
    const varied =
      stage === 0
        ? variation.mutate(child, rng)
        : stage === 1
          ? space.neighbor(child, rng)
          : space.sample(rng);
    child = improve(varied);
    key = keyOf(child);
  }
  seen.add(key);
  return { child, key };
}

/**
 * A random sample, passed through `improve`, whose key is not in `seen` (after a few attempts,
 * any sample).
 */
export function distinctSample<X>(
  space: Space<X>,
  keyOf: KeyOf<X>,
  seen: Set<string>,
  rng: Rng,
  improve: (x: X) => X = (x) => x,
): X {
  let x = improve(space.sample(rng));
  let key = keyOf(x);
  for (let attempt = 0; seen.has(key) && attempt < 3 * TRIES_PER_STAGE; attempt++) {
    x = improve(space.sample(rng));
    key = keyOf(x);
  }
  seen.add(key);
  return x;
}
