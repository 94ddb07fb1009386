// Iterated local search (Lourenço, Martin & Stützle 2003, "Iterated local search"): descend to a
// local optimum, kick it, descend again, and keep the new optimum by an acceptance rule. Tours
// get 2-opt + Or-opt with neighbour lists and don't-look bits and a double-bridge kick (Martin,
// Otto & Felten 1991); assignments a swap descent and random swaps (Stützle 2006); real vectors
// a quasi-Newton or pattern-search local optimizer and gaussian kicks whose scale adapts as in
// SciPy's basinhopping (Wales & Doye 1997); other spaces a descent over sampled neighbours.
// Move-model local searches run inside `ask` on deltas only, and each resulting candidate is
// then asked for a full evaluation (what the runner counts and records as best).
import type { Rng } from '../../core/rng.js';
import { SPACE_KINDS } from '../../core/space.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import { askContinuous, tellContinuous } from './continuous-search.js';
import type { IlsState } from './ils-state.js';
import { finishLocalSearch } from './iteration.js';
import { moveSearch } from './move-search.js';
import { askNeighbor, tellNeighbor } from './neighbor-search.js';
import { DEFAULT_ILS_PARAMS, ILS_PARAMS_SCHEMA, type IteratedLocalSearchParams } from './params.js';
import {
  defaultStrength,
  resolveAcceptance,
  resolveFinalTemperatureRatio,
  resolveLocalSearch,
  resolvePerturbation,
  resolveTemperature,
} from './strategy.js';

export type { IteratedLocalSearchParams } from './params.js';

export const iteratedLocalSearch = defineSolver<IteratedLocalSearchParams, IlsState>({
  name: 'iterated-local-search',
  description:
    'Iterated local search: local search (2-opt + Or-opt on tours, swap descent on assignments, quasi-Newton or pattern search on real vectors, sampled-neighbour descent elsewhere), kicks (double bridge, random swaps, gaussian) and an acceptance rule.',
  supports: SPACE_KINDS,
  defaultParams: DEFAULT_ILS_PARAMS,
  paramsSchema: ILS_PARAMS_SCHEMA,
  init<X>(context: SolverContext<X>, params: IteratedLocalSearchParams): IlsState {
    const kind = context.space.kind;
    const localSearch = resolveLocalSearch(kind, context.moves, params.localSearch);
    const perturbation = resolvePerturbation(kind, localSearch, params.perturbation);
    return {
      params: { ...params },
      localSearch,
      perturbation,
      acceptance: resolveAcceptance(localSearch, params.acceptance),
      temperature: resolveTemperature(localSearch, context.space.dimension, params.temperature),
      finalTemperatureRatio: resolveFinalTemperatureRatio(
        localSearch,
        params.finalTemperatureRatio,
      ),
      strength: defaultStrength(perturbation, context.space.dimension, params),
      home: null,
      homeValue: Infinity,
      hasHome: false,
      best: null,
      bestValue: Infinity,
      polished: false,
      polishing: false,
      evaluations: 0,
      iterations: 0,
      sinceImprovement: 0,
      restarts: 0,
      restartPending: false,
      windowAccepted: 0,
      windowIterations: 0,
      local: null,
      descent: null,
    };
  },
  ask<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X[] {
    switch (state.localSearch) {
      case 'quasi-newton':
      case 'pattern':
        return askContinuous(state, context, rng);
      case 'neighbor':
        return askNeighbor(state, context, rng);
      default:
        return [moveSearch(state, context, rng)];
    }
  },
  tell<X>(state: IlsState, context: SolverContext<X>, candidates: X[], values: number[], rng: Rng) {
    state.evaluations += values.length;
    switch (state.localSearch) {
      case 'quasi-newton':
      case 'pattern':
        return tellContinuous(state, context, values, rng);
      case 'neighbor':
        return tellNeighbor(state, context, candidates, values, rng);
      default:
        finishLocalSearch(state, candidates[0], values[0] as number, rng, context);
    }
  },
});
