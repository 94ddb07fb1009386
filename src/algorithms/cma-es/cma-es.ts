// CMA-ES, the covariance matrix adaptation evolution strategy (Hansen & Ostermeier 2001; the
// defaults and active update of Hansen 2016, arXiv:1604.00772), with IPOP (Auger & Hansen 2005)
// and BIPOP (Hansen 2009) restarts. It searches the space's vector embedding scaled to [0, 1],
// keeping samples in the box by resampling (or by reflection); other space kinds go through
// their embedding, as with differential evolution. One generation is one ask; with lq-CMA-ES's
// surrogate (Hansen 2019, `surrogate: "lq"`) it is a few, each of the candidates the surrogate
// ranks best, until it ranks the recent evaluations as their values do.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { sampleGeneration, startRun, updateDistribution, type CmaRun } from './distribution.js';
import { DEFAULT_PARAMS, PARAMS_SCHEMA, type CmaEsParams, type CmaSampling } from './params.js';
import { createLedger, nextRun, recordRun, type RestartLedger } from './restarts.js';
import { resolveSampling } from './small-budget.js';
import { defaultPopulationSize } from './strategy-parameters.js';
import { newSurrogate, surrogateAsk, surrogateTell, type SurrogateState } from './surrogate.js';
import { terminationReason } from './termination.js';

export type {
  CmaBoundHandling,
  CmaEsParams,
  CmaRestarts,
  CmaSampling,
  CmaSamplingChoice,
  CmaSurrogate,
} from './params.js';

/** The state of a CMA-ES search (plain data). */
export interface CmaEsState {
  params: CmaEsParams;
  ledger: RestartLedger;
  /** The sampling of every run (`auto` resolved by the budget at the start). */
  sampling: CmaSampling;
  /** The current run's surrogate (lq-CMA-ES), or null when every candidate is evaluated. */
  surrogate: SurrogateState | null;
  run: CmaRun;
  /** Reasons the finished runs stopped, in order. */
  stops: string[];
  done: boolean;
}

/**
 * CMA-ES with restarts. Each run samples lambda points from N(m, sigma^2 C), moves the mean to
 * the weighted recombination of the best half, and adapts sigma by cumulative step-size
 * adaptation and C by rank-one and (active) rank-mu updates. A run stops on the usual criteria
 * (flat values, tiny or exploding steps, ill-conditioned C, no effect on the mean); BIPOP then
 * restarts from a new random mean, alternating large and small populations.
 *
 * @example
 * minimize(problem, 'cma-es', { budget: { evaluations: 10_000 } });
 * minimize(problem, 'cma-es', { params: { restarts: 'ipop', initialStepSize: 0.3 } });
 * minimize(expensive, 'cma-es', { budget: { evaluations: 500 }, params: { surrogate: 'lq' } });
 */
export const cmaEs = defineSolver<CmaEsParams, CmaEsState>({
  name: 'cma-es',
  description:
    'CMA-ES with BIPOP restarts: covariance matrix adaptation for continuous problems (others through their vector embedding).',
  supports: SPACE_KINDS,
  defaultParams: DEFAULT_PARAMS,
  paramsSchema: PARAMS_SCHEMA,

  init<X>(context: SolverContext<X>, params: CmaEsParams, rng: Rng): CmaEsState {
    const n = context.space.dimension;
    const population = params.populationSize ?? Math.max(2, defaultPopulationSize(Math.max(n, 1)));
    if (population < 2) {
      throw new ParameterError(`cma-es: populationSize must be >= 2 (got ${population})`);
    }
    return {
      params,
      ledger: createLedger(population),
      sampling: resolveSampling(params.sampling, context.budget.evaluations, n),
      surrogate: params.surrogate === 'lq' ? newSurrogate() : null,
      run: startRun(
        params.initialMean === 'center' ? new Array<number>(n).fill(0.5) : randomMean(n, rng),
        params.initialStepSize,
        population,
      ),
      stops: [],
      done: false,
    };
  },

  ask<X>(state: CmaEsState, context: SolverContext<X>, rng: Rng): X[] {
    if (state.done) return [];
    const { run, surrogate } = state;
    const fresh = surrogate === null || surrogate.generation === null;
    const points = fresh
      ? sampleGeneration(run, rng, state.params.boundHandling, state.sampling)
      : run.points;
    const chosen = surrogate === null ? null : surrogateAsk(surrogate, run, fresh);
    const scratch = new Array<number>(context.space.dimension).fill(0);
    const count = chosen === null ? points.length : chosen.length;
    const candidates = new Array<X>(count);
    for (let k = 0; k < count; k++) {
      candidates[k] = decode(context.space, points[chosen === null ? k : chosen[k]!]!, scratch);
    }
    return candidates;
  },

  tell<X>(state: CmaEsState, context: SolverContext<X>, _xs: X[], values: number[], rng: Rng) {
    const run = state.run;
    const surrogate = state.surrogate;
    if (surrogate === null) {
      updateDistribution(run, values);
    } else {
      const ranked = surrogateTell(surrogate, run, values);
      if (ranked === null) return; // more of this generation to evaluate first
      updateDistribution(run, ranked.values, ranked.evaluated);
    }
    const reason = terminationReason(run, state.params);
    if (reason === null) return;
    state.stops.push(reason);
    recordRun(state.ledger, run.evaluations);
    const { params } = state;
    if (params.restarts === 'none') {
      state.done = true;
      return;
    }
    const next = nextRun(state.ledger, params.restarts, params.populationIncrease, rng);
    state.run = startRun(
      randomMean(context.space.dimension, rng),
      params.initialStepSize * next.stepSizeFactor,
      next.populationSize,
      next.generationLimit,
    );
    if (state.surrogate !== null) state.surrogate = newSurrogate();
  },
});

function randomMean(n: number, rng: Rng): number[] {
  const mean: number[] = [];
  for (let i = 0; i < n; i++) mean.push(rng.next());
  return mean;
}

/** Folds a coordinate of the unbounded search into [0, 1] by reflection (a triangle wave). */
export function reflectUnit(u: number): number {
  if (u >= 0 && u <= 1) return u; // every resampled point: no remainders to take
  const t = ((u % 2) + 2) % 2;
  return t <= 1 ? t : 2 - t;
}

/**
 * Decodes a unit-scaled point into the space through `vector`, scratch of length n (fromVector
 * returns a new candidate, never its argument).
 */
function decode<X>(space: Space<X>, u: readonly number[], vector: number[]): X {
  const n = u.length;
  for (let i = 0; i < n; i++) {
    const low = space.vectorLower[i] as number;
    vector[i] = low + ((space.vectorUpper[i] as number) - low) * reflectUnit(u[i] as number);
  }
  return space.fromVector(vector);
}
