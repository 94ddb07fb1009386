// Differential evolution (Storn & Price 1997) with the adaptive variants JADE (Zhang &
// Sanderson 2009), SHADE (Tanabe & Fukunaga 2013) and L-SHADE (Tanabe & Fukunaga 2014, the
// default). It evolves vectors in the space's embedding (toVector / fromVector), so it works
// on every space kind: random keys for permutations, [0, 1] codes for mixed spaces, rounding
// for integers. One generation is one ask: the whole set of trial vectors.
import { ParameterError } from '../../core/errors.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';
import type { Rng } from '../../core/rng.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS } from '../../core/space.js';
import { minimumPopulation } from '../operators/de-mutation.js';
import {
  createMemory,
  plannedPopulationSize,
  updateJadeMeans,
  updateMemory,
} from './adaptation.js';
import {
  archiveCapacity,
  makeTrials,
  selectSurvivors,
  type PopulationState,
  type TrialBatch,
} from './generation.js';
import {
  DEFAULT_PARAMS,
  PARAMS_SCHEMA,
  parameterIssues,
  type DifferentialEvolutionParams,
} from './params.js';
import { adoptPolished, canPolish, polishAsk, polishTell, startPolish } from './polish.js';
import { initialVectors, keepBest, trimArchive } from './population.js';
import { releaseLists, releaseVector } from './vector-pool.js';
import type { LocalOptimizerState } from '../operators/local-optimizer/local-optimizer.js';

export type { DifferentialEvolutionParams, DifferentialEvolutionVariant } from './params.js';

/** The state of a run (plain data). */
export interface DifferentialEvolutionState extends PopulationState {
  params: DifferentialEvolutionParams;
  /**
   * `initial`: the first population is out for evaluation; `evolve`: generations; `polish`: the
   * local optimizer runs from the best vector; `done`: converged.
   */
  phase: 'initial' | 'evolve' | 'polish' | 'done';
  initialPopulationSize: number;
  minPopulationSize: number;
  /** The run's evaluation budget, 0 when unknown. */
  budget: number;
  /** Evaluations for the evolution (L-SHADE's horizon; the polish gets the rest), 0 when unknown. */
  horizon: number;
  /** Whether this run polishes (asked for, on a real space) and whether it has. */
  polishes: boolean;
  polished: boolean;
  /** Whether the evolution had converged when the polish started (then the run ends with it). */
  convergedBeforePolish: boolean;
  polishState: LocalOptimizerState | null;
  evaluations: number;
  generations: number;
  /** The batch out for evaluation. */
  trials: TrialBatch;
}

/**
 * Differential evolution. The default is L-SHADE: each trial draws F ~ Cauchy and CR ~ Normal
 * around a success-history memory, mutates with current-to-pbest/1 (its last donor may come
 * from an archive of defeated parents), and the population shrinks linearly from
 * 18 x dimension to 4 over the evaluation budget; the best vector is then polished by the
 * quasi-Newton local optimizer on real spaces. `variant: 'classic'` with `strategy` and
 * `crossover` gives the textbook DE/x/y/z schemes (`rand/1` + `binomial` = DE/rand/1/bin).
 * Selection waits for the whole generation (SciPy's `updating: 'deferred'`), so a worker pool
 * evaluates each generation in parallel.
 *
 * @example
 * minimize(problem, 'differential-evolution', { budget: { evaluations: 100_000 } });
 * minimize(problem, 'differential-evolution', {
 *   budget: { evaluations: 50_000 },
 *   params: { variant: 'classic', strategy: 'best/1', differentialWeight: [0.5, 1] },
 * });
 */
export const differentialEvolution = defineSolver<
  DifferentialEvolutionParams,
  DifferentialEvolutionState
>({
  name: 'differential-evolution',
  description:
    'Differential evolution; L-SHADE by default (success-history F/CR adaptation, current-to-pbest/1 with archive, linear population reduction).',
  supports: SPACE_KINDS,
  defaultParams: DEFAULT_PARAMS,
  paramsSchema: PARAMS_SCHEMA,
  checkParams: parameterIssues,

  init<X>(context: SolverContext<X>, params: DifferentialEvolutionParams, rng: Rng) {
    const { space } = context;
    const needed = minimumPopulation(params.strategy);
    const budget = context.budget.evaluations ?? 0;
    const size = params.populationSize ?? automaticPopulationSize(params, space.dimension, budget);
    if (size < needed) {
      throw new ParameterError(
        `differential-evolution: populationSize must be >= ${needed} for strategy ${params.strategy} (got ${size})`,
      );
    }
    const polishes = params.polish && canPolish(space.kind);
    const vectors = initialVectors(
      size,
      space.vectorLower,
      space.vectorUpper,
      params.initialization,
      rng,
    );
    return {
      params,
      phase: 'initial',
      vectors: [],
      values: [],
      archive: [],
      memory: createMemory(params.variant === 'jade' ? 1 : params.memorySize),
      initialPopulationSize: size,
      minPopulationSize: Math.min(size, Math.max(needed, params.minPopulationSize)),
      budget,
      horizon: Math.floor(budget * (polishes ? 1 - params.polishFraction : 1)),
      polishes,
      polished: false,
      convergedBeforePolish: false,
      polishState: null,
      evaluations: 0,
      generations: 0,
      trials: { vectors, differentialWeights: [], crossoverRates: [] },
    };
  },

  ask<X>(state: DifferentialEvolutionState, context: SolverContext<X>, rng: Rng): X[] {
    const { space } = context;
    if (state.phase === 'polish' && state.polishState !== null) {
      const points = polishAsk(state.polishState);
      if (points.length > 0) return points.map((v) => space.fromVector(v));
      endPolish(state);
    }
    if (state.phase === 'done') return [];
    if (state.phase === 'evolve') {
      state.trials = makeTrials(state, state.params, space.vectorLower, space.vectorUpper, rng);
    }
    return state.trials.vectors.map((v) => space.fromVector(v));
  },

  tell<X>(
    state: DifferentialEvolutionState,
    context: SolverContext<X>,
    _candidates: X[],
    told: number[],
    rng: Rng,
  ) {
    state.evaluations += told.length;
    if (state.phase === 'polish' && state.polishState !== null) {
      if (polishTell(state.polishState, failedAsInfinity(told))) endPolish(state);
      return;
    }
    const { trials } = state;
    if (state.phase === 'initial') {
      state.vectors = trials.vectors;
      state.values = failedAsInfinity(told);
      state.phase = 'evolve';
    } else {
      // Selection treats NaN as it treats Infinity: a trial that never survives.
      evolve(state, told, rng);
      // The generation's lists are spent: the next generation overwrites them.
      releaseLists(trials.vectors, trials.differentialWeights, trials.crossoverRates);
    }
    state.trials = { vectors: [], differentialWeights: [], crossoverRates: [] };
    const isConverged = converged(state);
    const evolutionOver = state.horizon > 0 && state.evaluations >= state.horizon;
    if (state.polishes && !state.polished && (isConverged || evolutionOver)) {
      beginPolish(state, context.space.vectorLower, context.space.vectorUpper, isConverged);
    }
    if (isConverged && state.phase !== 'polish') state.phase = 'done';
  },
});

// The evolution is over (budget share used, or converged): polish from the best vector with
// the rest of the budget, if any is left.
function beginPolish(
  state: DifferentialEvolutionState,
  lower: readonly number[],
  upper: readonly number[],
  isConverged: boolean,
): void {
  const remaining = state.budget > 0 ? state.budget - state.evaluations : Infinity;
  if (!(remaining > 0)) return;
  const method = state.params.polishMethod;
  state.polishState = startPolish(state.vectors, state.values, lower, upper, method, remaining);
  state.convergedBeforePolish = isConverged;
  state.phase = 'polish';
}

// populationSizePerDimension x dimension, but at most a tenth of a known evaluation budget so
// that a small budget still sees some ten generations (never below the strategy's minimum).
// Refused past MAX_BATCH_SIZE, before any vector is allocated.
function automaticPopulationSize(
  params: DifferentialEvolutionParams,
  dimension: number,
  budget: number,
): number {
  const perDimension = Math.round(params.populationSizePerDimension * dimension);
  const cap = budget > 0 ? Math.floor(budget / 10) : Infinity;
  const size = Math.max(minimumPopulation(params.strategy), Math.min(perDimension, cap));
  if (size > MAX_BATCH_SIZE) {
    throw new ParameterError(
      `differential-evolution: populationSizePerDimension x dimension must be <= ${MAX_BATCH_SIZE} (got ${params.populationSizePerDimension} x ${dimension} = ${perDimension}); lower populationSizePerDimension, set populationSize, or give an evaluation budget (the population is then at most a tenth of it)`,
    );
  }
  return size;
}

// The polish is over: keep its point if it is better, then end or go on evolving.
function endPolish(state: DifferentialEvolutionState): void {
  if (state.polishState !== null) adoptPolished(state.polishState, state.vectors, state.values);
  state.polishState = null;
  state.polished = true;
  state.phase = state.convergedBeforePolish ? 'done' : 'evolve';
}

// Selection, F/CR learning and population reduction after a generation's values arrive.
function evolve(state: DifferentialEvolutionState, values: readonly number[], rng: Rng): void {
  const { params } = state;
  const capacity = archiveCapacity(params, state.vectors.length);
  const successes = selectSurvivors(state, state.trials, values, capacity, rng);
  if (params.variant === 'jade') updateJadeMeans(state.memory, successes, params.adaptationRate);
  else if (params.variant !== 'classic')
    updateMemory(state.memory, successes, params.variant === 'lshade');
  if (params.variant === 'lshade' && state.horizon > 0) {
    const size = plannedPopulationSize(
      state.initialPopulationSize,
      state.minPopulationSize,
      state.evaluations,
      state.horizon,
    );
    if (size < state.vectors.length) {
      for (const vector of keepBest(state.vectors, state.values, size)) releaseVector(vector);
      trimArchive(state.archive, archiveCapacity(params, size), rng);
    }
  }
  state.generations++;
}

function failedAsInfinity(told: readonly number[]): number[] {
  return told.map((v) => (Number.isNaN(v) ? Infinity : v));
}

// SciPy's criterion: std(values) <= absoluteTolerance + tolerance * |mean(values)|.
function converged(state: DifferentialEvolutionState): boolean {
  const { tolerance, absoluteTolerance } = state.params;
  if (tolerance === 0 && absoluteTolerance === 0) return false;
  const n = state.values.length;
  const mean = state.values.reduce((s, v) => s + v, 0) / n;
  if (!Number.isFinite(mean)) return false;
  const variance = state.values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return Math.sqrt(variance) <= absoluteTolerance + tolerance * Math.abs(mean);
}
