// The genetic algorithm (Holland 1975; Goldberg 1989): selection, crossover and mutation over
// a population, generational with elitism (De Jong 1975) or steady-state with replacement of
// the worst (Whitley 1989's GENITOR), with optional de-duplication of offspring (as pymoo does)
// and an optional memetic mode (Moscato 1989) that improves offspring by local search.
// Operators, one per file in ./operators/: tournament selection (Goldberg & Deb 1991), roulette
// wheel by stochastic universal sampling (Baker 1987), linear ranking (Baker 1985), truncation
// (Mühlenbein & Schlierkamp-Voosen 1993); SBX (Deb & Agrawal 1995), BLX-alpha (Eshelman &
// Schaffer 1993), whole arithmetic crossover (Michalewicz 1996); order crossover OX1 (Davis
// 1985), PMX (Goldberg & Lingle 1985), cycle crossover (Oliver, Smith & Holland 1987), edge
// recombination (Whitley, Starkweather & Fuquay 1989); uniform (Syswerda 1989), one- and
// two-point crossover (De Jong 1975); polynomial mutation (Deb & Goyal 1996), gaussian and
// uniform-reset mutation, swap, insertion and inversion moves, bit flip (Holland 1975).
import { ParameterError, type ConfigIssue } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { SPACE_KINDS } from '../../core/space.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import { checkOperators } from './variation.js';
import { breed } from './breed.js';
import {
  GENETIC_ALGORITHM_DEFAULTS,
  GENETIC_ALGORITHM_SCHEMA,
  type GeneticAlgorithmParams,
} from './params.js';
import { distinctSample, isVectorSpace, keyedCandidates, type CandidateSet } from './distinct.js';
import { generationVectors } from './population-vectors.js';
import {
  checkLocalSearch,
  finishPolish,
  improveOffspring,
  memeticStart,
  polishAsk,
  polishTell,
  startPolish,
} from './memetic.js';
import { elitesOf, survive, type GeneticAlgorithmState } from './survival.js';

export type { GeneticAlgorithmParams } from './params.js';

const WHERE = 'genetic-algorithm';

/**
 * The genetic algorithm (registry name `genetic-algorithm`), on every space kind. One ask is
 * the initial population, then one generation of offspring (or one pair, steady-state), so a
 * worker pool evaluates a generation in parallel; a memetic run on a real space adds asks for
 * the local searches of each generation.
 *
 * @example
 * ```ts
 * // A memetic GA on a TSPLIB tour: edge recombination, 2-opt + Or-opt on every child.
 * const result = await minimize(tspProblem({ instance: 'a280' }), geneticAlgorithm, {
 *   budget: { seconds: 10 },
 *   params: { populationSize: 30, crossover: 'edge', localSearch: 'two-opt' },
 * });
 * ```
 */
export const geneticAlgorithm = defineSolver<GeneticAlgorithmParams, GeneticAlgorithmState>({
  name: 'genetic-algorithm',
  description:
    'Genetic algorithm: tournament/roulette/rank/truncation selection, per-space crossover and mutation, generational or steady-state, optional de-duplication and memetic local search.',
  supports: SPACE_KINDS,
  defaultParams: GENETIC_ALGORITHM_DEFAULTS,
  paramsSchema: GENETIC_ALGORITHM_SCHEMA,
  checkParams: elitismIssues,
  init<X>(context: SolverContext<X>, params: GeneticAlgorithmParams): GeneticAlgorithmState {
    const kind = context.space.kind;
    checkOperators(WHERE, kind, params.crossover, params.mutation);
    // Also here: init may be called with parameters resolveParams never saw.
    const elitism = elitismIssues(params)[0];
    if (elitism !== undefined) throw new ParameterError(`${WHERE}: elitism ${elitism.message}`);
    checkLocalSearch(WHERE, context, params.localSearch);
    return {
      params: { ...params },
      population: [],
      values: [],
      keys: [],
      askedKeys: [],
      generation: 0,
      initialized: false,
      polish: undefined,
    };
  },

  ask<X>(state: GeneticAlgorithmState, context: SolverContext<X>, rng: Rng): X[] {
    const { space } = context;
    const params = state.params;
    state.askedKeys = [];
    if (!state.initialized) {
      const population: X[] = [];
      const asked: string[] = [];
      const seen = !params.deduplicate
        ? undefined
        : isVectorSpace(space)
          ? (generationVectors(space, space.dimension, []) as unknown as CandidateSet<X>)
          : keyedCandidates((x: X) => space.key(x), new Set<string>(), asked);
      // Memetic runs start from local optima too (move-model searches; real spaces polish later).
      const improve = (x: X): X => improveOffspring(context, params, x, rng);
      for (let i = 0; i < params.populationSize; i++) {
        // Tours with Lin-Kernighan: local optima around the greedy tour.
        const start = memeticStart(context, params, i, rng);
        if (start !== undefined && !(seen?.has(start) ?? false)) {
          seen?.add(start);
          population.push(start);
          continue;
        }
        population.push(
          seen !== undefined
            ? distinctSample(space, seen, rng, improve)
            : improve(space.sample(rng)),
        );
      }
      state.askedKeys = asked;
      return population;
    }
    if (state.polish !== undefined) return polishAsk(state.polish) as X[];
    const count = params.model === 'steady-state' ? 2 : params.populationSize - elitesOf(params);
    return breed(state, context, count, rng);
  },

  tell<X>(
    state: GeneticAlgorithmState,
    context: SolverContext<X>,
    candidates: X[],
    values: number[],
    rng: Rng,
  ): void {
    const clean = values.map((v) => (Number.isNaN(v) ? Infinity : v));
    if (!state.initialized) {
      state.population = candidates.slice();
      state.values = clean;
      state.keys = knownKeys(state, context, candidates);
      state.initialized = true;
      return;
    }
    if (state.polish !== undefined) {
      polishTell(state.polish, clean);
      const done = finishPolish(state.polish);
      if (done === undefined) return;
      state.polish = undefined;
      survive(state, context, done.offspring as X[], done.values);
      return;
    }
    const polish = startPolish(context, state.params, candidates, clean, rng);
    if (polish !== undefined) {
      state.polish = polish;
      return;
    }
    survive(state, context, candidates, clean, knownKeys(state, context, candidates));
  },
});

/** The keys of the candidates just told: those ask computed when they match, else fresh ones. */
function knownKeys<X>(
  state: GeneticAlgorithmState,
  context: SolverContext<X>,
  candidates: X[],
): string[] {
  const space = context.space;
  if (!state.params.deduplicate || isVectorSpace(space)) return [];
  if (state.askedKeys.length === candidates.length) return state.askedKeys;
  return candidates.map((x) => space.key(x));
}

// The elites copied unchanged must leave room for at least one child.
function elitismIssues(params: Readonly<GeneticAlgorithmParams>): ConfigIssue[] {
  if (params.elitism === null || params.elitism < params.populationSize) return [];
  return [
    {
      path: '/elitism',
      message: `must be less than populationSize (got ${params.elitism} with populationSize ${params.populationSize})`,
    },
  ];
}
