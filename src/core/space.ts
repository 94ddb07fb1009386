// The Space contract: what a candidate is, and the operators algorithms need on it.
import type { Rng } from './rng.js';

/** The kinds of search space kiln knows. */
export type SpaceKind = 'real' | 'integer' | 'categorical' | 'mixed' | 'permutation' | 'binary';

/** Every space kind, in a stable order (for listings and contract tests). */
export const SPACE_KINDS: readonly SpaceKind[] = [
  'real',
  'integer',
  'categorical',
  'mixed',
  'permutation',
  'binary',
];

/** A categorical value: what a choice can be in configs and results. */
export type CategoryValue = string | number | boolean;

/** Options of {@link Space.neighbor}. */
export interface NeighborOptions {
  /**
   * Step size as a fraction of each variable's range (real and mixed spaces).
   * @defaultValue 0.1
   */
  scale?: number;
}

/** Options of {@link Space.perturb}. */
export interface PerturbOptions {
  /**
   * Kick strength: a fraction of the range on real spaces (default 0.3), a number of
   * elementary moves on discrete spaces (default about n/10, at least 2).
   */
  strength?: number;
}

/** Options of {@link Space.mutate}. */
export interface MutateOptions {
  /**
   * Per-variable mutation probability.
   * @defaultValue 1 / dimension
   */
  rate?: number;
}

/**
 * A search space: the set of candidates X and the operators on them. Candidates are plain
 * JSON data (arrays of numbers, or records of values for mixed spaces), so solver states that
 * hold them serialize as they are. Every operator returns a new candidate and never mutates
 * its arguments; every result lies in the space.
 */
export interface Space<X> {
  readonly kind: SpaceKind;
  /** Length of the vector embedding ({@link toVector}). */
  readonly dimension: number;
  /** Lower bounds of the vector embedding. */
  readonly vectorLower: readonly number[];
  /** Upper bounds of the vector embedding. */
  readonly vectorUpper: readonly number[];
  /** The JSON description {@link spaceFromSpec} rebuilds this space from. */
  readonly spec: SpaceSpec;

  /** A uniformly random candidate (log-uniform on log-scale parameters). */
  sample(rng: Rng): X;
  /** True when `x` is a valid candidate of this space. */
  contains(x: unknown): x is X;
  /** The nearest valid candidate (clamps, rounds, fixes permutations, fills inactive parameters). */
  repair(x: X): X;
  /** A small random move. */
  neighbor(x: X, rng: Rng, options?: NeighborOptions): X;
  /** A large random kick, for restarts and iterated local search. */
  perturb(x: X, rng: Rng, options?: PerturbOptions): X;
  /** Per-variable mutation, for evolutionary algorithms. */
  mutate(x: X, rng: Rng, options?: MutateOptions): X;
  /** The space's default recombination of two parents into two children. */
  crossover(a: X, b: X, rng: Rng): [X, X];
  /** A string identifying the candidate: equal keys mean equal candidates. */
  key(x: X): string;
  /** Embeds a candidate as a real vector within [vectorLower, vectorUpper]. */
  toVector(x: X): number[];
  /**
   * Decodes any real vector (clamped into the bounds) into a new candidate (never `v` itself:
   * vector solvers reuse their vectors); fromVector(toVector(x)) equals x.
   */
  fromVector(v: readonly number[]): X;
}

/** JSON description of a space. */
export type SpaceSpec =
  | { kind: 'real'; lower: number[]; upper: number[] }
  | { kind: 'integer'; lower: number[]; upper: number[] }
  | { kind: 'categorical'; choices: CategoryValue[][] }
  | { kind: 'mixed'; parameters: Record<string, ParameterSpec> }
  | { kind: 'permutation'; size: number; neighborhood?: PermutationNeighborhood }
  | { kind: 'binary'; size: number };

/** The small move of a permutation space. */
export type PermutationNeighborhood = 'swap' | 'reversal' | 'insertion';

/**
 * Activation condition of a mixed-space parameter: it is active when every named parameter is
 * active and equals the given value (or one of the listed values).
 */
export type Condition = Record<string, CategoryValue | CategoryValue[]>;

/** One parameter of a mixed space. */
export type ParameterSpec =
  | { type: 'real'; low: number; high: number; log?: boolean; when?: Condition; default?: number }
  | {
      type: 'integer';
      low: number;
      high: number;
      log?: boolean;
      when?: Condition;
      default?: number;
    }
  | { type: 'categorical'; choices: CategoryValue[]; when?: Condition; default?: CategoryValue }
  | { type: 'boolean'; when?: Condition; default?: boolean };

/** A candidate of a mixed space: the active parameters by name. */
export type ParameterValues = Record<string, CategoryValue>;
