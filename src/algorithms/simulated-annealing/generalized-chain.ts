// The generalized path of simulated annealing on real spaces: Tsallis & Stariolo 1996
// generalized simulated annealing with the strategy chain of Xiang, Sun, Fan & Gong 1997 (the
// dual annealing of SciPy, without its local search).
//
// Each iteration t is a chain of 2d proposals from the current point: d that move every
// coordinate, then d that move one coordinate each, in turn; steps follow the distorted
// Cauchy-Lorentz visiting distribution at the visiting temperature T(t), wrapped around the box,
// and uphill moves pass the generalized acceptance test at temperature T(t) / t. A cycle restarts
// (from a random point by default) when T(t) falls below restartTemperatureRatio * T(1). As in
// dual annealing, steps are in the variables' own units and the acceptance temperature in the
// objective's, so the defaults suit boxes and values of moderate scale.
//
// One addition of ours (`refinement`, on by default): each cycle ends with a zero-temperature
// refinement (a quench) from the cycle's best point, with Gaussian steps whose covariance and
// size adapt to the successful moves (covariance-steps.ts), until the steps collapse
// or stop improving; then the next cycle starts. (A cycle's end point can lie in a better basin
// than the best so far while its value is still worse, so every cycle is refined.) Near the end of an evaluation
// budget (within 1.5 times the longest refinement so far, or the last `refinementShare` before
// any), a better best is refined at once, since the cycle in progress may not finish. Plain
// cycles stop improving at about 1e-5 on the test suite, bounded by the thermal noise at their
// final temperature, and follow curved valleys (Rosenbrock) poorly; the refinement takes the
// basin found to machine precision.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import { generalizedProbability } from './acceptance.js';
import type { SimulatedAnnealingParams } from './params.js';
import {
  createCovarianceSteps,
  effectiveStep,
  sampleStep,
  updateSteps,
  type CovarianceSteps,
} from './covariance-steps.js';
import {
  iterationBelowRatio,
  sampleVisitingStep,
  visitingSampler,
  visitingScale,
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
  refine: boolean;
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
  /** The best point of the current cycle (refined when the cycle ends). */
  cycleBest: number[];
  cycleBestValue: number;
  /** The best value when the last refinement ended (a better best is worth refining). */
  refinedValue: number;
  /** Evaluation count when the current refinement began, and the longest refinement so far. */
  refinementStart: number;
  longestRefinement: number;
  /** Refinement moves since the last improvement. */
  sinceImprovement: number;
  /** Refinement: the adapted step distribution, and the point the last batch moved from. */
  refinement: CovarianceSteps | null;
  origin: number[];
  /** Chain position of each asked candidate; -1 for a start point. */
  pending: number[];
}

/** Initial refinement step, at most this fraction of the mean range. */
const REFINEMENT_START = 0.1;
/** A refinement has converged when its step is below this fraction of the mean range... */
const CONVERGED_STEP = 1e-13;
/** ...or after this many moves (and this many per dimension) without improvement. */
const STALL_MOVES = 1000;
const STALL_MOVES_PER_DIMENSION = 100;
/** A start point that keeps failing is given up after this many tries. */
const START_TRIES = 100;

/** The initial state of the generalized path. */
export function initGeneralized<X>(
  context: SolverContext<X>,
  params: SimulatedAnnealingParams,
): GeneralizedState {
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
    refine: params.refinement,
    refinementShare: params.refinementShare,
    needStart: true,
    startTries: 0,
    iteration: 1,
    chainIndex: 0,
    temperature: params.visitingTemperature,
    cycles: 0,
    cycleBest: [],
    cycleBestValue: Infinity,
    refinedValue: Infinity,
    refinementStart: 0,
    longestRefinement: 0,
    sinceImprovement: 0,
    refinement: null,
    origin: [],
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
  // Sized up front (arrays grown by push from empty were most of a one-candidate ask's garbage).
  const batch = new Array<X>(size);
  state.pending = new Array<number>(size);
  const sampler = visitingSampler(state.temperature, state.visitingIndex);
  const refinement = state.refinement;
  if (refinement !== null) state.origin = state.current.slice();
  for (let m = 0; m < size; m++) {
    const position = state.chainIndex + m;
    const y = state.current.slice();
    if (refinement !== null) {
      const step = sampleStep(refinement, rng);
      for (let i = 0; i < d; i++) {
        const moved = (y[i] as number) + (step[i] as number);
        y[i] = Math.min(upper[i] as number, Math.max(lower[i] as number, moved));
      }
    } else {
      // The first d proposals of an iteration move every coordinate, the next d one each.
      const from = position < d ? 0 : position - d;
      const to = position < d ? d : position - d + 1;
      for (let i = from; i < to; i++) {
        const step = sampleVisitingStep(sampler, rng);
        y[i] = wrapIntoRange((y[i] as number) + step, lower[i] as number, upper[i] as number);
      }
    }
    state.pending[m] = position;
    batch[m] = y as X;
  }
  return batch;
}

// The box's side lengths, once per space (an iteration's end needs them).
const ranges = new WeakMap<object, number[]>();
function rangesOf<X>(space: SolverContext<X>['space']): number[] {
  let known = ranges.get(space);
  if (known === undefined) {
    known = space.vectorUpper.map((hi, i) => hi - (space.vectorLower[i] as number));
    ranges.set(space, known);
  }
  return known;
}

function restartCycle(state: GeneralizedState): void {
  state.cycles++;
  state.iteration = 1;
  state.chainIndex = 0;
  state.temperature = state.initialTemperature;
  state.refinement = null;
  state.cycleBest = [];
  state.cycleBestValue = Infinity;
  if (state.restartFrom === 'random') {
    state.needStart = true;
    state.startTries = 0;
  } else {
    state.current = state.best.slice();
    state.currentValue = state.bestValue;
  }
}

function beginRefinement(
  state: GeneralizedState,
  ranges: readonly number[],
  from: 'best' | 'cycle',
): void {
  state.sinceImprovement = 0;
  state.refinementStart = state.evaluations;
  const start = from === 'cycle' && state.cycleBest.length > 0 ? 'cycle' : 'best';
  state.current = (start === 'cycle' ? state.cycleBest : state.best).slice();
  state.currentValue = start === 'cycle' ? state.cycleBestValue : state.bestValue;
  // The first step: the visiting scale at the end of a cycle, at most a tenth of the box.
  const cold = iterationBelowRatio(state.visitingIndex, state.restartTemperatureRatio);
  state.iteration = Math.max(state.iteration, cold);
  state.temperature = visitingTemperature(
    state.initialTemperature,
    state.visitingIndex,
    state.iteration,
  );
  let mean = 0;
  for (const r of ranges) mean += r / ranges.length;
  const shape = ranges.map((r) => (mean > 0 ? r / mean : 1) || 1);
  const scale = Math.min(
    visitingScale(state.temperature, state.visitingIndex),
    REFINEMENT_START * (mean || 1),
  );
  state.refinement = createCovarianceSteps(shape, scale);
}

function endIteration(state: GeneralizedState, ranges: readonly number[], d: number): void {
  state.chainIndex = 0;
  state.iteration++;
  state.temperature = visitingTemperature(
    state.initialTemperature,
    state.visitingIndex,
    state.iteration,
  );
  const refinement = state.refinement;
  if (refinement !== null) {
    const mean = ranges.reduce((sum, r) => sum + r, 0) / ranges.length;
    const stalled = state.sinceImprovement >= Math.max(STALL_MOVES, STALL_MOVES_PER_DIMENSION * d);
    if (stalled || effectiveStep(refinement) < CONVERGED_STEP * mean) {
      state.refinedValue = state.bestValue;
      state.longestRefinement = Math.max(
        state.longestRefinement,
        state.evaluations - state.refinementStart,
      );
      restartCycle(state);
    }
    return;
  }
  const cold = state.temperature < state.restartTemperatureRatio * state.initialTemperature;
  const worthRefining = state.refine && state.bestValue < state.refinedValue;
  // Near the end of an evaluation budget, a better best is refined at once: the cycle in
  // progress may not finish. How near: the longest refinement so far (with a margin), or
  // refinementShare of the budget before any.
  const budget = state.budgetEvaluations;
  if (budget > 0 && worthRefining) {
    const reserve =
      state.longestRefinement > 0 ? 1.5 * state.longestRefinement : state.refinementShare * budget;
    if (budget - state.evaluations <= reserve) {
      beginRefinement(state, ranges, 'best');
      return;
    }
  }
  if (cold) {
    if (state.refine) beginRefinement(state, ranges, 'cycle');
    else restartCycle(state);
  }
}

// The told candidates are arrays this chain made and never changes afterwards (a proposal
// copies the current point): the state keeps them without copying.
function noteBest(state: GeneralizedState, x: number[], value: number): void {
  if (value < state.bestValue) {
    state.best = x;
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
  const space = context.space;
  const d = space.dimension;
  state.evaluations += candidates.length;
  for (let k = 0; k < candidates.length; k++) {
    const x = candidates[k] as number[];
    const value = values[k] as number;
    const position = state.pending[k] ?? -1;
    noteBest(state, x, value);
    if (state.refinement === null && value < state.cycleBestValue) {
      state.cycleBest = x;
      state.cycleBestValue = value;
    }
    if (position < 0) {
      state.current = x;
      state.currentValue = value;
      state.startTries++;
      if (Number.isFinite(value) || state.startTries >= START_TRIES) state.needStart = false;
      continue;
    }
    const delta = value - state.currentValue;
    let accepted: boolean;
    if (state.refinement !== null) {
      accepted = delta <= 0;
      const origin = state.origin;
      state.sinceImprovement = delta < 0 ? 0 : state.sinceImprovement + 1;
      updateSteps(
        state.refinement,
        x.map((v, i) => v - (origin[i] as number)),
        delta < 0,
      );
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
      state.current = x;
      state.currentValue = value;
    }
    state.chainIndex++;
    if (state.chainIndex >= 2 * d) endIteration(state, rangesOf(space), d);
  }
}
