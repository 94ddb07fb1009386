// The genetic algorithm's variation operators per space kind: which crossover and mutation a
// parameter names, whether it fits the space, and the functions that apply them.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Space, SpaceKind } from '../../core/space.js';
import { onePointCrossover, twoPointCrossover, uniformCrossover } from '../operators/array.js';
import { bitFlipMutation } from '../operators/binary-mutation.js';
import {
  cycleCrossover,
  edgeCrossover,
  partiallyMappedCrossover,
} from '../operators/permutation-crossover.js';
import {
  insertionMutation,
  inversionMutation,
  swapMutation,
} from '../operators/permutation-mutation.js';
import { orderCrossover } from '../operators/permutation.js';
import { arithmeticCrossover, blendCrossover } from '../operators/real-crossover.js';
import { gaussianMutation, uniformResetMutation } from '../operators/real-mutation.js';
import { polynomialMutation, sbxCrossover } from '../operators/real.js';

/** Crossover operators; `auto` is the space kind's default (see {@link defaultCrossover}). */
export const CROSSOVERS = [
  'auto',
  'sbx',
  'blend',
  'arithmetic',
  'order',
  'pmx',
  'cycle',
  'edge',
  'uniform',
  'one-point',
  'two-point',
] as const;
export type CrossoverName = (typeof CROSSOVERS)[number];

/** Mutation operators; `auto` is the space kind's default (see {@link defaultMutation}). */
export const MUTATIONS = [
  'auto',
  'polynomial',
  'gaussian',
  'uniform',
  'swap',
  'insertion',
  'inversion',
  'bit-flip',
] as const;
export type MutationName = (typeof MUTATIONS)[number];

const ARRAY_KINDS: readonly SpaceKind[] = ['real', 'integer', 'binary', 'categorical', 'mixed'];
const NUMERIC_KINDS: readonly SpaceKind[] = ['real', 'integer'];
const PERMUTATION: readonly SpaceKind[] = ['permutation'];

const CROSSOVER_KINDS: Record<Exclude<CrossoverName, 'auto'>, readonly SpaceKind[]> = {
  sbx: NUMERIC_KINDS,
  blend: NUMERIC_KINDS,
  arithmetic: NUMERIC_KINDS,
  order: PERMUTATION,
  pmx: PERMUTATION,
  cycle: PERMUTATION,
  edge: PERMUTATION,
  uniform: ARRAY_KINDS,
  'one-point': ARRAY_KINDS,
  'two-point': ARRAY_KINDS,
};

const MUTATION_KINDS: Record<Exclude<MutationName, 'auto'>, readonly SpaceKind[]> = {
  polynomial: NUMERIC_KINDS,
  gaussian: NUMERIC_KINDS,
  uniform: NUMERIC_KINDS,
  swap: PERMUTATION,
  insertion: PERMUTATION,
  inversion: PERMUTATION,
  'bit-flip': ['binary'],
};

/** The crossover `auto` stands for on each space kind. */
export function defaultCrossover(kind: SpaceKind): Exclude<CrossoverName, 'auto'> {
  if (kind === 'real') return 'sbx';
  if (kind === 'permutation') return 'order';
  return 'uniform';
}

/**
 * The mutation `auto` stands for: polynomial on real spaces, bit flip on binary ones, the
 * space's own neighbourhood move on permutations; integer, categorical and mixed spaces use
 * their `mutate` (reported as undefined here).
 */
export function defaultMutation(space: Space<unknown>): Exclude<MutationName, 'auto'> | undefined {
  switch (space.kind) {
    case 'real':
      return 'polynomial';
    case 'binary':
      return 'bit-flip';
    case 'permutation': {
      const spec = space.spec;
      const neighborhood = spec.kind === 'permutation' ? spec.neighborhood : undefined;
      return neighborhood === 'reversal'
        ? 'inversion'
        : neighborhood === 'insertion'
          ? 'insertion'
          : 'swap';
    }
    default:
      return undefined;
  }
}

function kindsText(kinds: readonly SpaceKind[]): string {
  if (kinds.length === 1) return kinds[0] as string;
  return `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1] as string}`;
}

/** Throws unless the named crossover and mutation work on `kind`. */
export function checkOperators(
  where: string,
  kind: SpaceKind,
  crossover: CrossoverName,
  mutation: MutationName,
): void {
  if (crossover !== 'auto' && !CROSSOVER_KINDS[crossover].includes(kind)) {
    throw new ParameterError(
      `${where}: crossover ${crossover} works on ${kindsText(CROSSOVER_KINDS[crossover])} spaces; this space is ${kind}`,
    );
  }
  if (mutation !== 'auto' && !MUTATION_KINDS[mutation].includes(kind)) {
    throw new ParameterError(
      `${where}: mutation ${mutation} works on ${kindsText(MUTATION_KINDS[mutation])} spaces; this space is ${kind}`,
    );
  }
}

/** What the variation operators need from the solver's parameters. */
export interface VariationSettings {
  crossover: CrossoverName;
  mutation: MutationName;
  /** Per-variable mutation probability; null means 1 / dimension (the space's own if mixed). */
  mutationRate: number | null;
  crossoverDistributionIndex: number;
  blendAlpha: number;
  mutationDistributionIndex: number;
  mutationScale: number;
}

/** Crossover and mutation bound to one space. */
export interface Variation<X> {
  crossover(a: X, b: X, rng: Rng): [X, X];
  mutate(x: X, rng: Rng): X;
  /**
   * `mutate` for a child that `crossover` has just made: where the crossover is known to return
   * new arrays, the mutation may change the child in place instead of copying it again.
   */
  mutateChild(x: X, rng: Rng): X;
}

type VectorPair = [number[], number[]];

const built = new WeakMap<object, { settings: object; variation: Variation<never> }>();

/**
 * {@link buildVariation}, built once per space and settings object: a run asks many times (the
 * steady-state model twice per pair of children), and the operators do not change.
 */
export function variationFor<X>(space: Space<X>, settings: VariationSettings): Variation<X> {
  const known = built.get(space);
  if (known !== undefined && known.settings === settings) return known.variation;
  const variation = buildVariation(space, settings);
  built.set(space, { settings, variation: variation as Variation<never> });
  return variation;
}

/**
 * The crossover and mutation that `settings` name, for `space`. Real-valued operators work on
 * integer spaces through the vector embedding, rounded back by `fromVector`; position-wise
 * crossovers on mixed spaces cut the embedding in declared parameter order.
 */
export function buildVariation<X>(space: Space<X>, settings: VariationSettings): Variation<X> {
  const lower = space.vectorLower;
  const upper = space.vectorUpper;
  const rate = settings.mutationRate ?? 1 / Math.max(1, space.dimension);
  const crossoverName =
    settings.crossover === 'auto' ? defaultCrossover(space.kind) : settings.crossover;
  const mutationName = settings.mutation === 'auto' ? defaultMutation(space) : settings.mutation;

  // Operators on number arrays, lifted to X through the embedding where X is not one.
  const direct = space.kind === 'real' || space.kind === 'permutation' || space.kind === 'binary';
  const liftPair = (op: (a: number[], b: number[], rng: Rng) => VectorPair) =>
    direct
      ? (op as unknown as (a: X, b: X, rng: Rng) => [X, X])
      : (a: X, b: X, rng: Rng): [X, X] => {
          const [c1, c2] = op(space.toVector(a), space.toVector(b), rng);
          return [space.fromVector(c1), space.fromVector(c2)];
        };
  const lift = (op: (x: number[], rng: Rng) => number[]) =>
    direct
      ? (op as unknown as (x: X, rng: Rng) => X)
      : (x: X, rng: Rng): X => space.fromVector(op(space.toVector(x), rng));

  let crossover: (a: X, b: X, rng: Rng) => [X, X];
  switch (crossoverName) {
    case 'sbx':
      crossover = liftPair((a, b, rng) =>
        sbxCrossover(a, b, lower, upper, settings.crossoverDistributionIndex, rng),
      );
      break;
    case 'blend':
      crossover = liftPair((a, b, rng) =>
        blendCrossover(a, b, lower, upper, settings.blendAlpha, rng),
      );
      break;
    case 'arithmetic':
      crossover = liftPair(arithmeticCrossover);
      break;
    case 'order':
      crossover = liftPair(orderCrossover);
      break;
    case 'pmx':
      crossover = liftPair(partiallyMappedCrossover);
      break;
    case 'cycle':
      crossover = liftPair(cycleCrossover);
      break;
    case 'edge':
      crossover = liftPair(edgeCrossover);
      break;
    case 'uniform':
      crossover =
        space.kind === 'mixed'
          ? (a, b, rng) => space.crossover(a, b, rng)
          : (uniformCrossover as unknown as (a: X, b: X, rng: Rng) => [X, X]);
      break;
    case 'one-point':
      crossover =
        space.kind === 'mixed'
          ? liftPair(onePointCrossover)
          : (onePointCrossover as unknown as (a: X, b: X, rng: Rng) => [X, X]);
      break;
    case 'two-point':
      crossover =
        space.kind === 'mixed'
          ? liftPair(twoPointCrossover)
          : (twoPointCrossover as unknown as (a: X, b: X, rng: Rng) => [X, X]);
      break;
  }

  let mutate: (x: X, rng: Rng) => X;
  switch (mutationName) {
    case 'polynomial':
      mutate = lift((x, rng) =>
        polynomialMutation(x, lower, upper, rate, settings.mutationDistributionIndex, rng),
      );
      break;
    case 'gaussian':
      mutate = lift((x, rng) =>
        gaussianMutation(x, lower, upper, rate, settings.mutationScale, rng),
      );
      break;
    case 'uniform':
      mutate = lift((x, rng) => uniformResetMutation(x, lower, upper, rate, rng));
      break;
    case 'swap':
      mutate = lift((x, rng) => swapMutation(x, rate, rng));
      break;
    case 'insertion':
      mutate = lift((x, rng) => insertionMutation(x, rate, rng));
      break;
    case 'inversion':
      mutate = lift((x, rng) => inversionMutation(x, rate, rng));
      break;
    case 'bit-flip':
      mutate = lift((x, rng) => bitFlipMutation(x, rate, rng));
      break;
    case undefined:
      mutate =
        settings.mutationRate === null
          ? (x, rng) => space.mutate(x, rng)
          : (x, rng) => space.mutate(x, rng, { rate });
      break;
  }
  let mutateChild = mutate;
  if (direct && crossoverName === 'sbx' && mutationName === 'polynomial') {
    const eta = settings.mutationDistributionIndex;
    mutateChild = (x, rng) =>
      polynomialMutation(x as unknown as number[], lower, upper, rate, eta, rng, true) as X;
  }
  return { crossover, mutate, mutateChild };
}
