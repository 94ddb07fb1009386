// The bounded integer-vector space: candidates are number[] of integers inside a box.
import { uniformCrossover } from '../../algorithms/operators/array.js';
import type { Rng } from '../rng.js';
import type { MutateOptions, NeighborOptions, PerturbOptions, Space, SpaceSpec } from '../space.js';
import { checkBounds } from './bounds.js';

/** Options of {@link integerSpace}. */
export interface IntegerSpaceOptions {
  lower: readonly number[];
  upper: readonly number[];
}

/**
 * A box of integer vectors. Its vector embedding is the identity with each coordinate widened
 * by 0.5 on both sides, so that rounding gives every integer an equal share.
 */
export function integerSpace(options: IntegerSpaceOptions): Space<number[]> {
  const { lower, upper } = checkBounds('integerSpace', options.lower, options.upper, true);
  const dimension = lower.length;
  const spec: SpaceSpec = { kind: 'integer', lower: lower.slice(), upper: upper.slice() };
  const clampRound = (v: number, i: number): number => {
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const r = Number.isNaN(v) ? lo : Math.round(v);
    return r < lo ? lo : r > hi ? hi : r;
  };
  // A step of at least 1 whose typical size is `scale` of the range.
  const step = (v: number, i: number, scale: number, rng: Rng): number => {
    const range = (upper[i] as number) - (lower[i] as number);
    if (range === 0) return v;
    const size = Math.max(1, Math.round(Math.abs(rng.normal(0, scale * range))));
    return clampRound(v + (rng.bool() ? size : -size), i);
  };
  const resample = (i: number, rng: Rng): number =>
    rng.integer(lower[i] as number, upper[i] as number);
  return {
    kind: 'integer',
    dimension,
    vectorLower: lower.map((v) => v - 0.5),
    vectorUpper: upper.map((v) => v + 0.5),
    spec,
    sample: (rng) => lower.map((_, i) => resample(i, rng)),
    contains(x: unknown): x is number[] {
      if (!Array.isArray(x) || x.length !== dimension) return false;
      return x.every(
        (v: unknown, i) =>
          typeof v === 'number' &&
          Number.isInteger(v) &&
          v >= (lower[i] as number) &&
          v <= (upper[i] as number),
      );
    },
    repair: (x) => x.map(clampRound),
    neighbor(x, rng, opts?: NeighborOptions) {
      const y = x.slice();
      const i = rng.int(dimension);
      y[i] = step(y[i] as number, i, opts?.scale ?? 0.1, rng);
      return y;
    },
    perturb(x, rng, opts?: PerturbOptions) {
      const scale = opts?.strength ?? 0.3;
      return x.map((v, i) => step(v, i, scale, rng));
    },
    mutate(x, rng, opts?: MutateOptions) {
      const rate = opts?.rate ?? 1 / dimension;
      return x.map((v, i) =>
        rng.next() < rate ? (rng.bool() ? resample(i, rng) : step(v, i, 0.1, rng)) : v,
      );
    },
    crossover: (a, b, rng) => uniformCrossover(a, b, rng),
    key: (x) => x.join(','),
    toVector: (x) => x.slice(),
    fromVector: (v) => Array.from(v, clampRound),
  };
}
