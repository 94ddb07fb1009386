// One iteration of iterated local search around its local search: where the search starts (a
// construction, a random point or a kick of the current optimum) and the bookkeeping once it
// ends (best so far, acceptance, restarts, adaptation of the gaussian kick's scale).
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { budgetSpent, type SolverContext } from '../../core/solver.js';
import { accepts, annealingTemperature } from './acceptance.js';
import type { IlsState } from './ils-state.js';
import { doubleBridgeKick, gaussianKick, randomSwapsKick, type Kick } from './kicks.js';

const ADAPT_INTERVAL = 50;
const ADAPT_FACTOR = 0.9;
const TARGET_ACCEPTANCE = 0.5;

// Where the next local search starts: the problem's constructed candidate (a greedy tour) or a
// random one first, a random one after a restart, else a kick.
export function startingPoint<X>(
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

// Bookkeeping at the end of a local search: best so far, acceptance, restarts, kick adaptation.
export function finishLocalSearch<X>(
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
