// The bounded real-vector space: candidates are number[] inside a box.
import {
  gaussianStep,
  polynomialMutation,
  sbxCrossover,
  uniformVector,
} from '../../algorithms/operators/real.js';
import type { Rng } from '../rng.js';
import type { MutateOptions, NeighborOptions, PerturbOptions, Space, SpaceSpec } from '../space.js';
import { checkBounds } from './bounds.js';

/** Options of {@link realSpace}. */
export interface RealSpaceOptions {
  lower: readonly number[];
  upper: readonly number[];
}

/** A box [lower_i, upper_i]^d of real vectors. Its vector embedding is the identity. */
export function realSpace(options: RealSpaceOptions): Space<number[]> {
  const { lower, upper } = checkBounds('realSpace', options.lower, options.upper, false);
  const dimension = lower.length;
  const spec: SpaceSpec = { kind: 'real', lower: lower.slice(), upper: upper.slice() };
  return {
    kind: 'real',
    dimension,
    vectorLower: lower,
    vectorUpper: upper,
    spec,
    sample: (rng: Rng) => uniformVector(lower, upper, rng),
    contains(x: unknown): x is number[] {
      if (!Array.isArray(x) || x.length !== dimension) return false;
      for (let i = 0; i < dimension; i++) {
        const v: unknown = x[i];
        if (typeof v !== 'number' || !(v >= (lower[i] as number) && v <= (upper[i] as number)))
          return false;
      }
      return true;
    },
    repair: (x) => clampedCopy(x, lower, upper),
    neighbor: (x, rng, opts?: NeighborOptions) =>
      gaussianStep(x, lower, upper, opts?.scale ?? 0.1, rng),
    perturb: (x, rng, opts?: PerturbOptions) =>
      gaussianStep(x, lower, upper, opts?.strength ?? 0.3, rng),
    mutate: (x, rng, opts?: MutateOptions) =>
      polynomialMutation(x, lower, upper, opts?.rate ?? 1 / dimension, 20, rng),
    crossover: (a, b, rng) => sbxCrossover(a, b, lower, upper, 15, rng),
    key: (x) => x.join(','),
    toVector: (x) => x.slice(),
    fromVector: (v) => clampedCopy(v, lower, upper),
  };
}

// A copy clamped into the box; NaN coordinates become the lower bound. A plain loop: vector
// solvers call this once per candidate.
function clampedCopy(
  v: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number[] {
  const n = lower.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = v[i] as number;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    out[i] = t > lo ? (t < hi ? t : hi) : lo;
  }
  return out;
}
