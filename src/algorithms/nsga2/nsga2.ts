// NSGA-II (Deb, Pratap, Agarwal & Meyarivan, IEEE TEC 6(2) 2002): elitist multi-objective
// evolution by fast non-dominated sorting, crowding distance and crowded binary tournaments.
// Single-objective problems run it as a plain elitist GA (one objective, rank = order).
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { SPACE_KINDS } from '../../core/space.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { makeOffspring } from './offspring.js';
import { nsgaDefaults, nsgaParamsSchema, type NsgaParams } from './params.js';
import { HYPERVOLUME_PRUNING_MAX_OBJECTIVES } from './hypervolume-pruning.js';
import { rankAndCrowdingSurvival, type CrowdingPruning } from './survival.js';

/** The parameters of {@link nsga2}. */
export interface Nsga2Params extends NsgaParams {
  /**
   * How the last admitted front is cut to size: `iterative` removes the most crowded member one
   * at a time and recomputes the distances (Kukkonen & Deb 2006), `once` ranks the whole front
   * by its distances (Deb et al. 2002). @defaultValue 'iterative'
   */
  crowdingPruning: CrowdingPruning;
  /**
   * How the last admitted front is cut: `crowding` by crowding distance (see `crowdingPruning`),
   * `hypervolume` by removing the member of least exclusive hypervolume contribution one at a
   * time (SMS-EMOA's rule, Beume et al. 2007; 2 or 3 objectives, exact contributions).
   * @defaultValue 'crowding'
   */
  survival: 'crowding' | 'hypervolume';
}

/** A population with each member's evaluation, rank and crowding distance (plain data). */
export interface NsgaPopulation<X> {
  members: X[];
  evaluations: ObjectiveEvaluation[];
  ranks: number[];
  crowding: number[];
}

interface Nsga2State {
  params: Nsga2Params;
  generation: number;
  population: NsgaPopulation<unknown>;
}

/** One scalar value as an evaluation: failures (non-finite) become infeasible at Infinity. */
export function scalarEvaluations(values: readonly number[]): ObjectiveEvaluation[] {
  return values.map((v) =>
    Number.isFinite(v)
      ? { values: [v], violation: 0 }
      : { values: [Infinity], violation: Infinity },
  );
}

/** Merges parents and offspring and keeps `size` by rank and crowding. */
function survive<X>(
  state: Nsga2State,
  offspring: X[],
  evaluations: readonly ObjectiveEvaluation[],
): void {
  const members = [...(state.population.members as X[]), ...offspring];
  const all = [...state.population.evaluations, ...evaluations];
  const { survivors, ranks, crowding } = rankAndCrowdingSurvival(
    all,
    state.params.populationSize,
    state.params.survival === 'hypervolume' ? 'hypervolume' : state.params.crowdingPruning,
  );
  state.population = {
    members: survivors.map((i) => members[i] as X),
    evaluations: survivors.map((i) => all[i] as ObjectiveEvaluation),
    ranks,
    crowding,
  };
  state.generation++;
}

export const nsga2 = defineSolver<Nsga2Params, Nsga2State>({
  name: 'nsga2',
  description:
    'NSGA-II: fast non-dominated sort, crowding distance, binary tournaments; SBX and polynomial mutation on real spaces.',
  supports: SPACE_KINDS,
  defaultParams: { ...nsgaDefaults, crowdingPruning: 'iterative', survival: 'crowding' },
  paramsSchema: {
    ...nsgaParamsSchema,
    properties: {
      ...(nsgaParamsSchema.properties as Record<string, unknown>),
      crowdingPruning: {
        enum: ['iterative', 'once'],
        description:
          'Cut the last front one most-crowded member at a time (iterative) or all at once.',
      },
      survival: {
        enum: ['crowding', 'hypervolume'],
        description:
          'Cut the last front by crowding distance, or by least hypervolume contribution one member at a time (SMS-EMOA; 2 or 3 objectives).',
      },
    },
  },
  objectivesIssue: (params, objectives) =>
    params.survival === 'hypervolume' && objectives > HYPERVOLUME_PRUNING_MAX_OBJECTIVES
      ? {
          path: '/survival',
          message: `must be "crowding" with ${objectives} objectives: "hypervolume" takes at most ${HYPERVOLUME_PRUNING_MAX_OBJECTIVES}`,
          hint: 'or use the nsga3 solver',
        }
      : undefined,
  init: (context, params) => {
    const issue = nsga2.objectivesIssue?.(params, context.objectives?.length ?? 1);
    if (issue !== undefined)
      throw new ParameterError(`nsga2: ${issue.path.slice(1)} ${issue.message} (${issue.hint})`);
    return {
      params,
      generation: 0,
      population: { members: [], evaluations: [], ranks: [], crowding: [] },
    };
  },
  ask<X>(state: Nsga2State, context: SolverContext<X>, rng: Rng): X[] {
    const size = state.params.populationSize;
    const population = state.population;
    if (population.members.length === 0) {
      return Array.from({ length: size }, () => context.space.sample(rng));
    }
    // Crowded comparison: lower rank wins, then larger crowding distance.
    const compare = (i: number, j: number): number =>
      (population.ranks[i] as number) - (population.ranks[j] as number) ||
      (population.crowding[j] as number) - (population.crowding[i] as number) ||
      0;
    return makeOffspring(
      population.members as X[],
      compare,
      context.space,
      state.params,
      size,
      rng,
    );
  },
  tell(state, _context, candidates, values) {
    survive(state, candidates, scalarEvaluations(values));
  },
  tellObjectives(state, _context, candidates, evaluations) {
    survive(state, candidates, evaluations);
  },
});
