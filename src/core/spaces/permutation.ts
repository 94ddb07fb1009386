// The permutation space: orderings of 0..n-1 (tours, assignments, schedules).
import {
  argsort,
  doubleBridge,
  isPermutation,
  orderCrossover,
  randomInsertion,
  randomReversal,
  randomSwap,
  repairPermutation,
} from '../../algorithms/operators/permutation.js';
import { ParameterError, describeValue } from '../errors.js';
import type { Rng } from '../rng.js';
import type { PermutationNeighborhood, PerturbOptions, Space, SpaceSpec } from '../space.js';
import { checkSize } from './bounds.js';

/** Options of {@link permutationSpace}. */
export interface PermutationSpaceOptions {
  /** n: candidates are orderings of 0..n-1. */
  size: number;
  /**
   * The small move: `swap` two positions (assignment problems), `reversal` of a segment
   * (2-opt, tours), or `insertion` of one element elsewhere (scheduling).
   * @defaultValue 'swap'
   */
  neighborhood?: PermutationNeighborhood;
}

const MOVES: Record<PermutationNeighborhood, (x: readonly number[], rng: Rng) => number[]> = {
  swap: randomSwap,
  reversal: randomReversal,
  insertion: randomInsertion,
};

/**
 * Permutations of 0..n-1. The vector embedding is random keys (Bean 1994): element x[i] gets
 * key (i + 0.5) / n, and decoding sorts the elements by key.
 */
export function permutationSpace(options: PermutationSpaceOptions): Space<number[]> {
  const size = checkSize('permutationSpace', options.size);
  const neighborhood = options.neighborhood ?? 'swap';
  const move = MOVES[neighborhood];
  if (move === undefined) {
    throw new ParameterError(
      `permutationSpace: neighborhood must be one of swap, reversal, insertion (got ${describeValue(neighborhood)})`,
    );
  }
  const spec: SpaceSpec = { kind: 'permutation', size, neighborhood };
  return {
    kind: 'permutation',
    dimension: size,
    vectorLower: new Array<number>(size).fill(0),
    vectorUpper: new Array<number>(size).fill(1),
    spec,
    sample: (rng) => rng.permutation(size),
    contains: (x: unknown): x is number[] => Array.isArray(x) && isPermutation(x, size),
    repair: (x) => repairPermutation(x, size),
    neighbor: (x, rng) => move(x, rng),
    perturb(x, rng, opts?: PerturbOptions) {
      if (opts?.strength === undefined && size >= 8) return doubleBridge(x, rng);
      let y = x.slice();
      const count = opts?.strength ?? 2;
      for (let k = 0; k < count; k++) y = randomSwap(y, rng);
      return y;
    },
    // Permutation mutation is one move of the neighbourhood, applied with probability 1.
    mutate: (x, rng) => move(x, rng),
    crossover: (a, b, rng) => orderCrossover(a, b, rng),
    key: (x) => x.join(','),
    toVector(x) {
      const keys = new Array<number>(size);
      for (let i = 0; i < size; i++) keys[x[i] as number] = (i + 0.5) / size;
      return keys;
    },
    fromVector: (v) =>
      argsort(
        Array.from({ length: size }, (_, i) => {
          const t = v[i] ?? 0;
          return Number.isNaN(t) ? 0 : t;
        }),
      ),
  };
}
