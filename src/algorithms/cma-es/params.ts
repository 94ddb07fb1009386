// Parameters of CMA-ES: their types, defaults and JSON Schema.
import type { JsonSchema } from '../../core/solver.js';

/**
 * What happens when a run stops (its distribution has converged or degenerated):
 * - `bipop`: alternate runs with doubling populations and short runs with small populations and
 *   steps, whichever regime has used fewer evaluations (Hansen 2009)
 * - `ipop`: restart with the population size multiplied by `populationIncrease` (Auger & Hansen 2005)
 * - `none`: the solver reports convergence
 */
export type CmaRestarts = 'bipop' | 'ipop' | 'none';

export const CMA_RESTARTS: readonly CmaRestarts[] = ['bipop', 'ipop', 'none'];

/** How CMA-ES keeps its samples inside the box (see {@link CmaEsParams.boundHandling}). */
export type CmaBoundHandling = 'resample' | 'reflect';

export const CMA_BOUND_HANDLING: readonly CmaBoundHandling[] = ['resample', 'reflect'];

/** How a generation's standard normal vectors are drawn (see {@link CmaEsParams.sampling}). */
export type CmaSampling = 'independent' | 'orthogonal' | 'mirrored';

/** A sampling, or `auto`: chosen by the evaluation budget per dimension. */
export type CmaSamplingChoice = CmaSampling | 'auto';

export const CMA_SAMPLING: readonly CmaSamplingChoice[] = [
  'auto',
  'independent',
  'orthogonal',
  'mirrored',
];

/** Whether a generation is ranked with lq-CMA-ES's surrogate (see {@link CmaEsParams.surrogate}). */
export type CmaSurrogate = 'none' | 'lq';

export const CMA_SURROGATE: readonly CmaSurrogate[] = ['none', 'lq'];

/** Parameters of CMA-ES. */
export interface CmaEsParams {
  /** Population size lambda of the first run; null for 4 + floor(3 ln n). @defaultValue null */
  populationSize: number | null;
  /**
   * Initial step size sigma as a fraction of each coordinate's range (the search runs in the
   * space's vector embedding scaled to [0, 1]); a sixth of the range, as Optuna's sampler, did
   * better than a quarter at 1,000 evaluations and as well at 10,000 x d. @defaultValue 1 / 6
   */
  initialStepSize: number;
  /**
   * Where the first run starts: the centre of the box, or a uniform random point. Restarts
   * always start from a random point. @defaultValue 'center'
   */
  initialMean: 'center' | 'random';
  /**
   * How samples are kept in the box: `resample` redraws a sample that leaves it (at most
   * min(10 n, 300) times, then clips it), as the `cmaes` package under Optuna's sampler does,
   * and the update sees only points inside; `reflect` folds every sample back by reflection and
   * adapts in the unfolded coordinates (close to pycma's default transformation). Resampling did
   * better on the shifted suite at 1,000 evaluations and on Rastrigin and Schwefel at 10,000 x d.
   * @defaultValue 'resample'
   */
  boundHandling: CmaBoundHandling;
  /**
   * How a generation's normal vectors are drawn: `independent`; `orthogonal`, n at a time made
   * orthogonal and given the lengths of independent normal vectors; `mirrored`, orthogonal ones
   * each followed by its mirror image -z, all ranked together (no pairwise selection, so steps
   * shrink faster: quicker convergence, less exploration); `auto`, orthogonal when the
   * evaluation budget is at most 300 n, else independent. @defaultValue 'auto'
   */
  sampling: CmaSamplingChoice;
  /**
   * `none`: every candidate of a generation is evaluated, all in one batch. `lq`: lq-CMA-ES
   * (Hansen 2019): a linear, then diagonal-quadratic, then full quadratic model of the run's
   * evaluated points ranks each generation; its best candidates are evaluated first, a few at a
   * time, until the model orders the recent true values (Kendall's tau >= 0.85), and the model
   * ranks the rest. For expensive objectives: far fewer evaluations on smooth and moderately
   * rugged functions, but batches of one or a few candidates (a worker pool mostly waits) and a
   * least-squares fit of up to n (n + 3) / 2 + 1 coefficients per batch (0.5-0.9 ms per
   * evaluation at n = 10, up to 20 ms at n = 20 and 140 ms at n = 30). @defaultValue 'none'
   */
  surrogate: CmaSurrogate;
  /** Restart strategy. @defaultValue 'bipop' */
  restarts: CmaRestarts;
  /** Factor of the population size at each large restart. @defaultValue 2 */
  populationIncrease: number;
  /** Stop a run when its best values over recent generations span less than this. @defaultValue 1e-12 */
  functionTolerance: number;
  /** Stop a run when every step is below this fraction of the initial step. @defaultValue 1e-12 */
  stepTolerance: number;
}

export const DEFAULT_PARAMS: Readonly<CmaEsParams> = {
  populationSize: null,
  initialStepSize: 1 / 6,
  initialMean: 'center',
  restarts: 'bipop',
  boundHandling: 'resample',
  sampling: 'auto',
  surrogate: 'none',
  populationIncrease: 2,
  functionTolerance: 1e-12,
  stepTolerance: 1e-12,
};

export const PARAMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    populationSize: {
      type: ['integer', 'null'],
      minimum: 2,
      maximum: 1_000_000,
      description: 'Population size lambda of the first run; null for 4 + floor(3 ln n).',
    },
    initialStepSize: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 10,
      description: 'Initial step size as a fraction of each coordinate range.',
    },
    initialMean: {
      enum: ['center', 'random'],
      description: 'Where the first run starts: the centre of the box or a random point.',
    },
    boundHandling: {
      enum: [...CMA_BOUND_HANDLING],
      description: 'Keep samples in the box by resampling (then clipping) or by reflection.',
    },
    sampling: {
      enum: [...CMA_SAMPLING],
      description:
        'Independent, orthogonal or mirrored orthogonal normal vectors; auto: orthogonal up to 300 n evaluations.',
    },
    surrogate: {
      enum: [...CMA_SURROGATE],
      description:
        'none: evaluate whole generations; lq: rank them with a linear-quadratic surrogate and evaluate its best candidates first (lq-CMA-ES), for expensive objectives.',
    },
    restarts: {
      enum: [...CMA_RESTARTS],
      description: 'Restart strategy when a run stops: bipop, ipop or none.',
    },
    populationIncrease: {
      type: 'number',
      minimum: 1,
      maximum: 10,
      description: 'Factor of the population size at each large (IPOP) restart.',
    },
    functionTolerance: {
      type: 'number',
      minimum: 0,
      description: 'Stop a run when its recent best values span less than this.',
    },
    stepTolerance: {
      type: 'number',
      minimum: 0,
      description: 'Stop a run when every step is below this fraction of the initial step.',
    },
  },
  additionalProperties: false,
};
