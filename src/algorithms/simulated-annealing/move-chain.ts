// The move-model path of simulated annealing: many Metropolis decisions per ask on incremental
// deltas (2-opt and Or-opt on tours, on neighbour lists when the problem gives them; swaps on
// assignments; flips on bit strings), then one full evaluation that re-synchronizes the tracked
// value (or reports a new best). The runner counts the deltas as move evaluations.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import { metropolisAccepts } from './acceptance.js';
import {
  recordTrial,
  startCooling,
  type CoolingEvent,
  type CoolingSettings,
  type CoolingState,
} from './cooling-cycle.js';
import { initialTemperature } from './initial-temperature.js';
import { calibrate } from './move-calibration.js';
import { Walk, type MoveKind } from './move-proposals.js';
import type { SimulatedAnnealingParams } from './params.js';
import {
  chunkWithin,
  cycleShare,
  fittedAcceptance,
  measuredRate,
  proposalsLeft,
  TIME_SHARE,
} from './time-plan.js';
import { annealingCandidates } from './tour-candidates.js';
import { canPolishTours, polishTour } from './tour-polish.js';

export type { MoveKind } from './move-proposals.js';

/** State of the move-model path (plain data). */
export interface MoveChainState {
  kind: 'moves';
  moveKind: MoveKind;
  phase: 'start' | 'anneal';
  startTries: number;
  current: number[];
  /** Value of `current`, tracked through the deltas. */
  currentValue: number;
  best: number[];
  bestValue: number;
  /** True when `current` is the best (then `best` may be stale until the end of the ask). */
  currentIsBest: boolean;
  evaluations: number;
  budgetEvaluations: number;
  /** The seconds budget when it is the only bound on the run length (0 otherwise). */
  budgetSeconds: number;
  /** Proposals per second measured so far (0: not yet), and the clock when cooling began. */
  rate: number;
  coolingStartedAt: number;
  movesPerEvaluation: number;
  /** True when `movesPerEvaluation` was chosen from the size (then a seconds budget caps it). */
  automaticChunk: boolean;
  temperatureSamples: number;
  initialAcceptance: number;
  givenTemperature: number | null;
  firstCycleLength: number;
  settings: CoolingSettings;
  cooling: CoolingState | null;
  /** Tours: end each cooling cycle with a Lin-Kernighan polish of its best. */
  polish: boolean;
  /** What the last ask asked: the current point or the best. */
  asked: 'current' | 'best';
}

/** A start point that keeps failing is given up after this many tries. */
const START_TRIES = 100;

/** The move kind a problem's model supports on this space, if any. */
export function moveKindFor(kind: string, moves: MoveModel | undefined): MoveKind | undefined {
  if (moves === undefined) return undefined;
  if (kind === 'permutation' && moves.twoOpt !== undefined) return 'tour';
  if (kind === 'permutation' && moves.swap !== undefined) return 'swap';
  if (kind === 'binary' && moves.flip !== undefined) return 'flip';
  return undefined;
}

/** The initial state of the move-model path. */
export function initMoveChain<X>(
  context: SolverContext<X>,
  params: SimulatedAnnealingParams,
  settings: CoolingSettings,
  moveKind: MoveKind,
): MoveChainState {
  const n = context.space.dimension;
  return {
    kind: 'moves',
    moveKind,
    phase: 'start',
    startTries: 0,
    current: [],
    currentValue: Infinity,
    best: [],
    bestValue: Infinity,
    currentIsBest: true,
    evaluations: 0,
    budgetEvaluations: context.budget.evaluations ?? 0,
    budgetSeconds:
      context.budget.evaluations === undefined && context.elapsedSeconds !== undefined
        ? (context.budget.seconds ?? 0)
        : 0,
    rate: 0,
    coolingStartedAt: 0,
    movesPerEvaluation:
      params.movesPerEvaluation > 0 ? params.movesPerEvaluation : Math.max(1000, 100 * n),
    automaticChunk: params.movesPerEvaluation === 0,
    temperatureSamples: params.temperatureSamples > 0 ? params.temperatureSamples : 1000,
    initialAcceptance: params.initialAcceptance,
    givenTemperature: params.initialTemperature ?? null,
    firstCycleLength: params.cycleLength > 0 ? params.cycleLength : 20_000 * n,
    settings: {
      ...settings,
      movesPerTemperature:
        settings.movesPerTemperature > 0 ? settings.movesPerTemperature : Math.max(100, 10 * n),
    },
    cooling: null,
    polish:
      params.polish && moveKind === 'tour' && context.moves !== undefined
        ? canPolishTours(context.moves)
        : false,
    asked: 'current',
  };
}

/** Proposals for this ask: the chunk, capped under a seconds budget when it was automatic. */
function askChunk(state: MoveChainState, timed: boolean): number {
  return timed && state.automaticChunk
    ? chunkWithin(state.movesPerEvaluation, state.rate, state.budgetSeconds)
    : state.movesPerEvaluation;
}

function plan(state: MoveChainState, cooling: CoolingState, now: number): void {
  if (state.budgetSeconds > 0) {
    const rate = measuredRate(cooling.trials, now - state.coolingStartedAt);
    if (rate !== undefined) state.rate = rate;
    const share = cycleShare(
      cooling.cycle,
      state.rate,
      now,
      state.budgetSeconds,
      askChunk(state, true),
    );
    const left = proposalsLeft(state.rate, now, state.budgetSeconds, share, 1);
    cooling.plannedTrials = cooling.trials + left;
    cooling.cycleLength = Math.max(1, cooling.plannedTrials - cooling.cycleStart);
    return;
  }
  if (state.budgetEvaluations === 0 || cooling.plannedTrials === 0) return;
  // One full evaluation per ask: the moves left are the evaluations left times the chunk.
  const left = Math.max(0, state.budgetEvaluations - state.evaluations) * state.movesPerEvaluation;
  cooling.plannedTrials = cooling.trials + Math.max(1, left);
  cooling.cycleLength = Math.max(1, cooling.plannedTrials - cooling.cycleStart);
}

/** The next ask: a chunk of moves on the current point, then one candidate to evaluate. */
export function askMoveChain<X>(state: MoveChainState, context: SolverContext<X>, rng: Rng): X[] {
  const moves = context.moves as MoveModel;
  if (state.phase === 'start') {
    // A tour starts from the problem's construction (a greedy tour) when it has one.
    const construct = state.moveKind === 'tour' ? moves.construct : undefined;
    if (state.startTries === 0 && construct !== undefined) return [construct() as X];
    return [context.space.sample(rng)];
  }
  const clock = context.elapsedSeconds;
  const timed = state.budgetSeconds > 0 && clock !== undefined;
  const neighbors =
    state.moveKind === 'tour' ? annealingCandidates(moves, state.current.length) : undefined;
  const walk = new Walk(state.current, moves, state.moveKind, neighbors);
  if (state.cooling === null) {
    const began = timed ? clock() : 0;
    const calibration = state.givenTemperature === null ? calibrate(state, walk, rng) : undefined;
    let planned =
      state.budgetEvaluations > 0
        ? Math.max(1, state.budgetEvaluations - state.evaluations) * state.movesPerEvaluation
        : 0;
    if (timed) {
      const now = clock();
      // Until the cycle has run long enough to measure, plan on the calibration's rate (or a
      // first chunk's worth when the calibration was too quick to time).
      state.rate =
        measuredRate(calibration?.proposals ?? 0, now - began) ?? state.movesPerEvaluation / 0.05;
      planned = proposalsLeft(state.rate, now, state.budgetSeconds, TIME_SHARE, 1);
    }
    const acceptance =
      state.moveKind === 'tour'
        ? fittedAcceptance(state.initialAcceptance, planned, walk.n)
        : state.initialAcceptance;
    if (state.polish && acceptance < state.initialAcceptance) {
      // A short cycle on tours starts cooler, from the local optimum of the start (a long one
      // starts hot enough to melt it anyway).
      const polished = polishTour(walk.x, state.currentValue, moves, rng);
      if (polished < state.currentValue) {
        walk.reindex();
        state.currentValue = polished;
        state.bestValue = polished;
      }
    }
    if (timed) state.coolingStartedAt = clock();
    let temperature = state.givenTemperature ?? 1;
    if (calibration !== undefined) {
      temperature =
        initialTemperature(calibration.transitions, acceptance) ?? calibration.meanDelta;
    }
    state.cooling = startCooling(state.settings, temperature, planned, state.firstCycleLength);
  }
  const cooling = state.cooling;
  plan(state, cooling, timed ? clock() : 0);
  let improvedBest = false;
  let value = state.currentValue;
  const chunk = askChunk(state, timed);
  for (let m = 0; m < chunk; m++) {
    const delta = walk.propose(rng);
    // A draw that is no move counts as a rejected proposal, so that the planned cycle ends
    // with the planned asks.
    const accepted = !Number.isNaN(delta) && metropolisAccepts(delta, cooling.temperature, rng);
    let improved = false;
    if (accepted) {
      const next = value + delta;
      if (next < state.bestValue) {
        improved = true;
        improvedBest = true;
        state.bestValue = next;
        state.currentIsBest = true;
      } else if (state.currentIsBest && delta !== 0) {
        // Leaving the best: keep a copy of it first.
        state.best = walk.x.slice();
        state.currentIsBest = false;
      }
      walk.apply();
      value = next;
    }
    const cycle = cooling.cycle;
    const event: CoolingEvent = recordTrial(cooling, accepted, improved);
    if (event === 'restart' && !state.currentIsBest) {
      const best = state.best;
      for (let k = 0; k < best.length; k++) walk.x[k] = best[k] as number;
      walk.reindex();
      value = state.bestValue;
      state.currentIsBest = true;
    }
    if (state.polish && event === 'restart' && cooling.cycle !== cycle) {
      // The cycle ended and the walk is back at the best: polish it, and end the ask, so that
      // the polished tour is evaluated and the next ask plans the next cycle.
      const polished = polishTour(walk.x, value, moves, rng);
      if (polished < value) {
        walk.reindex();
        value = polished;
        state.bestValue = polished;
        improvedBest = true;
      }
      break;
    }
  }
  state.currentValue = value;
  if (state.currentIsBest) state.best = walk.x.slice();
  state.asked = improvedBest && !state.currentIsBest ? 'best' : 'current';
  return [(state.asked === 'best' ? state.best.slice() : walk.x.slice()) as X];
}

/** Takes the value of the asked candidate: re-synchronizes the tracked value or the best's. */
export function tellMoveChain<X>(state: MoveChainState, candidates: X[], values: number[]): void {
  state.evaluations += candidates.length;
  const value = values[0] as number;
  if (state.phase === 'start') {
    state.startTries++;
    if (state.current.length === 0 || value < state.currentValue) {
      state.current = (candidates[0] as number[]).slice();
      state.currentValue = value;
      state.best = state.current.slice();
      state.bestValue = value;
      state.currentIsBest = true;
    }
    // A start whose evaluation failed is drawn again (deltas cannot track an infinite value).
    if (Number.isFinite(value) || state.startTries >= START_TRIES) state.phase = 'anneal';
    return;
  }
  if (!Number.isFinite(value)) return;
  if (state.asked === 'best') {
    state.bestValue = value;
  } else {
    state.currentValue = value;
    if (state.currentIsBest) state.bestValue = value;
  }
}
