// Parameters of simulated annealing: their types, defaults and JSON Schema (one place for all).
import type { JsonSchema } from '../../core/solver.js';
import type { CoolingSchedule } from './cooling-schedules.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';

/** Which annealing runs: `auto` picks `generalized` on real spaces and `metropolis` elsewhere. */
export type AnnealingVariant = 'auto' | 'metropolis' | 'generalized';

/** How proposal steps adapt on spaces with a step size (real, integer, mixed). */
export type StepAdaptation = 'auto' | 'corana' | 'acceptance' | 'none';

/** Where a new cycle of the generalized variant starts. */
export type RestartPoint = 'random' | 'best';

/** Parameters of simulated annealing. */
export interface SimulatedAnnealingParams {
  /**
   * `metropolis`: classic annealing (Kirkpatrick et al. 1983) with a cooling schedule over the
   * space's neighbour moves (or the problem's move model). `generalized`: Tsallis & Stariolo
   * generalized annealing with the dual-annealing strategy chain (real spaces only).
   * @defaultValue 'auto' (generalized on real spaces, metropolis elsewhere)
   */
  variant: AnnealingVariant;
  /** @defaultValue 'geometric' */
  coolingSchedule: CoolingSchedule;
  /** Metropolis temperature at the start; chosen from sampled uphill moves when absent. */
  initialTemperature?: number;
  /**
   * Probability of accepting an average uphill move at the start, for the automatic initial
   * temperature (Kirkpatrick et al. 1983; Ben-Ameur 2004).
   * @defaultValue 0.8
   */
  initialAcceptance: number;
  /** Moves sampled to choose the initial temperature; 0 chooses from the budget. @defaultValue 0 */
  temperatureSamples: number;
  /**
   * Temperature at the end of a cooling cycle, as a fraction of the initial one. When absent:
   * 1e-9 on real spaces (steps shrink with the temperature, down to fine precision), 1e-3
   * elsewhere.
   */
  finalTemperatureRatio?: number;
  /** Geometric schedule: fixed factor per temperature level, instead of one fitted to the run length. */
  coolingRate?: number;
  /** Proposals per temperature level (Markov chain length); 0 chooses from the space size. @defaultValue 0 */
  movesPerTemperature: number;
  /** Adaptive schedule: the acceptance rate held during the middle of a cycle (Lam & Delosme 1988). @defaultValue 0.44 */
  targetAcceptance: number;
  /**
   * Proposals in the first cooling cycle when the budget does not bound the run length (seconds,
   * target or stagnation only); each later cycle is twice as long. 0 chooses from the space size.
   * @defaultValue 0
   */
  cycleLength: number;
  /** Proposals without improving the best before reheating; 0 never reheats. @defaultValue 0 */
  reheatAfter: number;
  /** Temperature after a reheat or at a new cycle, as a fraction of the initial one. @defaultValue 0.3 */
  reheatTemperatureRatio: number;
  /** Proposals without improving the best before going back to the best; 0 never. @defaultValue 0 */
  restartAfter: number;
  /** @defaultValue 'auto' (corana on real spaces, acceptance on integer and mixed spaces) */
  stepAdaptation: StepAdaptation;
  /** Initial step as a fraction of each variable's range. @defaultValue 0.1 */
  initialStepScale: number;
  /** Neighbours asked at once; decisions are taken in order, so a pool has work. @defaultValue 1 */
  batchSize: number;
  /** Use the problem's move model (incremental deltas) when it has one. @defaultValue true */
  useMoveModel: boolean;
  /** Move-model path: moves between two full evaluations; 0 chooses from the size. @defaultValue 0 */
  movesPerEvaluation: number;
  /**
   * Move-model path on tours (the model gives `distance`): end each cooling cycle with a
   * deterministic Lin-Kernighan local search of the cycle's best tour. The run's last cycle ends
   * with the budget when it bounds the evaluations, and by 97% of it when only seconds do.
   * @defaultValue true
   */
  polish: boolean;
  /** Generalized variant: visiting index q_v of the distorted Cauchy-Lorentz distribution. @defaultValue 2.62 */
  visitingIndex: number;
  /** Generalized variant: acceptance index q_a. @defaultValue -5 */
  acceptanceIndex: number;
  /** Generalized variant: initial visiting temperature. @defaultValue 5230 */
  visitingTemperature: number;
  /** Generalized variant: a cycle restarts when the temperature falls below this fraction of the initial one. @defaultValue 1e-4 */
  restartTemperatureRatio: number;
  /** Generalized variant: where a new cycle starts. @defaultValue 'random' */
  restartFrom: RestartPoint;
  /**
   * Generalized variant: end each cycle with a zero-temperature refinement of its best point
   * (Gaussian steps with adapted covariance) until it converges. Off: plain generalized
   * annealing, as dual annealing without local search.
   * @defaultValue true
   */
  refinement: boolean;
  /**
   * Generalized variant: when the budget bounds the evaluations and no refinement has run yet, a
   * better best found in this last share of the budget is refined at once (later, the window is
   * 1.5 times the longest refinement so far).
   * @defaultValue 0.2
   */
  refinementShare: number;
}

/** The defaults of every parameter. */
export const DEFAULT_PARAMS: SimulatedAnnealingParams = {
  variant: 'auto',
  coolingSchedule: 'geometric',
  initialAcceptance: 0.8,
  temperatureSamples: 0,
  movesPerTemperature: 0,
  targetAcceptance: 0.44,
  cycleLength: 0,
  reheatAfter: 0,
  reheatTemperatureRatio: 0.1,
  restartAfter: 0,
  stepAdaptation: 'auto',
  initialStepScale: 0.1,
  batchSize: 1,
  useMoveModel: true,
  movesPerEvaluation: 0,
  polish: true,
  visitingIndex: 2.62,
  acceptanceIndex: -5,
  visitingTemperature: 5230,
  restartTemperatureRatio: 1e-4,
  restartFrom: 'random',
  refinement: true,
  refinementShare: 0.2,
};

const count = (description: string): JsonSchema => ({
  type: 'integer',
  minimum: 0,
  description,
});

/** JSON Schema of the parameters. */
export const PARAMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    variant: {
      enum: ['auto', 'metropolis', 'generalized'],
      description:
        'metropolis: classic annealing with a cooling schedule; generalized: Tsallis-Stariolo generalized annealing (real spaces); auto: generalized on real spaces, metropolis elsewhere.',
    },
    coolingSchedule: {
      enum: ['geometric', 'linear', 'logarithmic', 'fast', 'adaptive'],
      description:
        'Metropolis temperature schedule: geometric T0*a^k, linear, logarithmic T0*ln2/ln(k+2), fast T0/(1+k), or adaptive (follows a target acceptance curve, Lam & Delosme).',
    },
    initialTemperature: {
      type: 'number',
      exclusiveMinimum: 0,
      description:
        'Metropolis temperature at the start; chosen from sampled uphill moves when absent.',
    },
    initialAcceptance: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description:
        'Probability of accepting an average uphill move at the start (automatic temperature).',
    },
    temperatureSamples: {
      ...count('Moves sampled to choose the initial temperature; 0 chooses from the budget.'),
      maximum: MAX_BATCH_SIZE,
    },
    finalTemperatureRatio: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description:
        'Temperature at the end of a cooling cycle, as a fraction of the initial one (default: 1e-9 on real spaces, 1e-3 elsewhere).',
    },
    coolingRate: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description:
        'Geometric schedule: fixed factor per temperature level (instead of one fitted to the run length).',
    },
    movesPerTemperature: count(
      'Proposals per temperature level (Markov chain length); 0 chooses from the space size.',
    ),
    targetAcceptance: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description: 'Adaptive schedule: acceptance rate held during the middle of a cycle.',
    },
    cycleLength: count(
      'Proposals in the first cooling cycle when the budget does not bound the run length; later cycles double. 0 chooses from the space size.',
    ),
    reheatAfter: count('Proposals without improving the best before reheating; 0 never reheats.'),
    reheatTemperatureRatio: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description:
        'Temperature after a reheat or at a new cycle, as a fraction of the initial one.',
    },
    restartAfter: count(
      'Proposals without improving the best before going back to the best; 0 never.',
    ),
    stepAdaptation: {
      enum: ['auto', 'corana', 'acceptance', 'none'],
      description:
        'Step control: corana (per-coordinate steps held near 50% acceptance, real spaces), acceptance (one step scale, real/integer/mixed), none; auto: corana on real, acceptance on integer and mixed spaces.',
    },
    initialStepScale: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: "Initial step as a fraction of each variable's range.",
    },
    batchSize: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description:
        'Neighbours asked at once; the Metropolis decisions are taken over them in order.',
    },
    useMoveModel: {
      type: 'boolean',
      description: "Use the problem's move model (incremental deltas) when it has one.",
    },
    movesPerEvaluation: count(
      'Move-model path: moves between two full evaluations; 0 chooses from the size.',
    ),
    polish: {
      type: 'boolean',
      description:
        "Tours: end each cooling cycle with a Lin-Kernighan local search of the cycle's best tour (through the move model).",
    },
    visitingIndex: {
      type: 'number',
      exclusiveMinimum: 1,
      exclusiveMaximum: 3,
      description: 'Generalized variant: visiting index q_v (heavier tails towards 3).',
    },
    acceptanceIndex: {
      type: 'number',
      minimum: -10000,
      exclusiveMaximum: 1,
      description: 'Generalized variant: acceptance index q_a (more negative is greedier).',
    },
    visitingTemperature: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Generalized variant: initial visiting temperature.',
    },
    restartTemperatureRatio: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description:
        'Generalized variant: a cycle restarts when the temperature falls below this fraction of the initial one.',
    },
    restartFrom: {
      enum: ['random', 'best'],
      description: 'Generalized variant: where a new cycle starts.',
    },
    refinement: {
      type: 'boolean',
      description:
        'Generalized variant: end each cycle with a zero-temperature refinement of its best point (adapted Gaussian steps) until it converges; false gives plain generalized annealing.',
    },
    refinementShare: {
      type: 'number',
      minimum: 0,
      exclusiveMaximum: 1,
      description:
        'Generalized variant: before any refinement has run, a better best found in this last share of an evaluation budget is refined at once.',
    },
  },
  additionalProperties: false,
};
