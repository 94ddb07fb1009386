// NSGA-III (Deb & Jain, IEEE TEC 18(4) 2014): NSGA-II's elitist scheme with a reference-point
// survival for three or more objectives: Das-Dennis directions, adaptive normalization and
// niching keep the population spread over the whole front. Mating: tournaments on constraint
// violation (random otherwise), SBX eta 30 and polynomial mutation eta 20 (pymoo's defaults).
import { ParameterError, type ConfigIssue } from '../../core/errors.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';
import type { Rng } from '../../core/rng.js';
import { SPACE_KINDS } from '../../core/space.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import {
  dasDennisCount,
  dasDennisDirections,
  defaultPartitions,
} from '../../multi-objective/reference-directions.js';
import { scalarEvaluations } from '../nsga2/nsga2.js';
import { makeOffspring } from '../nsga2/offspring.js';
import { nsgaDefaults, nsgaParamsSchema, type NsgaParams } from '../nsga2/params.js';
import { rankAndCrowdingSurvival } from '../nsga2/survival.js';
import { referencePointSurvival } from './survival.js';

/** Parameters of {@link nsga3}. */
export interface Nsga3Params extends NsgaParams {
  /**
   * Divisions of each objective's axis for the Das-Dennis reference directions; 0 chooses by the
   * number of objectives (12 for 3: 91 directions). @defaultValue 0
   */
  partitions: number;
}

interface Nsga3State {
  params: Nsga3Params;
  size: number;
  directions: number[][];
  members: unknown[];
  evaluations: ObjectiveEvaluation[];
}

export const nsga3 = defineSolver<Nsga3Params, Nsga3State>({
  name: 'nsga3',
  description:
    'NSGA-III: reference-direction survival for 3+ objectives; population 0 = the directions rounded up to a multiple of 4.',
  supports: SPACE_KINDS,
  defaultParams: {
    ...nsgaDefaults,
    populationSize: 0,
    crossoverDistributionIndex: 30,
    partitions: 0,
  },
  paramsSchema: {
    ...nsgaParamsSchema,
    properties: {
      ...(nsgaParamsSchema.properties as Record<string, unknown>),
      populationSize: {
        type: 'integer',
        minimum: 0,
        maximum: MAX_BATCH_SIZE,
        description:
          'Individuals per generation, at least 4; 0 = the reference directions rounded up to a multiple of 4.',
      },
      partitions: {
        type: 'integer',
        minimum: 0,
        maximum: MAX_BATCH_SIZE,
        description: 'Das-Dennis divisions per objective; 0 = by the number of objectives.',
      },
    },
  },
  checkParams: populationSizeIssues,
  init: (context, params) => {
    const objectives = context.objectives?.length ?? 1;
    const partitions = params.partitions > 0 ? params.partitions : defaultPartitions(objectives);
    checkDirectionCount(objectives, partitions, params.partitions);
    const directions = objectives > 1 ? dasDennisDirections(objectives, partitions) : [[1]];
    const size =
      params.populationSize > 0
        ? params.populationSize
        : Math.max(4, Math.ceil(directions.length / 4) * 4);
    return { params, size, directions, members: [], evaluations: [] };
  },
  ask<X>(state: Nsga3State, context: SolverContext<X>, rng: Rng): X[] {
    if (state.members.length === 0) {
      return Array.from({ length: state.size }, () => context.space.sample(rng));
    }
    const compare = (i: number, j: number): number =>
      (state.evaluations[i] as ObjectiveEvaluation).violation -
        (state.evaluations[j] as ObjectiveEvaluation).violation || 0;
    return makeOffspring(
      state.members as X[],
      compare,
      context.space,
      state.params,
      state.size,
      rng,
    );
  },
  tell(state, _context, candidates, values) {
    const members = [...state.members, ...candidates];
    const all = [...state.evaluations, ...scalarEvaluations(values)];
    const { survivors } = rankAndCrowdingSurvival(all, state.size);
    state.members = survivors.map((i) => members[i]);
    state.evaluations = survivors.map((i) => all[i] as ObjectiveEvaluation);
  },
  tellObjectives(state, _context, candidates, evaluations, rng) {
    const members = [...state.members, ...candidates];
    const all = [...state.evaluations, ...evaluations];
    const survivors = referencePointSurvival(all, state.directions, state.size, rng);
    state.members = survivors.map((i) => members[i]);
    state.evaluations = survivors.map((i) => all[i] as ObjectiveEvaluation);
  },
});

// The reference directions are built (and the population sized) from partitions and the number
// of objectives: refuse a grid past MAX_BATCH_SIZE before building it, saying which partitions fit.
function checkDirectionCount(objectives: number, partitions: number, given: number): void {
  if (objectives < 2 || dasDennisCount(objectives, partitions, MAX_BATCH_SIZE) <= MAX_BATCH_SIZE)
    return;
  const count = dasDennisCount(objectives, partitions, Infinity);
  const shown = count < 1e15 ? String(count) : count.toPrecision(3);
  const got =
    given > 0
      ? `got ${given}: ${shown} directions`
      : `got 0, which chooses ${partitions} for ${objectives} objectives: ${shown} directions`;
  // The most partitions that fit, by bisection (the count grows with them).
  let fits = 0;
  let over = partitions;
  while (over - fits > 1) {
    const middle = Math.floor((fits + over) / 2);
    if (dasDennisCount(objectives, middle, MAX_BATCH_SIZE) <= MAX_BATCH_SIZE) fits = middle;
    else over = middle;
  }
  const hint = fits > 0 ? `set partitions <= ${fits}` : 'too many objectives for NSGA-III';
  throw new ParameterError(
    `nsga3: partitions must give at most ${MAX_BATCH_SIZE} reference directions with ${objectives} objectives (${got}); ${hint}`,
  );
}

// An explicit population is at least 4, as nsga2's; 0 sizes it by the reference directions (at
// least 4 too).
function populationSizeIssues(params: Readonly<Nsga3Params>): ConfigIssue[] {
  const size = params.populationSize;
  if (size === 0 || size >= 4) return [];
  return [
    {
      path: '/populationSize',
      message: `must be 0 (by the reference directions) or >= 4 (got ${size})`,
    },
  ];
}
