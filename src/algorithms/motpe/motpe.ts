// Multi-objective tree-structured Parzen estimator (Ozaki, Tanigaki, Watanabe & Onishi, GECCO
// 2020, "Multiobjective tree-structured Parzen estimator for computationally expensive
// optimization problems"; Optuna's TPESampler on multi-objective studies): the TPE with the good
// group chosen by non-dominated rank and hypervolume subset selection, and its kernels weighted
// by hypervolume contribution. Asynchronous in studies with the TPE's lag schedule, so that a
// study is the same for any number of workers. With one objective it is the TPE.
import { MAX_BATCH_SIZE } from '../../core/limits.js';
import type { Rng } from '../../core/rng.js';
import { defineSolver, type FinishedTrial, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { failedEvaluation, type ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { activeCoordinates } from '../tpe/coordinates.js';
import { laggedModel, observeObjectives } from '../tpe/lagged-model.js';
import { proposeFromModel } from '../tpe/model-proposal.js';
import { tpe, type TpeParams } from '../tpe/tpe.js';
import { evolvedProposal, evolves, nextParents } from './evolution.js';
import { multiObjectiveGoodGroup, type MultiObjectiveObservation } from './good-group.js';

/**
 * Parameters of the multi-objective TPE: those of the TPE, univariate by default as Optuna's
 * (on ZDT1 at 100 trials the univariate model reached a median hypervolume of 98.2 against 95.6
 * for the multivariate one, 5 seeds). The good group is larger than the TPE's (`goodFraction`
 * 0.3, at most 30 trials, where Optuna keeps 0.1 and 25): it is spread along a front, so a tenth
 * of the trials gives each parameter's good density few points near any one part of it. Over
 * 10 seeds at 100 trials this raised the median hypervolume on ZDT1, 2, 3 and 6 and DTLZ2 and
 * left ZDT4 and the shipped accuracy-against-bytes studies about level (bench/README.md).
 */
export interface MotpeParams extends TpeParams {
  /**
   * Finished trials after which, on two objectives and without conditional parameters, each
   * trial is proposed by a steady-state NSGA-II over all finished trials (see evolution.ts);
   * null keeps the TPE throughout. @defaultValue 250
   */
  evolutionAfter: number | null;
  /** Parents the NSGA-II phase chooses among the finished trials. @defaultValue 50 */
  evolutionPopulation: number;
}

interface MotpeState {
  params: MotpeParams;
  observations: MultiObjectiveObservation[];
  /** The finished trials' parameters, aligned with `observations` (for the NSGA-II phase). */
  members: unknown[];
  /** The NSGA-II phase's parents (indices into `observations`), once it has started. */
  parents?: number[];
}

export const motpe = defineSolver<MotpeParams, MotpeState>({
  name: 'motpe',
  description:
    'Multi-objective TPE: the good trials by non-dominated rank and hypervolume, weighted by hypervolume contribution; the default for multi-objective studies, asynchronous in them.',
  supports: SPACE_KINDS,
  defaultParams: {
    ...tpe.defaultParams,
    goodFraction: 0.3,
    maxGood: 30,
    multivariate: false,
    evolutionAfter: 250,
    evolutionPopulation: 50,
  },
  paramsSchema: {
    ...tpe.paramsSchema,
    properties: {
      ...(tpe.paramsSchema.properties as Record<string, unknown>),
      evolutionAfter: {
        type: ['integer', 'null'],
        minimum: 1,
        description:
          'Finished trials after which a two-objective study without conditional parameters is continued by a steady-state NSGA-II over all trials; null keeps the TPE throughout.',
      },
      evolutionPopulation: {
        type: 'integer',
        minimum: 4,
        maximum: MAX_BATCH_SIZE,
        description: 'Parents the NSGA-II phase chooses among the finished trials.',
      },
    },
  },
  init: (_context, params) => ({ params: { ...params }, observations: [], members: [] }),
  ...laggedModel<MotpeParams, MotpeState>(observe, propose),
  tellObjectives: observeObjectives<MotpeParams, MotpeState>(observe),
});

// A finished trial, single-objective ones as one-objective evaluations.
function observe<X>(state: MotpeState, context: SolverContext<X>, trial: FinishedTrial<X>): void {
  const space = context.space as Space<unknown>;
  const objectives = context.objectives?.length ?? 1;
  const evaluation: ObjectiveEvaluation =
    trial.evaluation ??
    (trial.status !== 'failed' && objectives === 1 && !Number.isNaN(trial.value)
      ? { values: [trial.value], violation: 0 }
      : failedEvaluation(objectives));
  const failed = evaluation.violation === Infinity;
  state.members.push(trial.params);
  state.observations.push({
    vector: space.toVector(trial.params),
    active: activeCoordinates(space, trial.params),
    value: failed ? Infinity : (evaluation.values[0] as number),
    status: failed ? 'failed' : trial.status,
    ...(trial.step === undefined ? {} : { step: trial.step }),
    evaluation: { values: [...evaluation.values], violation: evaluation.violation },
  });
  const { params } = state;
  if (
    state.observations.length >= (params.evolutionAfter ?? Infinity) &&
    evolves(params, context)
  ) {
    state.parents = nextParents(state.parents, state.observations, params.evolutionPopulation);
  }
}

function propose<X>(
  state: MotpeState,
  context: SolverContext<X>,
  pending: readonly X[],
  rng: Rng,
): X {
  const { params, observations, parents } = state;
  if (parents !== undefined) {
    return evolvedProposal(
      state.members as X[],
      observations,
      parents,
      context.space,
      pending,
      rng,
    );
  }
  return proposeFromModel(observations, params, context, pending, rng, () =>
    multiObjectiveGoodGroup(observations, params),
  );
}
