// Tree-structured Parzen estimator (Bergstra, Bardenet, Bengio & Kegl 2011, "Algorithms for
// Hyper-Parameter Optimization"; defaults after Watanabe 2023's tutorial and Optuna): after a
// few random trials, the trials are split into the best few ("good") and the rest; each group
// of coordinates gets one density per side, and candidates drawn from the good density are
// ranked by the ratio good/rest. Multivariate by default (product kernels over the coordinates
// active together, Falkner et al. 2018; Optuna's `multivariate=True, group=True`); trials still
// running count as bad (constant liar), so that trials asked together spread out.
import type { Rng } from '../../core/rng.js';
import { defineSolver, type FinishedTrial, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { activeCoordinates } from './coordinates.js';
import { LAG_PARAMS_PROPERTIES, laggedModel } from './lagged-model.js';
import { proposeFromModel } from './model-proposal.js';
import { goodTrials, type Observation } from './split.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';

/** Parameters of the TPE. */
export interface TpeParams {
  /**
   * Studies: trial k is proposed from the trials before k - lag, the lag trials in between
   * counted as running. Up to `lag` workers stay busy; the result does not depend on how many.
   * @defaultValue 8
   */
  lag: number;
  /**
   * Candidates asked at once outside studies (`kiln run`, `minimize`), each proposed with the
   * earlier ones of the batch counted as running.
   * @defaultValue 8
   */
  batchSize: number;
  /** Model coordinates jointly (true) or one by one. @defaultValue true */
  multivariate: boolean;
  /** Finished trials before the model is used (random trials until then). @defaultValue 10 */
  startupTrials: number;
  /** Draws from the good density, ranked by the density ratio. @defaultValue 24 */
  candidates: number;
  /** Fraction of the finished trials forming the good group (at least 1). @defaultValue 0.1 */
  goodFraction: number;
  /** Upper bound on the size of the good group. @defaultValue 25 */
  maxGood: number;
  /** Weight of the prior component of every density. @defaultValue 1 */
  priorWeight: number;
}

interface TpeState {
  params: TpeParams;
  observations: Observation[];
}

export const tpe = defineSolver<TpeParams, TpeState>({
  name: 'tpe',
  description:
    'Tree-structured Parzen estimator: model-based search for expensive trials (hyperparameters), multivariate, with conditional parameters; asynchronous in studies.',
  supports: SPACE_KINDS,
  defaultParams: {
    lag: 8,
    batchSize: 8,
    multivariate: true,
    startupTrials: 10,
    candidates: 24,
    goodFraction: 0.1,
    maxGood: 25,
    priorWeight: 1,
  },
  paramsSchema: {
    type: 'object',
    properties: {
      ...LAG_PARAMS_PROPERTIES,
      multivariate: {
        type: 'boolean',
        description: 'Model the coordinates jointly (true) or one by one (false).',
      },
      startupTrials: {
        type: 'integer',
        minimum: 1,
        description: 'Finished trials before the model is used.',
      },
      candidates: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_BATCH_SIZE,
        description: 'Draws from the good density, ranked by the good/rest ratio.',
      },
      goodFraction: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'Fraction of trials forming the good group.',
      },
      maxGood: {
        type: 'integer',
        minimum: 1,
        description: 'Upper bound on the size of the good group.',
      },
      priorWeight: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Weight of the prior component of every density.',
      },
    },
    additionalProperties: false,
  },
  init: (_context, params) => ({ params: { ...params }, observations: [] }),
  ...laggedModel<TpeParams, TpeState>(observe, propose),
});

function observe<X>(state: TpeState, context: SolverContext<X>, trial: FinishedTrial<X>): void {
  const space = context.space as Space<unknown>;
  state.observations.push({
    vector: space.toVector(trial.params),
    active: activeCoordinates(space, trial.params),
    value: trial.status === 'failed' || Number.isNaN(trial.value) ? Infinity : trial.value,
    status: trial.status,
    ...(trial.step === undefined ? {} : { step: trial.step }),
  });
}

function propose<X>(
  state: TpeState,
  context: SolverContext<X>,
  pending: readonly X[],
  rng: Rng,
): X {
  const { params, observations } = state;
  return proposeFromModel(observations, params, context, pending, rng, () => ({
    members: new Set(goodTrials(observations, params)),
  }));
}
