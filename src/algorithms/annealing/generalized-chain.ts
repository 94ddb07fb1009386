// The generalized path of simulated annealing on real spaces: Tsallis & Stariolo 1996
// generalized simulated annealing with the strategy chain of Xiang, Sun, Fan & Gong 1997 (the
// dual annealing of SciPy, without its local search).
//
// Each iteration t is a chain of 2d proposals from the current point: d that move every
// coordinate, then d that move one coordinate each, in turn; steps follow the distorted
// Cauchy-Lorentz visiting distribution at the visiting temperature T(t), wrapped around the box,
// and uphill moves pass the generalized acceptance test at temperature T(t) / t. A cycle restarts
// (from a random point by default) when T(t) falls below restartTemperatureRatio * T(1).
//
// One addition of ours: the last `refinementShare` of the evaluation budget is a zero-temperature
// refinement from the best point, where each coordinate's visiting scale follows its success
// rate (a 1/5-style rule). Plain cycles stop improving at about 1e-5 on the test suite, bounded
// by the thermal noise at the final temperature; the refinement takes the found basin to machine
// precision. Without an evaluation budget, every cycle ends with a refinement of this share.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import { generalizedProbability } from './acceptance.js';
import type { SimulatedAnnealingParams } from './params.js';
import { successScale } from './step-control.js';
import {
  iterationBelowRatio,
  visitingStep,
  visitingTemperature,
  wrapIntoRange,
} from './visiting-distribution.js';

/** State of the generalized path (plain data). */
export interface GeneralizedState {
  kind: 'generalized';
  current: number[];
  currentValue: number;
  best: number[];
  bestValue: number;
  evaluations: number;
  budgetEvaluations: number;
  batchSize: number;
  visitingIndex: number;
  acceptanceIndex: number;
  initialTemperature: number;
  restartTemperatureRatio: number;
  restartFrom: 'random' | 'best';
  refinementShare: number;
  /** A new random start is to be asked (first point, or a restart from a random point). */
  needStart: boolean;
  startTries: number;
  /** Iteration t >= 1 of the current cycle. */
  iteration: number;
  /** Position 0..2d-1 in the iteration's strategy chain. */
  chainIndex: number;
  temperature: number;
  cycles: number;
  cycleStartEvaluations: number;
  refining: boolean;
  /** Evaluation count at which a refinement ends (0: at the end of the run). */
  refineUntil: number;
  /** Refinement: per-coordinate factor of the visiting scale, and the factor of full moves. */
  scales: number[];
  fullScale: number;
  /** Chain position of each asked candidate; -1 for a start point. */
  pending: number[];
}

/** Success rate the refinement aims at, and how fast its scales move. */
const REFINEMENT_TARGET = 0.2;
const REFINEMENT_RATE = 0.3;
/** A start point that keeps failing is given up after this many tries. */
const START_TRIES = 100;

/** The initial state of the generalized path. */
export function initGeneralized<X>(
  context: SolverContext<X>,
  params: SimulatedAnnealingParams,
): GeneralizedState {
  const d = context.space.dimension;
  return {
    kind: 'generalized',
    current: [],
    currentValue: Infinity,
    best: [],
    bestValue: Infinity,
    evaluations: 0,
    budgetEvaluations: context.budget.evaluations ?? 0,
    batchSize: params.batchSize,
    visitingIndex: params.visitingIndex,
    acceptanceIndex: params.acceptanceIndex,
    initialTemperature: params.visitingTemperature,
    restartTemperatureRatio: params.restartTemperatureRatio,
    restartFrom: params.restartFrom,
    refinementShare: params.refinementShare,
    needStart: true,
    startTries: 0,
    iteration: 1,
    chainIndex: 0,
    temperature: params.visitingTemperature,
    cycles: 0,
    cycleStartEvaluations: 0,
    refining: false,
    refineUntil: 0,
    scales: new Array<number>(d).fill(1),
    fullScale: 1,
    pending: [],
  };
}

/** The next batch: a start point, or the next proposals of the strategy chain. */
export function askGeneralized<X>(
  state: GeneralizedState,
  context: SolverContext<X>,
  rng: Rng,
): X[] {
  const space = context.space;
  if (state.needStart) {
    state.pending = [-1];
    return [space.sample(rng)];
  }
  const d = space.dimension;
  const lower = space.vectorLower;
  const upper = space.vectorUpper;
  const size = Math.min(state.batchSize, 2 * d - state.chainIndex);
  const batch: X[] = [];
  state.pending = [];
  const move = (y: number[], i: number, factor: number): void => {
    const step = factor * visitingStep(state.temperature, state.visitingIndex, rng);
    y[i] = wrapIntoRange((y[i] as number) + step, lower[i] as number, upper[i] as number);
  };
  for (let m = 0; m < size; m++) {
    const position = state.chainIndex + m;
    const y = state.current.slice();
    if (position < d) {
      for (let i = 0; i < d; i++) move(y, i, state.fullScale * (state.scales[i] as number));
    } else {
      move(y, position - d, state.scales[position - d] as number);
    }
    state.pending.push(position);
    batch.push(y as X);
  }
  return batch;
}

function restartCycle(state: GeneralizedState): void {
  state.refining = false;
  state.refineUntil = 0;
  state.cycles++;
  state.iteration = 1;
  state.chainIndex = 0;
  state.temperature = state.initialTemperature;
  state.cycleStartEvaluations = state.evaluations;
  state.scales.fill(1);
  state.fullScale = 1;
  if (state.restartFrom === 'random') {
    state.needStart = true;
    state.startTries = 0;
  } else {
    state.current = state.best.slice();
    state.currentValue = state.bestValue;
  }
}

function beginRefinement(state: GeneralizedState, until: number): void {
  state.refining = true;
  state.refineUntil = until;
  state.current = state.best.slice();
  state.currentValue = state.bestValue;
  state.scales.fill(1);
  state.fullScale = 1;
  // Start no hotter than the end of a cycle.
  const cold = iterationBelowRatio(state.visitingIndex, state.restartTemperatureRatio);
  state.iteration = Math.max(state.iteration, cold);
  state.temperature = visitingTemperature(
    state.initialTemperature,
    state.visitingIndex,
    state.iteration,
  );
}

function endIteration(state: GeneralizedState): void {
  state.chainIndex = 0;
  state.iteration++;
  state.temperature = visitingTemperature(
    state.initialTemperature,
    state.visitingIndex,
    state.iteration,
  );
  const share = state.refinementShare;
  if (state.refining) {
    if (state.refineUntil > 0 && state.evaluations >= state.refineUntil) restartCycle(state);
    return;
  }
  if (
    state.budgetEvaluations > 0 &&
    share > 0 &&
    state.evaluations >= (1 - share) * state.budgetEvaluations
  ) {
    beginRefinement(state, 0);
  } else if (state.temperature < state.restartTemperatureRatio * state.initialTemperature) {
    if (state.budgetEvaluations === 0 && share > 0 && share < 1) {
      const cycle = state.evaluations - state.cycleStartEvaluations;
      beginRefinement(state, state.evaluations + Math.ceil((share / (1 - share)) * cycle));
    } else {
      restartCycle(state);
    }
  }
}

function noteBest(state: GeneralizedState, x: number[], value: number): void {
  if (value < state.bestValue) {
    state.best = x.slice();
    state.bestValue = value;
  }
}

/** Takes the values of the last batch, in order. */
export function tellGeneralized<X>(
  state: GeneralizedState,
  context: SolverContext<X>,
  candidates: X[],
  values: number[],
  rng: Rng,
): void {
  const d = context.space.dimension;
  state.evaluations += candidates.length;
  for (let k = 0; k < candidates.length; k++) {
    const x = candidates[k] as number[];
    const value = values[k] as number;
    const position = state.pending[k] ?? -1;
    noteBest(state, x, value);
    if (position < 0) {
      state.current = x.slice();
      state.currentValue = value;
      state.startTries++;
      if (Number.isFinite(value) || state.startTries >= START_TRIES) state.needStart = false;
      continue;
    }
    const delta = value - state.currentValue;
    let accepted: boolean;
    if (state.refining) {
      accepted = delta <= 0;
      if (position < d) {
        state.fullScale = successScale(
          state.fullScale,
          delta < 0,
          REFINEMENT_TARGET,
          REFINEMENT_RATE,
          1,
        );
      } else {
        const i = position - d;
        state.scales[i] = successScale(
          state.scales[i] as number,
          delta < 0,
          REFINEMENT_TARGET,
          REFINEMENT_RATE,
          1,
        );
      }
    } else if (delta < 0) {
      accepted = true;
    } else {
      // Acceptance temperature T(t) / t (Xiang et al. 1997).
      const probability = generalizedProbability(
        delta,
        state.temperature / state.iteration,
        state.acceptanceIndex,
      );
      accepted = probability > 0 && rng.next() < probability;
    }
    if (accepted) {
      state.current = x.slice();
      state.currentValue = value;
    }
    state.chainIndex++;
    if (state.chainIndex >= 2 * d) endIteration(state);
  }
}
