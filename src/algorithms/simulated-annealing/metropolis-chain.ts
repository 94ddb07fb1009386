// The plain Metropolis path of simulated annealing: neighbours asked in small batches, each
// decided in order against the current point (Metropolis et al. 1953; Kirkpatrick, Gelatt &
// Vecchi 1983), with Corana et al. 1987 per-coordinate steps on real spaces.
import { reflect } from '../operators/real.js';
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import type { Space } from '../../core/space.js';
import { metropolisAccepts } from './acceptance.js';
import {
  recordTrial,
  startCooling,
  type CoolingSettings,
  type CoolingState,
} from './cooling-cycle.js';
import { initialTemperature, type UphillTransition } from './initial-temperature.js';
import type { SimulatedAnnealingParams } from './params.js';
import { coranaStep } from './step-control.js';

/** Step control of the plain path. */
export type StepState =
  | {
      mode: 'corana';
      /** Absolute step of each coordinate. */
      steps: number[];
      proposed: number[];
      accepted: number[];
      cursor: number;
      interval: number;
      sinceUpdate: number;
    }
  | {
      mode: 'acceptance';
      scale: number;
      proposed: number;
      accepted: number;
      interval: number;
      sinceUpdate: number;
    }
  | { mode: 'none'; scale: number };

/** State of the plain Metropolis path (plain data). */
export interface MetropolisState {
  kind: 'metropolis';
  phase: 'start' | 'calibrate' | 'anneal';
  current: unknown;
  currentValue: number;
  best: unknown;
  bestValue: number;
  /** Candidates asked so far. */
  evaluations: number;
  budgetEvaluations: number;
  batchSize: number;
  temperatureSamples: number;
  initialAcceptance: number;
  givenTemperature: number | null;
  firstCycleLength: number;
  settings: CoolingSettings;
  cooling: CoolingState | null;
  step: StepState;
  /** Coordinate moved by each asked candidate (Corana), or -1. */
  pending: number[];
}

/** Proposals between two step updates, per coordinate (Corana's N_S). */
const CORANA_CYCLES = 10;

function startStep<X>(space: Space<X>, params: SimulatedAnnealingParams): StepState {
  let mode = params.stepAdaptation;
  if (mode === 'auto') {
    mode =
      space.kind === 'real'
        ? 'corana'
        : space.kind === 'integer' || space.kind === 'mixed'
          ? 'acceptance'
          : 'none';
  }
  if (mode === 'corana' && space.kind !== 'real') mode = 'acceptance';
  if (mode === 'acceptance' && !['real', 'integer', 'mixed'].includes(space.kind)) mode = 'none';
  const d = space.dimension;
  if (mode === 'corana') {
    return {
      mode,
      steps: space.vectorLower.map(
        (lo, i) => params.initialStepScale * ((space.vectorUpper[i] as number) - lo),
      ),
      proposed: new Array<number>(d).fill(0),
      accepted: new Array<number>(d).fill(0),
      cursor: 0,
      interval: CORANA_CYCLES * d,
      sinceUpdate: 0,
    };
  }
  if (mode === 'acceptance') {
    return {
      mode,
      scale: params.initialStepScale,
      proposed: 0,
      accepted: 0,
      interval: Math.max(20, 2 * d),
      sinceUpdate: 0,
    };
  }
  return { mode: 'none', scale: params.initialStepScale };
}

/** The initial state of the plain path. */
export function initMetropolis<X>(
  context: SolverContext<X>,
  params: SimulatedAnnealingParams,
  settings: CoolingSettings,
): MetropolisState {
  const budget = context.budget.evaluations ?? 0;
  const d = context.space.dimension;
  const samples =
    params.temperatureSamples > 0
      ? params.temperatureSamples
      : budget > 0
        ? Math.min(100, Math.max(4, Math.round(0.02 * budget)))
        : 50;
  return {
    kind: 'metropolis',
    phase: 'start',
    current: null,
    currentValue: Infinity,
    best: null,
    bestValue: Infinity,
    evaluations: 0,
    budgetEvaluations: budget,
    batchSize: params.batchSize,
    temperatureSamples: samples,
    initialAcceptance: params.initialAcceptance,
    givenTemperature: params.initialTemperature ?? null,
    firstCycleLength: params.cycleLength > 0 ? params.cycleLength : 200 * d,
    settings: {
      ...settings,
      movesPerTemperature:
        settings.movesPerTemperature > 0 ? settings.movesPerTemperature : Math.max(10, 10 * d),
    },
    cooling: null,
    step: startStep(context.space, params),
    pending: [],
  };
}

// Proposal k of a batch (state.pending[k] records the coordinate moved, -1 for a whole move).
function propose<X>(state: MetropolisState, space: Space<X>, rng: Rng, k: number): X {
  const step = state.step;
  if (step.mode === 'corana') {
    const i = step.cursor;
    step.cursor = (step.cursor + 1) % space.dimension;
    const x = state.current as number[];
    const y = x.slice();
    const lo = space.vectorLower[i] as number;
    const hi = space.vectorUpper[i] as number;
    const moved = reflect(
      (x[i] as number) + rng.uniform(-1, 1) * (step.steps[i] as number),
      lo,
      hi,
    );
    y[i] = Math.min(hi, Math.max(lo, moved));
    state.pending[k] = i;
    return y as X;
  }
  state.pending[k] = -1;
  return space.neighbor(state.current as X, rng, { scale: step.scale });
}

/** The next batch of the plain path. */
export function askMetropolis<X>(state: MetropolisState, context: SolverContext<X>, rng: Rng): X[] {
  const space = context.space;
  if (state.phase === 'start') {
    state.pending = [];
    return [space.sample(rng)];
  }
  const size = state.phase === 'calibrate' ? state.temperatureSamples : state.batchSize;
  // Sized up front: two arrays grown by push from empty were most of a one-candidate ask's
  // garbage.
  state.pending = new Array<number>(size);
  const batch = new Array<X>(size);
  for (let k = 0; k < size; k++) batch[k] = propose(state, space, rng, k);
  return batch;
}

function startAnnealing(state: MetropolisState, temperature: number): void {
  const planned =
    state.budgetEvaluations > 0 ? Math.max(1, state.budgetEvaluations - state.evaluations) : 0;
  state.cooling = startCooling(state.settings, temperature, planned, state.firstCycleLength);
  state.phase = 'anneal';
}

function calibrate(state: MetropolisState, candidates: unknown[], values: number[]): void {
  const transitions: UphillTransition[] = [];
  let spread = 0;
  let finite = 0;
  for (const value of values) {
    if (value > state.currentValue && Number.isFinite(value)) {
      transitions.push({ before: state.currentValue, after: value });
    }
    if (Number.isFinite(value) && Number.isFinite(state.currentValue)) {
      spread += Math.abs(value - state.currentValue);
      finite++;
    }
  }
  // Without any uphill move, fall back on the typical change, then on the value's magnitude.
  const fallback =
    finite > 0 && spread > 0
      ? spread / finite
      : Number.isFinite(state.currentValue) && state.currentValue !== 0
        ? 0.01 * Math.abs(state.currentValue)
        : 1;
  const temperature = initialTemperature(transitions, state.initialAcceptance) ?? fallback;
  for (let k = 0; k < values.length; k++) {
    if ((values[k] as number) < state.currentValue) {
      state.current = candidates[k];
      state.currentValue = values[k] as number;
    }
  }
  startAnnealing(state, temperature);
}

function updateStep(
  state: MetropolisState,
  coordinate: number,
  accepted: boolean,
  space: { readonly vectorLower: readonly number[]; readonly vectorUpper: readonly number[] },
): void {
  const step = state.step;
  if (step.mode === 'none') return;
  step.sinceUpdate++;
  if (step.mode === 'corana') {
    if (coordinate >= 0) {
      step.proposed[coordinate] = (step.proposed[coordinate] as number) + 1;
      if (accepted) step.accepted[coordinate] = (step.accepted[coordinate] as number) + 1;
    }
    if (step.sinceUpdate < step.interval) return;
    for (let i = 0; i < step.steps.length; i++) {
      const proposed = step.proposed[i] as number;
      if (proposed === 0) continue;
      const range = (space.vectorUpper[i] as number) - (space.vectorLower[i] as number);
      const next = coranaStep(step.steps[i] as number, (step.accepted[i] as number) / proposed);
      step.steps[i] = Math.min(range, Math.max(range * 1e-15, next));
      step.proposed[i] = 0;
      step.accepted[i] = 0;
    }
    step.sinceUpdate = 0;
    return;
  }
  step.proposed++;
  if (accepted) step.accepted++;
  if (step.sinceUpdate < step.interval) return;
  step.scale = Math.min(1, Math.max(1e-12, coranaStep(step.scale, step.accepted / step.proposed)));
  step.proposed = 0;
  step.accepted = 0;
  step.sinceUpdate = 0;
}

/** Takes the values of the last batch of the plain path, in order. */
export function tellMetropolis<X>(
  state: MetropolisState,
  context: SolverContext<X>,
  candidates: X[],
  values: number[],
  rng: Rng,
): void {
  state.evaluations += candidates.length;
  if (state.phase !== 'anneal') {
    for (let k = 0; k < candidates.length; k++) noteBest(state, candidates[k], values[k] as number);
    if (state.phase === 'start') {
      state.current = candidates[0];
      state.currentValue = values[0] as number;
      if (state.givenTemperature !== null) startAnnealing(state, state.givenTemperature);
      else state.phase = 'calibrate';
    } else {
      calibrate(state, candidates, values);
    }
    return;
  }
  const cooling = state.cooling as CoolingState;
  for (let k = 0; k < candidates.length; k++) {
    const value = values[k] as number;
    const improved = noteBest(state, candidates[k], value);
    const accepted = metropolisAccepts(value - state.currentValue, cooling.temperature, rng);
    if (accepted) {
      state.current = candidates[k];
      state.currentValue = value;
    }
    updateStep(state, state.pending[k] ?? -1, accepted, context.space);
    if (recordTrial(cooling, accepted, improved) === 'restart') {
      state.current = state.best;
      state.currentValue = state.bestValue;
    }
  }
}

function noteBest(state: MetropolisState, candidate: unknown, value: number): boolean {
  if (!(value < state.bestValue)) return false;
  state.best = candidate;
  state.bestValue = value;
  return true;
}
