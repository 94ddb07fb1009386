// The genetic algorithm's parameters: their type, defaults and JSON Schema (the solver lives in
// ./genetic-algorithm.ts).
import type { JsonSchema } from '../../core/solver.js';
import { CROSSOVERS, MUTATIONS, type CrossoverName, type MutationName } from './variation.js';
import { LOCAL_SEARCHES, type LocalSearchName } from './memetic.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';

/** Parameters of the genetic algorithm. */
export interface GeneticAlgorithmParams {
  /**
   * Members of the population (DEAP's and pymoo's examples use 100).
   * @defaultValue 100
   */
  populationSize: number;
  /**
   * `generational`: each generation's offspring replace all but the `elitism` best members.
   * `steady-state`: each step breeds one pair, and each child replaces the worst member when
   * it is no worse.
   * @defaultValue 'generational'
   */
  model: 'generational' | 'steady-state';
  /** Parent selection. @defaultValue 'tournament' */
  selection: 'tournament' | 'roulette' | 'rank' | 'truncation';
  /** Competitors per tournament (1 is uniform selection). @defaultValue 2 */
  tournamentSize: number;
  /** Linear ranking: expected copies of the best per population (1..2). @defaultValue 1.8 */
  rankPressure: number;
  /** Truncation: the fraction of best members parents are drawn from. @defaultValue 0.5 */
  truncationFraction: number;
  /**
   * Generational model: best members copied unchanged into the next generation; null means a
   * fifth of the population (20 of 100), which keeps the search from losing its best regions
   * on multimodal functions.
   * @defaultValue null
   */
  elitism: number | null;
  /** Crossover operator; `auto` picks per space kind. @defaultValue 'auto' */
  crossover: CrossoverName;
  /** Probability that a pair of parents is recombined (otherwise copied). @defaultValue 0.9 */
  crossoverRate: number;
  /** SBX distribution index eta_c: larger keeps children nearer their parents. @defaultValue 15 */
  crossoverDistributionIndex: number;
  /** BLX-alpha: how far past the parents' interval children may go. @defaultValue 0.5 */
  blendAlpha: number;
  /** Mutation operator; `auto` picks per space kind. @defaultValue 'auto' */
  mutation: MutationName;
  /** Per-variable mutation probability; null means 1 / dimension. @defaultValue null */
  mutationRate: number | null;
  /** Probability that a child goes through mutation at all (DEAP's mutpb). @defaultValue 1 */
  mutationProbability: number;
  /**
   * Polynomial mutation distribution index eta_m: smaller makes longer jumps (5 lets a
   * coordinate leave its basin, which Schwefel's function needs; pymoo's 20 stays closer).
   * @defaultValue 5
   */
  mutationDistributionIndex: number;
  /** Gaussian mutation: standard deviation as a fraction of each range. @defaultValue 0.1 */
  mutationScale: number;
  /** Re-mutate a child whose key equals a member's or a sibling's. @defaultValue true */
  deduplicate: boolean;
  /** Memetic mode: the local search applied to offspring. @defaultValue 'none' */
  localSearch: LocalSearchName;
  /** Fraction of offspring improved by local search. @defaultValue 1 */
  localSearchRate: number;
  /**
   * Real spaces: evaluations each local search may spend (0 = 10 x dimension); swap and flip
   * descents: improving moves each may apply (0 = until a local optimum). The tour search
   * always runs to its local optimum.
   * @defaultValue 0
   */
  localSearchBudget: number;
  /**
   * Move-model searches: take the first improving move met, or the best of a neighbourhood.
   * @defaultValue 'first'
   */
  localSearchImprovement: 'first' | 'best';
}

/** The default of every parameter. */
export const GENETIC_ALGORITHM_DEFAULTS: Readonly<GeneticAlgorithmParams> = {
  populationSize: 100,
  model: 'generational',
  selection: 'tournament',
  tournamentSize: 2,
  rankPressure: 1.8,
  truncationFraction: 0.5,
  elitism: null,
  crossover: 'auto',
  crossoverRate: 0.9,
  crossoverDistributionIndex: 15,
  blendAlpha: 0.5,
  mutation: 'auto',
  mutationRate: null,
  mutationProbability: 1,
  mutationDistributionIndex: 5,
  mutationScale: 0.1,
  deduplicate: true,
  localSearch: 'none',
  localSearchRate: 1,
  localSearchBudget: 0,
  localSearchImprovement: 'first',
};

/** JSON Schema of the parameters. */
export const GENETIC_ALGORITHM_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    populationSize: {
      type: 'integer',
      minimum: 2,
      maximum: MAX_BATCH_SIZE,
      description: 'Members of the population.',
    },
    model: {
      enum: ['generational', 'steady-state'],
      description:
        'generational: offspring replace all but the elites each generation; steady-state: one pair per step, each child replacing the worst member when no worse.',
    },
    selection: {
      enum: ['tournament', 'roulette', 'rank', 'truncation'],
      description: 'Parent selection (failed evaluations are never picked over finite ones).',
    },
    tournamentSize: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description: 'Competitors per tournament; the best of them is picked.',
    },
    rankPressure: {
      type: 'number',
      minimum: 1,
      maximum: 2,
      description: 'Linear ranking: expected copies of the best per population (1 = uniform).',
    },
    truncationFraction: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'Truncation: parents are drawn uniformly from this fraction of best members.',
    },
    elitism: {
      type: ['integer', 'null'],
      minimum: 0,
      maximum: MAX_BATCH_SIZE,
      description:
        'Generational model: best members kept unchanged (less than populationSize); null means a fifth of the population.',
    },
    crossover: {
      enum: [...CROSSOVERS],
      description:
        'auto (sbx on real, order on permutation, uniform elsewhere); real and integer: sbx, blend, arithmetic; permutation: order, pmx, cycle, edge; real, integer, binary, categorical, mixed: uniform, one-point, two-point.',
    },
    crossoverRate: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Probability that a pair of parents is recombined.',
    },
    crossoverDistributionIndex: {
      type: 'number',
      minimum: 0,
      description: 'SBX distribution index (eta_c): larger keeps children nearer their parents.',
    },
    blendAlpha: {
      type: 'number',
      minimum: 0,
      description: 'BLX-alpha: extension of the parents interval on each side, as a fraction.',
    },
    mutation: {
      enum: [...MUTATIONS],
      description:
        "auto (polynomial on real, bit-flip on binary, the space's move on permutation, the space's mutate elsewhere); real and integer: polynomial, gaussian, uniform; permutation: swap, insertion, inversion; binary: bit-flip.",
    },
    mutationRate: {
      type: ['number', 'null'],
      minimum: 0,
      maximum: 1,
      description: 'Per-variable mutation probability; null means 1 / dimension.',
    },
    mutationProbability: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Probability that a child goes through mutation at all.',
    },
    mutationDistributionIndex: {
      type: 'number',
      minimum: 0,
      description: 'Polynomial mutation distribution index (eta_m).',
    },
    mutationScale: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Gaussian mutation: standard deviation as a fraction of each range.',
    },
    deduplicate: {
      type: 'boolean',
      description: "Re-mutate a child equal (by the space's key) to a member or a sibling.",
    },
    localSearch: {
      enum: [...LOCAL_SEARCHES],
      description:
        'Memetic mode: none; auto (Lin-Kernighan on tours, the move model on other permutations and binary, quasi-Newton on real); or a named local search.',
    },
    localSearchRate: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Fraction of offspring improved by local search.',
    },
    localSearchBudget: {
      type: 'integer',
      minimum: 0,
      description:
        'Real: evaluations per local search (0 = 10 x dimension); swap and flip descents: improving moves per search (0 = until a local optimum); the tour search always runs to its local optimum.',
    },
    localSearchImprovement: {
      enum: ['first', 'best'],
      description:
        'Move-model local searches: apply the first improving move met, or the best of the neighbourhood.',
    },
  },
  additionalProperties: false,
};
