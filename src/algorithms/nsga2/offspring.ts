// Offspring of an NSGA generation: binary tournaments pick parents, pairs are recombined and
// mutated. Real spaces use SBX and polynomial mutation (Deb 2002); other spaces their own
// crossover and mutation.
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { polynomialMutation } from '../operators/polynomial-mutation.js';
import { simulatedBinaryCrossover } from '../operators/simulated-binary-crossover.js';
import type { NsgaParams } from './params.js';

/**
 * Compares individuals i and j for a tournament: negative when i wins, positive when j wins,
 * 0 for a tie (then a coin decides).
 */
export type TournamentComparison = (i: number, j: number) => number;

/** Winner of a binary tournament between two distinct random individuals of `size`. */
export function binaryTournament(size: number, compare: TournamentComparison, rng: Rng): number {
  if (size === 1) return 0;
  const i = rng.int(size);
  let j = rng.int(size - 1);
  if (j >= i) j++;
  const order = compare(i, j);
  if (order < 0) return i;
  if (order > 0) return j;
  return rng.bool() ? i : j;
}

// Draws of a pair whose children both repeat a candidate already present before one is kept.
const DUPLICATE_RETRIES = 8;

/**
 * `count` offspring of `parents`, chosen by `compare` tournaments. Children equal to a parent, to
 * one of `others` (candidates already asked) or to an earlier child are drawn again (up to a few
 * times), as pymoo eliminates duplicates: they would cost evaluations without adding a point to
 * the front.
 */
export function makeOffspring<X>(
  parents: readonly X[],
  compare: TournamentComparison,
  space: Space<X>,
  params: NsgaParams,
  count: number,
  rng: Rng,
  others: readonly X[] = [],
): X[] {
  const children: X[] = [];
  const rate = params.mutationRate > 0 ? params.mutationRate : 1 / Math.max(1, space.dimension);
  const seen = new Set([...parents, ...others].map((x) => space.key(x)));
  let retries = 0;
  while (children.length < count) {
    const a = parents[binaryTournament(parents.length, compare, rng)] as X;
    const b = parents[binaryTournament(parents.length, compare, rng)] as X;
    const pair =
      space.kind === 'real'
        ? realPair(a, b, space, params, rate, rng)
        : otherPair(a, b, space, params, rate, rng);
    const fresh = pair.filter((x) => !seen.has(space.key(x)));
    if (fresh.length === 0 && retries < DUPLICATE_RETRIES) {
      retries++;
      continue;
    }
    retries = 0;
    for (const child of fresh.length === 0 ? pair : fresh) {
      if (children.length === count) break;
      seen.add(space.key(child));
      children.push(child);
    }
  }
  return children;
}

function realPair<X>(
  a: X,
  b: X,
  space: Space<X>,
  params: NsgaParams,
  rate: number,
  rng: Rng,
): [X, X] {
  const lower = space.vectorLower;
  const upper = space.vectorUpper;
  const [first, second] = rng.bool(params.crossoverRate)
    ? simulatedBinaryCrossover(
        a as number[],
        b as number[],
        lower,
        upper,
        {
          distributionIndex: params.crossoverDistributionIndex,
          variableProbability: 0.5,
        },
        rng,
      )
    : [(a as number[]).slice(), (b as number[]).slice()];
  const eta = params.mutationDistributionIndex;
  return [
    polynomialMutation(first, lower, upper, rate, eta, rng) as X,
    polynomialMutation(second, lower, upper, rate, eta, rng) as X,
  ];
}

function otherPair<X>(
  a: X,
  b: X,
  space: Space<X>,
  params: NsgaParams,
  rate: number,
  rng: Rng,
): [X, X] {
  const [first, second] = rng.bool(params.crossoverRate) ? space.crossover(a, b, rng) : [a, b];
  return [space.mutate(first, rng, { rate }), space.mutate(second, rng, { rate })];
}
