// Parameters of NSGA-II and NSGA-III, their defaults and JSON Schema.
import { MAX_BATCH_SIZE } from '../../core/limits.js';
import type { JsonSchema } from '../../core/solver.js';

/** Parameters shared by the NSGA solvers. */
export interface NsgaParams {
  /** Individuals per generation; each generation asks this many offspring. @defaultValue 100 */
  populationSize: number;
  /** Probability that a pair of parents is recombined. @defaultValue 0.9 */
  crossoverRate: number;
  /** SBX distribution index eta_c (real spaces). @defaultValue 15 (pymoo) */
  crossoverDistributionIndex: number;
  /**
   * Probability of mutating each variable; 0 means 1/n (Deb 2002, n variables).
   * @defaultValue 0
   */
  mutationRate: number;
  /** Polynomial mutation distribution index eta_m (real spaces). @defaultValue 20 */
  mutationDistributionIndex: number;
}

/** NSGA-II's defaults: Deb et al. 2002 with pymoo's SBX index. */
export const nsgaDefaults: NsgaParams = {
  populationSize: 100,
  crossoverRate: 0.9,
  crossoverDistributionIndex: 15,
  mutationRate: 0,
  mutationDistributionIndex: 20,
};

/** The schema of {@link NsgaParams}. */
export const nsgaParamsSchema: JsonSchema = {
  type: 'object',
  properties: {
    populationSize: {
      type: 'integer',
      minimum: 4,
      maximum: MAX_BATCH_SIZE,
      description: 'Individuals per generation (offspring asked per generation).',
    },
    crossoverRate: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Probability that a pair of parents is recombined.',
    },
    crossoverDistributionIndex: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'SBX distribution index (real spaces): larger keeps children nearer.',
    },
    mutationRate: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Per-variable mutation probability; 0 means 1/n.',
    },
    mutationDistributionIndex: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Polynomial mutation distribution index (real spaces).',
    },
  },
  additionalProperties: false,
};
