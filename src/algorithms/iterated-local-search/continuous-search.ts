// Iterated local search on real vectors (and other spaces through their vector form): each
// iteration runs the quasi-Newton or pattern-search local optimizer from a kicked point as a
// sequence of batches, and the best point found is polished once the search stalls or the
// budget nearly ends.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import {
  localBest,
  localDone,
  localInit,
  localPending,
  localTell,
  type LocalOptimizerOptions,
} from '../operators/local-optimizer/local-optimizer.js';
import type { IlsState } from './ils-state.js';
import { finishLocalSearch, startingPoint } from './iteration.js';

const POLISH_RESERVE = 0.05;
// Pattern search: the step (fraction of the range) where an iteration's search stops and the
// polish starts.
const PATTERN_SEARCH_STEP = 1e-6;

export function askContinuous<X>(state: IlsState, context: SolverContext<X>, rng: Rng): X[] {
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
    // fromVector makes each candidate a new value: the pending points need no copy of their own.
    const points = localPending(state.local);
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

/** Tells the running local optimizer its values; ends the iteration (or the polish) when done. */
export function tellContinuous<X>(
  state: IlsState,
  context: SolverContext<X>,
  values: number[],
  rng: Rng,
): void {
  const local = state.local;
  if (local === null) return;
  localTell(local, values);
  if (!localDone(local)) return;
  const best = localBest(local);
  state.local = null;
  const x = context.space.fromVector(best.x);
  if (state.polishing) finishPolish(state, x, best.value);
  else finishLocalSearch(state, x, best.value, rng, context);
}
