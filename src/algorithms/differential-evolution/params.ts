// Parameters of differential evolution: their types, defaults (L-SHADE's published settings,
// Tanabe & Fukunaga 2014) and JSON Schema.
import { describeValue, type ConfigIssue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import { LOCAL_METHODS, type LocalMethod } from '../operators/local-optimizer/local-optimizer.js';
import { BOUND_HANDLINGS, type BoundHandling } from '../operators/de-bounds.js';
import type { DifferentialCrossover } from '../operators/de-crossover.js';
import { MUTATION_STRATEGIES, type MutationStrategy } from '../operators/de-mutation.js';
import type { Initialization } from './population.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';

/**
 * How F and CR are controlled:
 * - `lshade`: SHADE plus linear population size reduction to `minPopulationSize` at the end of
 *   the evaluation budget (Tanabe & Fukunaga 2014); without an evaluation budget it runs as SHADE
 * - `shade`: success-history memories of F and CR (Tanabe & Fukunaga 2013)
 * - `jade`: one adaptive mean pair with learning rate `adaptationRate` (Zhang & Sanderson 2009)
 * - `classic`: fixed `differentialWeight` and `crossoverRate` (Storn & Price 1997)
 */
export type DifferentialEvolutionVariant = 'lshade' | 'shade' | 'jade' | 'classic';

/** Parameters of differential evolution. */
export interface DifferentialEvolutionParams {
  /** Parameter control. @defaultValue 'lshade' */
  variant: DifferentialEvolutionVariant;
  /** How the mutant vector is built. @defaultValue 'current-to-pbest/1' */
  strategy: MutationStrategy;
  /** How the trial mixes target and mutant (`rand/1` + `binomial` is DE/rand/1/bin). @defaultValue 'binomial' */
  crossover: DifferentialCrossover;
  /** What happens to a coordinate pushed outside the box. @defaultValue 'midpoint' */
  boundHandling: BoundHandling;
  /**
   * Initial population size; null for `populationSizePerDimension` x dimension, capped at a
   * tenth of the evaluation budget (so that small budgets still get generations). @defaultValue null
   */
  populationSize: number | null;
  /**
   * Initial population size per dimension, when `populationSize` is null; the product (after the
   * evaluation budget's cap) at most 1,000,000. @defaultValue 18
   */
  populationSizePerDimension: number;
  /** Final population size of `lshade` (raised to the strategy's minimum). @defaultValue 4 */
  minPopulationSize: number;
  /**
   * F of the `classic` variant; a pair [low, high] draws F uniformly once per generation
   * (dither). @defaultValue 0.5
   */
  differentialWeight: number | [number, number];
  /** CR of the `classic` variant. @defaultValue 0.9 */
  crossoverRate: number;
  /** Slots H of the success-history memory (`shade`, `lshade`). @defaultValue 6 */
  memorySize: number;
  /** Archive capacity as a multiple of the population size (current-to-pbest/1). @defaultValue 2.6 */
  archiveRate: number;
  /** Fraction p of the population pbest is drawn from (at least 2 members). @defaultValue 0.11 */
  pBestRate: number;
  /** JADE's learning rate c of its F and CR means. @defaultValue 0.1 */
  adaptationRate: number;
  /** How the initial population fills the box. @defaultValue 'latin-hypercube' */
  initialization: Initialization;
  /**
   * Stop (after polishing) once std(values) <= absoluteTolerance + tolerance * |mean(values)|;
   * 0 and 0 never stop early. @defaultValue 0
   */
  tolerance: number;
  /** See `tolerance`. @defaultValue 0 */
  absoluteTolerance: number;
  /**
   * Polish the best vector with the continuous local optimizer at the end of the evolution
   * (real spaces only), as SciPy does. The evolution ends when it has used its share of the
   * evaluation budget (see `polishFraction`) or converged by `tolerance`; a run bounded by time
   * alone never polishes. @defaultValue true
   */
  polish: boolean;
  /** The local optimizer that polishes. @defaultValue 'quasi-newton' */
  polishMethod: LocalMethod;
  /**
   * Fraction of the evaluation budget kept for polishing; the evolution (and L-SHADE's size
   * schedule) uses the rest, and goes on if the polish ends early. @defaultValue 0.05
   */
  polishFraction: number;
}

export const DEFAULT_PARAMS: Readonly<DifferentialEvolutionParams> = {
  variant: 'lshade',
  strategy: 'current-to-pbest/1',
  crossover: 'binomial',
  boundHandling: 'midpoint',
  populationSize: null,
  populationSizePerDimension: 18,
  minPopulationSize: 4,
  differentialWeight: 0.5,
  crossoverRate: 0.9,
  memorySize: 6,
  archiveRate: 2.6,
  pBestRate: 0.11,
  adaptationRate: 0.1,
  initialization: 'latin-hypercube',
  tolerance: 0,
  absoluteTolerance: 0,
  polish: true,
  polishMethod: 'quasi-newton',
  polishFraction: 0.05,
};

const fraction = (description: string): JsonSchema => ({
  type: 'number',
  minimum: 0,
  maximum: 1,
  description,
});

export const PARAMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    variant: {
      enum: ['lshade', 'shade', 'jade', 'classic'],
      description:
        'Parameter control: lshade (SHADE + linear population size reduction over the evaluation budget), shade (success-history memory of F and CR), jade (adaptive means), classic (fixed F and CR).',
    },
    strategy: {
      enum: [...MUTATION_STRATEGIES],
      description:
        'Mutation strategy (base/difference vectors); current-to-pbest/1 draws its last donor from the population and the external archive.',
    },
    crossover: {
      enum: ['binomial', 'exponential'],
      description: 'Crossover of target and mutant: binomial (bin) or exponential (exp).',
    },
    boundHandling: {
      enum: [...BOUND_HANDLINGS],
      description:
        'Out-of-box coordinates: midpoint (between bound and parent, as JADE/SHADE), reflect, clip or reinitialize.',
    },
    populationSize: {
      type: ['integer', 'null'],
      minimum: 4,
      maximum: MAX_BATCH_SIZE,
      description:
        'Initial population size; null for populationSizePerDimension x dimension, at most a tenth of the evaluation budget.',
    },
    populationSizePerDimension: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: MAX_BATCH_SIZE,
      description:
        'Initial population size per dimension when populationSize is null; times the dimension (after the budget cap) at most 1000000.',
    },
    minPopulationSize: {
      type: 'integer',
      minimum: 4,
      maximum: MAX_BATCH_SIZE,
      description: "Final population size of lshade (raised to the strategy's minimum).",
    },
    differentialWeight: {
      anyOf: [
        { type: 'number', exclusiveMinimum: 0, maximum: 2 },
        {
          type: 'array',
          items: { type: 'number', exclusiveMinimum: 0, maximum: 2 },
          minItems: 2,
          maxItems: 2,
        },
      ],
      description:
        'F of the classic variant, or [low, high] to draw F uniformly once per generation (dither).',
    },
    crossoverRate: fraction('CR of the classic variant.'),
    memorySize: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description: 'Slots H of the success-history memory (shade, lshade).',
    },
    archiveRate: {
      type: 'number',
      minimum: 0,
      description: 'External archive capacity as a multiple of the population size (0: none).',
    },
    pBestRate: fraction('Fraction p of the population pbest is drawn from (at least 2 members).'),
    adaptationRate: fraction("JADE's learning rate c of its F and CR means."),
    initialization: {
      enum: ['latin-hypercube', 'uniform'],
      description: 'How the initial population fills the box.',
    },
    tolerance: {
      type: 'number',
      minimum: 0,
      description:
        'Relative convergence tolerance: stop once std(values) <= absoluteTolerance + tolerance * |mean(values)| (0 and 0: never).',
    },
    absoluteTolerance: {
      type: 'number',
      minimum: 0,
      description: 'Absolute convergence tolerance (see tolerance).',
    },
    polish: {
      type: 'boolean',
      description:
        'Polish the best vector with the continuous local optimizer when the evolution ends (its share of the evaluation budget used, or converged by tolerance); real spaces only.',
    },
    polishMethod: {
      enum: [...LOCAL_METHODS],
      description: 'Local optimizer that polishes: quasi-newton (L-BFGS-like) or pattern search.',
    },
    polishFraction: {
      type: 'number',
      minimum: 0,
      exclusiveMaximum: 1,
      description:
        'Fraction of the evaluation budget kept for polishing; the evolution uses the rest.',
    },
  },
  additionalProperties: false,
};

/**
 * What the schema cannot say: L-SHADE's final population no larger than its initial one, and a
 * dithered F's range [low, high] in that order.
 */
export function parameterIssues(params: Readonly<DifferentialEvolutionParams>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { populationSize, minPopulationSize, differentialWeight } = params;
  if (params.variant === 'lshade' && populationSize !== null && minPopulationSize > populationSize)
    issues.push({
      path: '/minPopulationSize',
      message: `must be <= populationSize (got ${minPopulationSize} with populationSize ${populationSize})`,
    });
  if (Array.isArray(differentialWeight) && differentialWeight[0] > differentialWeight[1])
    issues.push({
      path: '/differentialWeight',
      message: `must be [low, high] with low <= high (got ${describeValue(differentialWeight)})`,
      hint: 'did you swap low and high?',
    });
  return issues;
}
