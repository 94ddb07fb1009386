// The ask and tell of the model-based samplers (the TPE and the multi-objective TPE, which differ
// only in how they remember a trial and propose the next one): outside studies a batch, each
// candidate proposed with the earlier ones of the batch counted as running; in studies, one trial
// at a time on the lag schedule (trial k proposed from trials 0..k-lag-1).
import type { Rng } from '../../core/rng.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';
import {
  cappedBatchSize,
  type FinishedTrial,
  type SolverContext,
  type SolverModule,
} from '../../core/solver.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';

/** Remembers one finished trial (in trial order). */
export type ObserveTrial<S> = <X>(
  state: S,
  context: SolverContext<X>,
  trial: FinishedTrial<X>,
) => void;

/** Proposes one candidate while `pending` ones are running. */
export type ProposeTrial<S> = <X>(
  state: S,
  context: SolverContext<X>,
  pending: readonly X[],
  rng: Rng,
) => X;

/** The parameters the ask and tell read: the batch size outside studies, the lag in them. */
export interface LagParams {
  batchSize: number;
  lag: number;
}

/** The JSON Schema properties of {@link LagParams}. */
export const LAG_PARAMS_PROPERTIES = {
  lag: {
    type: 'integer',
    minimum: 1,
    description:
      'Studies: trial k sees the results of trials before k - lag; up to lag workers stay busy.',
  },
  batchSize: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_BATCH_SIZE,
    description: 'Candidates asked at once outside studies.',
  },
} as const;

/**
 * The `tellObjectives` of a model-based sampler: each evaluation observed as a finished trial,
 * failed when its violation is infinite.
 */
export function observeObjectives<P extends object, S>(
  observe: ObserveTrial<S>,
): NonNullable<SolverModule<P, S>['tellObjectives']> {
  return <X>(
    state: S,
    context: SolverContext<X>,
    candidates: X[],
    evaluations: readonly ObjectiveEvaluation[],
  ): void => {
    candidates.forEach((x, i) => {
      const evaluation = evaluations[i] as ObjectiveEvaluation;
      observe(state, context, {
        params: x,
        value: NaN,
        status: evaluation.violation === Infinity ? 'failed' : 'complete',
        evaluation,
      });
    });
  };
}

/** The ask, tell and asynchronous ask of a model-based sampler from its observe and propose. */
export function laggedModel<P extends LagParams, S extends { params: P }>(
  observe: ObserveTrial<S>,
  propose: ProposeTrial<S>,
): Pick<SolverModule<P, S>, 'ask' | 'tell' | 'asynchronous'> {
  return {
    ask<X>(state: S, context: SolverContext<X>, rng: Rng): X[] {
      const batch: X[] = [];
      const size = cappedBatchSize(state.params.batchSize, context);
      for (let i = 0; i < size; i++) batch.push(propose(state, context, batch, rng));
      return batch;
    },
    tell<X>(state: S, context: SolverContext<X>, candidates: X[], values: number[]): void {
      candidates.forEach((x, i) => {
        const value = values[i] as number;
        observe(state, context, {
          params: x,
          value,
          status: Number.isFinite(value) ? 'complete' : 'failed',
        });
      });
    },
    asynchronous: { lag: (params) => params.lag, observe, propose },
  };
}
