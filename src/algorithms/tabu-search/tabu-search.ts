// Tabu search (Glover 1989, 1990) with Taillard's robust tabu search on swap neighbourhoods
// (Taillard 1991: randomized tenure, aspiration, long-term diversification) and Battiti &
// Tecchiolli's reactive tenure (1994). With a move model, many moves run inside one ask through
// deltas; without one, each iteration asks a candidate list of neighbours as one batch.
import { SPACE_KINDS } from '../../core/space.js';
import type { Space } from '../../core/space.js';
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import { flipChunk } from './flip-engine.js';
import { defaultTabuParams, type TabuSearchParams } from './params.js';
import { tabuParamsSchema } from './params-schema.js';
import { sampledAsk, sampledTell } from './sampled-search.js';
import { addElite, copy, noteCurrent, type TabuState } from './search-state.js';
import { swapChunk } from './swap-engine.js';
import { createTenure } from './tenure.js';
import { automaticSettings, chooseEngine } from './engine-choice.js';
import { nearestNeighborTour, twoOptChunk } from './two-opt-engine.js';
import { createLinkTabu } from './link-tabu.js';
import { tourChunk } from './tour-engine.js';
import { linKernighan } from '../operators/local-search/lin-kernighan.js';

export type { TabuSearchParams } from './params.js';

// The start of a tour walk: the model's greedy tour polished by Lin-Kernighan, so that the
// walk begins near a deep local optimum; a nearest-neighbour tour when the model has no
// construction.
function greedyStart(moves: MoveModel, size: number, listSize: number, rng: Rng): number[] | null {
  const built = moves.construct?.();
  if (built === undefined) return nearestNeighborTour(moves, size, listSize, rng);
  return linKernighan(built, NaN, moves, rng).x;
}

function initialState<X>(context: SolverContext<X>, params: TabuSearchParams, rng: Rng): TabuState {
  const space = context.space;
  const { engine, move } = chooseEngine(context, params);
  const size = space.dimension;
  const auto = automaticSettings(engine, size);
  const tenure = createTenure(params.tabuTenure ?? auto.tenure, auto.maximum);
  const frequencySize = move === 'flip' ? size : size * size;
  const greedy =
    params.initialSolution === 'greedy' &&
    (engine === 'two-opt' || engine === 'lin-kernighan') &&
    context.moves !== undefined
      ? greedyStart(context.moves, size, params.neighborListSize, rng)
      : null;
  const x = (greedy ?? space.sample(rng)) as unknown;
  return {
    params,
    engine,
    move,
    size,
    iteration: 0,
    current: x,
    currentValue: Infinity,
    best: copy(x),
    bestValue: Infinity,
    bestReported: true,
    needsEvaluation: true,
    asked: [],
    lastImprovement: 0,
    episodeBest: undefined,
    episodeBestValue: Infinity,
    elite: [],
    restarts: 0,
    escapes: 0,
    stagnation: params.stagnationIterations ?? auto.stagnation,
    longTerm: params.longTermAspiration ?? auto.longTerm,
    restartStrength: params.restartStrength ?? auto.restartStrength,
    tenure,
    tabuList:
      engine === 'sampled'
        ? []
        : engine === 'lin-kernighan'
          ? createLinkTabu(size)
          : new Array<number>(engine === 'flip' ? size : size * size).fill(-1),
    focus: [],
    table: null,
    tabuAttributes: {},
    pending: [],
    frequency:
      params.diversification === 'frequency' &&
      (space.kind === 'permutation' || space.kind === 'binary')
        ? new Array<number>(frequencySize).fill(0)
        : [],
    frequencyIterations: 0,
    step: params.stepSize,
    stepImprovement: 0,
  };
}

// Runs the move-model engine for one batch of iterations.
function runChunk<X>(state: TabuState, context: SolverContext<X>, rng: Rng): void {
  const space = context.space as Space<unknown>;
  const moves = context.moves;
  if (moves === undefined) return;
  if (state.engine === 'swap') swapChunk(state, space, moves, rng);
  else if (state.engine === 'two-opt') twoOptChunk(state, space, moves, rng);
  else if (state.engine === 'lin-kernighan') tourChunk(state, space, moves, rng);
  else if (state.engine === 'flip') flipChunk(state, space, moves, rng);
}

function limitReached(state: TabuState): boolean {
  return state.params.maxIterations !== null && state.iteration >= state.params.maxIterations;
}

/**
 * Tabu search on every space kind. With a move model it runs the swap engine (QAP: Taillard's
 * delta table), the 2-opt engine (tours, neighbour lists) or the flip engine (bits), many moves
 * per batch; otherwise each iteration asks a candidate list of neighbours as one batch.
 */
export const tabuSearch = defineSolver<TabuSearchParams, TabuState>({
  name: 'tabu-search',
  description:
    'Tabu search: robust (Taillard 1991) or reactive (Battiti & Tecchiolli 1994) tenure, aspiration, elite restarts; move-model deltas on QAP, TSP and bits.',
  supports: SPACE_KINDS,
  defaultParams: defaultTabuParams,
  paramsSchema: tabuParamsSchema,
  init: (context, params, rng) => initialState(context, params, rng),
  ask<X>(state: TabuState, context: SolverContext<X>, rng: Rng): X[] {
    const batch: unknown[] = [];
    state.asked = [];
    if (!state.needsEvaluation && !limitReached(state)) {
      if (state.engine === 'sampled') {
        const candidates = sampledAsk(state, context.space, rng);
        state.asked = candidates.map(() => 'candidate');
        return candidates as X[];
      }
      runChunk(state, context, rng);
    }
    const wantCurrent =
      state.needsEvaluation || (state.engine !== 'sampled' && !limitReached(state));
    const space = context.space as Space<unknown>;
    if (!state.bestReported) {
      // One evaluation serves both when the search still stands on its best solution.
      const same = wantCurrent && space.key(state.best) === space.key(state.current);
      batch.push(copy(state.best));
      state.asked.push(same ? 'both' : 'best');
      if (same) return batch as X[];
    }
    if (wantCurrent) {
      batch.push(copy(state.current));
      state.asked.push('current');
    }
    return batch as X[];
  },
  tell<X>(
    state: TabuState,
    context: SolverContext<X>,
    candidates: X[],
    values: number[],
    rng: Rng,
  ) {
    const space = context.space as Space<unknown>;
    if (state.asked[0] === 'candidate') {
      sampledTell(state, space, candidates, values, rng);
      return;
    }
    state.asked.forEach((what, k) => {
      const value = values[k] as number;
      if (what === 'best' || what === 'both') {
        state.bestReported = true;
        if (Number.isFinite(value)) state.bestValue = value;
        if (what === 'best') return;
      }
      if (state.needsEvaluation) {
        if (!Number.isFinite(value)) {
          // A failed start or restart: try another point.
          state.current = space.sample(rng);
          return;
        }
        state.needsEvaluation = false;
        noteCurrent(state, value, false);
        if (state.elite.length === 0) addElite(state, space, state.current, value);
      } else if (Number.isFinite(value) && value !== state.currentValue) {
        // Deltas drifted from the objective: trust the full evaluation, rebuild the table.
        state.currentValue = value;
        state.table = null;
      }
    });
  },
});
