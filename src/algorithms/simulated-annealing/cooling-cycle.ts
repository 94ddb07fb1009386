// The temperature bookkeeping of Metropolis annealing: levels, cycles, reheats and restarts,
// counted in proposals (evaluations on the plain path, move deltas on the move-model path).
//
// When the budget bounds the run length, one cycle spans the whole run and the schedule ends at
// finalTemperatureRatio * T0 with the budget. When it does not (a seconds, target or stagnation
// budget), the run is a sequence of cycles, each twice as long as the one before and each
// starting again from the best at reheatTemperatureRatio * T0: whenever the run stops, the last
// completed cycle covers about a third of it or more.
import {
  adaptiveTemperature,
  scheduledTemperature,
  targetAcceptanceAt,
  type CoolingSchedule,
} from './cooling-schedules.js';

/** What the schedule needs to know, fixed for a run. */
export interface CoolingSettings {
  schedule: CoolingSchedule;
  movesPerTemperature: number;
  finalTemperatureRatio: number;
  coolingRate: number | null;
  targetAcceptance: number;
  reheatAfter: number;
  reheatTemperatureRatio: number;
  restartAfter: number;
}

/** The schedule's state: plain data, part of the solver state. */
export interface CoolingState extends CoolingSettings {
  initialTemperature: number;
  /** Temperature at which the current cycle started. */
  cycleTemperature: number;
  temperature: number;
  /** Proposals since cooling began. */
  trials: number;
  /** Proposals the budget allows from the start of cooling, or 0 when unknown. */
  plannedTrials: number;
  cycle: number;
  cycleStart: number;
  cycleLength: number;
  level: number;
  levelTrials: number;
  levelAccepted: number;
  lastImprovement: number;
  lastReheat: number;
  lastRestart: number;
  reheats: number;
  restarts: number;
}

/** Starts cooling at `initialTemperature` for `plannedTrials` proposals (0: unknown length). */
export function startCooling(
  settings: CoolingSettings,
  initialTemperature: number,
  plannedTrials: number,
  firstCycleLength: number,
): CoolingState {
  return {
    ...settings,
    initialTemperature,
    cycleTemperature: initialTemperature,
    temperature: initialTemperature,
    trials: 0,
    plannedTrials,
    cycle: 0,
    cycleStart: 0,
    cycleLength: plannedTrials > 0 ? plannedTrials : firstCycleLength,
    level: 0,
    levelTrials: 0,
    levelAccepted: 0,
    lastImprovement: 0,
    lastReheat: 0,
    lastRestart: 0,
    reheats: 0,
    restarts: 0,
  };
}

/** Levels in the current cycle (at least 1). */
function levelsInCycle(state: CoolingState): number {
  return Math.max(1, Math.floor(state.cycleLength / state.movesPerTemperature));
}

function levelTemperature(state: CoolingState): number {
  if (state.schedule === 'adaptive') {
    const rate = state.levelTrials > 0 ? state.levelAccepted / state.levelTrials : 0;
    const target = targetAcceptanceAt(state.level / levelsInCycle(state), state.targetAcceptance);
    const next = adaptiveTemperature(state.temperature, rate, target);
    const ceiling = state.initialTemperature * 100;
    const floor = state.initialTemperature * 1e-12;
    return Math.min(ceiling, Math.max(floor, next));
  }
  return scheduledTemperature(
    state.schedule,
    state.cycleTemperature,
    state.level,
    levelsInCycle(state),
    state.finalTemperatureRatio,
    state.coolingRate ?? undefined,
  );
}

function beginCycle(state: CoolingState, temperature: number, length: number): void {
  state.cycle++;
  state.cycleStart = state.trials;
  state.cycleLength = Math.max(1, length);
  state.cycleTemperature = temperature;
  state.temperature = temperature;
  state.level = 0;
  state.levelTrials = 0;
  state.levelAccepted = 0;
}

/** What the caller must do after a proposal: nothing, or move the current point to the best. */
export type CoolingEvent = 'none' | 'restart';

/**
 * Records one proposal (accepted or not; `improvedBest` when it improved the best so far) and
 * moves the schedule on: next level, next cycle, reheat or restart on stagnation.
 */
export function recordTrial(
  state: CoolingState,
  accepted: boolean,
  improvedBest: boolean,
): CoolingEvent {
  state.trials++;
  state.levelTrials++;
  if (accepted) state.levelAccepted++;
  if (improvedBest) state.lastImprovement = state.trials;
  if (state.levelTrials >= state.movesPerTemperature) {
    state.level++;
    state.temperature = levelTemperature(state);
    state.levelTrials = 0;
    state.levelAccepted = 0;
  }
  let event: CoolingEvent = 'none';
  const reheatTemperature = state.initialTemperature * state.reheatTemperatureRatio;
  if (state.trials - state.cycleStart >= state.cycleLength) {
    if (state.plannedTrials > 0) {
      // The planned run is over; the budget stops it at once (or another criterion was given).
      beginCycle(state, reheatTemperature, Math.max(1, state.plannedTrials - state.trials));
    } else {
      beginCycle(state, reheatTemperature, state.cycleLength * 2);
    }
    event = 'restart';
  } else if (
    state.reheatAfter > 0 &&
    state.trials - Math.max(state.lastImprovement, state.lastReheat) >= state.reheatAfter
  ) {
    state.lastReheat = state.trials;
    state.reheats++;
    const remaining =
      state.plannedTrials > 0
        ? state.plannedTrials - state.trials
        : state.cycleLength - (state.trials - state.cycleStart);
    beginCycle(state, Math.max(state.temperature, reheatTemperature), remaining);
  }
  if (
    state.restartAfter > 0 &&
    state.trials - Math.max(state.lastImprovement, state.lastRestart) >= state.restartAfter
  ) {
    state.lastRestart = state.trials;
    state.restarts++;
    event = 'restart';
  }
  return event;
}
