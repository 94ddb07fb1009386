// Iterated local search (Lourenço, Martin & Stützle 2003, "Iterated local search"): descend to a
// local optimum, kick it, descend again, and keep the new optimum by an acceptance rule. Tours
// get 2-opt + Or-opt with neighbour lists and don't-look bits and a double-bridge kick (Martin,
// Otto & Felten 1991); assignments a swap descent and random swaps (Stützle 2006); real vectors
// a quasi-Newton or pattern-search local optimizer and gaussian kicks whose scale adapts as in
// SciPy's basinhopping (Wales & Doye 1997); other spaces a descent over sampled neighbours.
// Move-model local searches run inside `ask` on deltas only, and each resulting candidate is
// then asked for a full evaluation (what the runner counts and records as best).
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { budgetSpent, defineSolver, type SolverContext } from '../../core/solver.js';
import { accepts, annealingTemperature } from './acceptance.js';
import { doubleBridgeKick, gaussianKick, randomSwapsKick, type Kick } from './kicks.js';
import {
  neighborDescentAsk,
  neighborDescentInit,
  neighborDescentTell,
  type NeighborDescentSettings,
  type NeighborDescentState,
} from './neighbor-descent.js';
import { DEFAULT_ILS_PARAMS, ILS_PARAMS_SCHEMA, type IteratedLocalSearchParams } from './params.js';
import {
  defaultStrength,
  resolveAcceptance,
  resolveFinalTemperatureRatio,
  resolveLocalSearch,
  resolvePerturbation,
  resolveTemperature,
  type AcceptanceKind,
  type LocalSearchKind,
  type PerturbationKind,
} from './strategy.js';
import {
  localAsk,
  localBest,
  localDone,
  localInit,
  localTell,
  type LocalOptimizerOptions,
  type LocalOptimizerState,
} from '../operators/local-optimizer/local-optimizer.js';
import { flipDescent } from '../operators/local-search/flip-descent.js';
import { swapDescent } from '../operators/local-search/swap-descent.js';
import { linKernighan } from '../operators/local-search/lin-kernighan.js';
import { twoOptOrOpt } from '../operators/local-search/tour-local-search.js';

export type { IteratedLocalSearchParams } from './params.js';

/** Plain-data state of iterated local search. */
interface IlsState {
  params: IteratedLocalSearchParams;
  localSearch: LocalSearchKind;
  perturbation: PerturbationKind;
  acceptance: AcceptanceKind;
  /** The annealing acceptance's temperature, relative to the current value. */
  temperature: number;
  /** The temperature at the end of the budget, as a fraction of `temperature` (1: no cooling). */
  finalTemperatureRatio: number;
  /** Kick strength in use (adapted for gaussian kicks); null: the space's default. */
  strength: number | null;
  /** The local optimum the next kick starts from, and its value. */
  home: unknown;
  homeValue: number;
  hasHome: boolean;
  /** The best local optimum so far and its value. */
  best: unknown;
  bestValue: number;
  /** The best has been refined by a polishing local search since it was found. */
  polished: boolean;
  /** The running local optimizer is a polish of the best (not an iteration). */
  polishing: boolean;
  /** Evaluations told so far. */
  evaluations: number;
  /** Completed local searches. */
  iterations: number;
  /** Local searches since the last new best. */
  sinceImprovement: number;
  restarts: number;
  restartPending: boolean;
  /** Acceptances over the current adaptation window (gaussian kicks). */
  windowAccepted: number;
  windowIterations: number;
  /** The running continuous local optimizer or neighbour descent, if any. */
  local: LocalOptimizerState | null;
  descent: NeighborDescentState<unknown> | null;
}

const ADAPT_INTERVAL = 50;
const ADAPT_FACTOR = 0.9;
const TARGET_ACCEPTANCE = 0.5;
const POLISH_RESERVE = 0.05;
// Pattern search: the step (fraction of the range) where an iteration's search stops and the
// polish starts.
const PATTERN_SEARCH_STEP = 1e-6;

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
      case 'pattern': {
        const local = state.local;
        if (local === null) return;
        localTell(local, values);
        if (localDone(local)) {
          const best = localBest(local);
          state.local = null;
          const x = context.space.fromVector(best.x);
          if (state.polishing) finishPolish(state, x, best.value);
          else finishLocalSearch(state, x, best.value, rng, context);
        }
        return;
      }
      case 'neighbor': {
        const descent = state.descent;
        if (descent === null) return;
        neighborDescentTell(descent, candidates, values, descentSettings(state));
        if (descent.done) {
          state.descent = null;
          finishLocalSearch(state, descent.current, descent.currentValue, rng, context);
        }
        return;
      }
      default:
        finishLocalSearch(state, candidates[0], values[0] as number, rng, context);
    }
  },
});

// Where the next local search starts: the problem's constructed candidate (a greedy tour) or a
// random one first, a random one after a restart, else a kick.
function startingPoint<X>(
  state: IlsState,
  space: Space<X>,
  rng: Rng,
  moves?: MoveModel,
): { x: X; kick: Kick | null } {
  if (!state.hasHome || state.restartPending) {
    if (state.restartPending) state.restarts++;
    else if (state.localSearch === 'lin-kernighan' && moves?.construct !== undefined) {
      return { x: moves.construct() as X, kick: null };
    }
    return { x: space.sample(rng), kick: null };
  }
  const home = state.home as X;
  const strength = state.strength;
  switch (state.perturbation) {
    case 'double-bridge': {
      const kick = doubleBridgeKick(home as number[], strength ?? 0, rng);
      return { x: kick.x as X, kick };
    }
    case 'random-swaps': {
      const kick = randomSwapsKick(home as number[], Math.max(1, Math.round(strength ?? 2)), rng);
      return { x: kick.x as X, kick };
    }
    case 'gaussian': {
      const x = gaussianKick(
        space.toVector(home),
        space.vectorLower,
        space.vectorUpper,
        strength ?? 0.3,
        state.params.perturbedVariables,
        rng,
      );
      return { x: space.fromVector(x), kick: null };
    }
    case 'space':
      return { x: space.perturb(home, rng, strength === null ? {} : { strength }), kick: null };
  }
}

// One iteration of a move-model local search: kick, descend on deltas, ask the result.
function moveSearch<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X {
  const moves = context.moves;
  const { x, kick } = startingPoint(state, context.space, rng, moves);
  if (moves === undefined) return x;
  const params = state.params;
  const start = x as number[];
  switch (state.localSearch) {
    case 'lin-kernighan':
      return linKernighan(start, NaN, moves, rng, {
        depth: params.linKernighanDepth,
        neighborListSize: params.neighborListSize,
        orOpt: params.orOpt,
        ...(kick?.touched == null ? {} : { start: kick.touched }),
      }).x as X;
    case 'two-opt':
      return twoOptOrOpt(start, NaN, moves, rng, {
        orOpt: params.orOpt,
        neighborListSize: params.neighborListSize,
        improvement: params.improvement,
        dontLookBits: params.dontLookBits,
        ...(kick?.touched == null || !params.dontLookBits ? {} : { start: kick.touched }),
      }).x as X;
    case 'swap':
      return swapDescent(start, NaN, moves, rng, { improvement: params.improvement }).x as X;
    case 'flip':
      return flipDescent(start, NaN, moves, rng, { improvement: params.improvement }).x as X;
    default:
      return x;
  }
}

function askContinuous<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X[] {
  const space = context.space;
  // A local search that stops before asking anything is closed at once; bounded for safety.
  for (let attempt = 0; attempt < 100; attempt++) {
    if (state.local === null) {
      const box = { lower: space.vectorLower, upper: space.vectorUpper };
      state.polishing = shouldPolish(state, context);
      if (state.polishing) {
        state.local = localInit(
          space.toVector(state.best as X),
          state.bestValue,
          box,
          polishOptions(state),
        );
      } else {
        const { x } = startingPoint(state, space, rng);
        state.local = localInit(space.toVector(x), undefined, box, localOptions(state));
      }
    }
    const points = localAsk(state.local);
    if (points.length > 0) return points.map((p) => space.fromVector(p));
    const best = localBest(state.local);
    state.local = null;
    if (state.polishing) finishPolish(state, space.fromVector(best.x), best.value);
    else finishLocalSearch(state, space.fromVector(best.x), best.value, rng, context);
  }
  return [space.sample(rng)];
}

// The best is polished (central differences, tight tolerances) once the search has not improved
// it for `polishAfter` iterations, or when the evaluation budget is nearly spent.
function shouldPolish<X>(state: IlsState, context: SolverContext<X>): boolean {
  const after = state.params.polishAfter;
  if (after === 0 || state.polished || !state.hasHome) return false;
  if (!Number.isFinite(state.bestValue)) return false;
  const budget = context.budget.evaluations;
  const ending = budget !== undefined && budget - state.evaluations <= POLISH_RESERVE * budget;
  return state.sinceImprovement >= after || ending;
}

// A polish ends: the best (and the current point, if it was the best) takes the refined value.
function finishPolish(state: IlsState, x: unknown, value: number): void {
  state.polishing = false;
  state.polished = true;
  if (!(value < state.bestValue)) return;
  if (state.homeValue === state.bestValue) {
    state.home = x;
    state.homeValue = value;
  }
  state.best = x;
  state.bestValue = value;
}

// Each iteration's local search stops early (loose tolerances: its optimum only has to be told
// apart from others); the polish of the best goes on to tight ones.
function localOptions(state: IlsState): LocalOptimizerOptions {
  const p = state.params;
  const maxEvaluations = p.localSearchEvaluations > 0 ? p.localSearchEvaluations : Infinity;
  if (state.localSearch === 'pattern') {
    return { method: 'pattern', maxEvaluations, stepTolerance: PATTERN_SEARCH_STEP };
  }
  return {
    method: 'quasi-newton',
    maxEvaluations,
    memory: p.memory,
    gradientTolerance: p.gradientTolerance,
    valueTolerance: p.valueTolerance,
    differences: p.differences,
  };
}

function polishOptions(state: IlsState): LocalOptimizerOptions {
  const p = state.params;
  if (state.localSearch === 'pattern') {
    return { method: 'pattern', initialStep: PATTERN_SEARCH_STEP, stepTolerance: 1e-12 };
  }
  return {
    method: 'quasi-newton',
    memory: p.memory,
    gradientTolerance: p.gradientTolerance,
    differences: 'adaptive',
  };
}

function descentSettings(state: IlsState): NeighborDescentSettings {
  const p = state.params;
  return {
    sample: p.neighborSample,
    patience: p.descentPatience,
    improvement: p.improvement,
    maxEvaluations: p.localSearchEvaluations > 0 ? p.localSearchEvaluations : Infinity,
  };
}

function askNeighbor<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X[] {
  const space = context.space;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (state.descent === null) {
      state.descent = neighborDescentInit<unknown>(startingPoint(state, space, rng).x);
    }
    const descent = state.descent as NeighborDescentState<X>;
    const batch = neighborDescentAsk(descent, space, descentSettings(state), rng);
    if (batch.length > 0) return batch;
    state.descent = null;
    finishLocalSearch(state, descent.current, descent.currentValue, rng, context);
  }
  return [space.sample(rng)];
}

// Bookkeeping at the end of a local search: best so far, acceptance, restarts, kick adaptation.
function finishLocalSearch<X>(
  state: IlsState,
  x: unknown,
  value: number,
  rng: Rng,
  context: SolverContext<X>,
): void {
  const v = Number.isNaN(value) ? Infinity : value;
  state.iterations++;
  if (v < state.bestValue) {
    state.best = x;
    state.bestValue = v;
    state.polished = false;
    state.sinceImprovement = 0;
  } else {
    state.sinceImprovement++;
  }
  const params = state.params;
  let accepted: boolean;
  if (!state.hasHome || state.restartPending) {
    accepted = true;
    state.restartPending = false;
  } else {
    const temperature =
      state.acceptance === 'annealing' ? currentTemperature(state, context) : state.temperature;
    accepted = accepts(state.acceptance, v, state.homeValue, temperature, rng);
    state.windowIterations++;
    if (accepted) state.windowAccepted++;
  }
  if (accepted) {
    state.home = x;
    state.homeValue = v;
    state.hasHome = true;
  }
  if (state.acceptance === 'restart' && state.sinceImprovement >= params.restartAfter) {
    state.restartPending = true;
    state.sinceImprovement = 0;
  }
  if (
    state.perturbation === 'gaussian' &&
    params.adaptiveStrength &&
    state.windowIterations >= ADAPT_INTERVAL
  ) {
    const rate = state.windowAccepted / state.windowIterations;
    const scale = state.strength ?? 0.3;
    state.strength = rate > TARGET_ACCEPTANCE ? scale / ADAPT_FACTOR : scale * ADAPT_FACTOR;
    state.windowAccepted = 0;
    state.windowIterations = 0;
  }
}

// The annealing temperature now, cooled over the share of the budget spent.
function currentTemperature<X>(state: IlsState, context: SolverContext<X>): number {
  const spent = budgetSpent(state.evaluations, context);
  return annealingTemperature(state.temperature, state.finalTemperatureRatio, spent);
}
