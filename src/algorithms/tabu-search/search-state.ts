// The plain-data state of tabu search and the bookkeeping every engine shares: best and
// elite solutions, residence frequencies, the reactive memory, and diversification on
// stagnation (Glover 1990: restarts from elite solutions and frequency-based memory).
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { frequencyRestart } from './frequency.js';
import type { TabuSearchParams } from './params.js';
import { hashKey, recordVisit, type TenureState } from './tenure.js';

/** How iterations are evaluated: a move-model engine, or batches of sampled neighbours. */
export type Engine = 'swap' | 'two-opt' | 'lin-kernighan' | 'flip' | 'sampled';

/** The move the sampled engine makes on each space kind. */
export type SampledMoveKind =
  | 'swap'
  | 'two-opt'
  | 'insertion'
  | 'flip'
  | 'real-step'
  | 'integer-step'
  | 'categorical'
  | 'mixed';

/** One asked neighbour of the sampled engine: the attributes that decide its tabu status. */
export interface SampledMove {
  /** Attributes the move creates; checked against the tabu list. */
  attributes: string[];
  /** True: tabu only when every attribute is tabu (Taillard's swap rule); false: when any is. */
  tabuIfAll: boolean;
  /** Attributes the move destroys; made tabu once the move is made. */
  reverse: string[];
}

/** An elite solution kept for restarts. */
export interface EliteEntry {
  x: unknown;
  value: number;
}

/** The whole state of a run: plain data that survives a JSON round trip. */
export interface TabuState {
  params: TabuSearchParams;
  engine: Engine;
  move: SampledMoveKind;
  /** Permutation length, number of bits, or number of variables. */
  size: number;
  iteration: number;
  current: unknown;
  currentValue: number;
  best: unknown;
  bestValue: number;
  /** False while the best was found through deltas and not yet evaluated by the runner. */
  bestReported: boolean;
  /** The current candidate must be evaluated before the search goes on (start, restart). */
  needsEvaluation: boolean;
  /** What the last ask returned: 'best', 'current' or 'candidates'. */
  asked: string[];
  lastImprovement: number;
  /** Best solution since the last diversification, added to the elite at the next one. */
  episodeBest: unknown;
  episodeBestValue: number;
  elite: EliteEntry[];
  restarts: number;
  escapes: number;
  /** Iterations without improvement before diversifying (0: never). */
  stagnation: number;
  /** Restart kick strength for the space's perturb (null: its default). */
  restartStrength: number | null;
  /** Long-term aspiration horizon (0: off). */
  longTerm: number;
  tenure: TenureState;
  /**
   * Move-model engines: iteration until which an attribute is tabu. Swap: entry i * n + v, value
   * v returning to position i; 2-opt: entry a * n + b (a < b), edge (a, b) coming back; flip:
   * entry i, bit i flipping back; Lin-Kernighan engine: per-city slots of tabu links
   * (link-tabu.ts).
   */
  tabuList: number[];
  /** Lin-Kernighan engine: the cities the next iteration looks at (empty: repair every city). */
  focus: number[];
  /** Swap engine: the swap-delta table, rebuilt when null. */
  table: number[] | null;
  /** Sampled engine: attribute -> iteration until which it is tabu. */
  tabuAttributes: Record<string, number>;
  /** Sampled engine: the moves of the asked candidates. */
  pending: SampledMove[];
  /** Residence counts for frequency diversification (position x value, or bits). */
  frequency: number[];
  frequencyIterations: number;
  /** Sampled engine on numeric variables: the step as a fraction of the range. */
  step: number;
  stepImprovement: number;
}

/** Keeps the `eliteSize` best distinct solutions. */
export function addElite(state: TabuState, space: Space<unknown>, x: unknown, value: number): void {
  if (!Number.isFinite(value)) return;
  const key = space.key(x);
  if (state.elite.some((e) => space.key(e.x) === key)) return;
  state.elite.push({ x: copy(x), value });
  state.elite.sort((a, b) => a.value - b.value);
  if (state.elite.length > state.params.eliteSize) state.elite.length = state.params.eliteSize;
}

/** A copy of a candidate (an array or a flat record). */
export function copy<X>(x: X): X {
  if (Array.isArray(x)) return x.slice() as X;
  if (x !== null && typeof x === 'object') return { ...x };
  return x;
}

/** Records that the current solution has value `value` after a move; updates the bests. */
export function noteCurrent(state: TabuState, value: number, fromDelta: boolean): void {
  state.currentValue = value;
  if (value < state.episodeBestValue) {
    state.episodeBestValue = value;
    state.episodeBest = copy(state.current);
  }
  if (value < state.bestValue) {
    state.bestValue = value;
    state.best = copy(state.current);
    state.bestReported = !fromDelta;
    state.lastImprovement = state.iteration;
  }
}

/** Adds the current solution to the residence frequencies (permutations and bits). */
export function countResidence(state: TabuState): void {
  const x = state.current as number[];
  const f = state.frequency;
  if (state.engine === 'flip' || state.move === 'flip') {
    for (let i = 0; i < x.length; i++) f[i] = (f[i] as number) + (x[i] as number);
  } else {
    const n = x.length;
    for (let i = 0; i < n; i++)
      f[i * n + (x[i] as number)] = (f[i * n + (x[i] as number)] as number) + 1;
  }
  state.frequencyIterations++;
}

/** Whether frequency diversification applies to this run (permutations by position, bits). */
export function usesFrequency(state: TabuState): boolean {
  if (state.params.diversification !== 'frequency') return false;
  return (
    state.engine === 'swap' ||
    state.engine === 'flip' ||
    ['swap', 'insertion', 'flip'].includes(state.move)
  );
}

/**
 * The shared end of an iteration: residence counts, the reactive memory (which may ask for an
 * escape) and stagnation. Returns true when the current solution was replaced and must be
 * evaluated before the search goes on.
 */
export function endIteration(
  state: TabuState,
  space: Space<unknown>,
  rng: Rng,
  hash: (() => number) | undefined,
): boolean {
  const params = state.params;
  if (usesFrequency(state)) countResidence(state);
  if (params.tenurePolicy === 'reactive') {
    const h = hash === undefined ? hashKey(space.key(state.current)) : hash();
    const escape = recordVisit(
      state.tenure,
      params,
      h,
      state.iteration,
      2 * Math.max(2, state.size),
    );
    if (escape > 0) {
      state.escapes++;
      replaceCurrent(state, escapeFrom(space, state.current, escape, rng));
      return true;
    }
  }
  if (
    params.diversification !== 'none' &&
    state.stagnation > 0 &&
    state.iteration - state.lastImprovement >= state.stagnation
  ) {
    diversify(state, space, rng);
    return true;
  }
  return false;
}

// Random moves for the reactive escape: a number of elementary moves on discrete spaces.
function escapeFrom(space: Space<unknown>, x: unknown, moves: number, rng: Rng): unknown {
  const discrete =
    space.kind === 'permutation' || space.kind === 'binary' || space.kind === 'categorical';
  return discrete
    ? space.perturb(x, rng, { strength: Math.min(moves, Math.max(2, space.dimension)) })
    : space.perturb(x, rng);
}

/** Diversifies: restarts from a perturbed elite solution or from rarely used attributes. */
export function diversify(state: TabuState, space: Space<unknown>, rng: Rng): void {
  addElite(state, space, state.episodeBest, state.episodeBestValue);
  addElite(state, space, state.best, state.bestValue);
  state.restarts++;
  let next: unknown;
  if (usesFrequency(state) && state.frequencyIterations > 0) {
    next = frequencyRestart(state, rng);
  } else {
    const elite = state.elite.length > 0 ? rng.pick(state.elite).x : state.best;
    const strength = state.restartStrength;
    next = strength === null ? space.perturb(elite, rng) : space.perturb(elite, rng, { strength });
  }
  replaceCurrent(state, next);
}

// The current solution jumps (restart or escape): its value must be asked.
function replaceCurrent(state: TabuState, x: unknown): void {
  state.current = x;
  state.currentValue = Infinity;
  state.needsEvaluation = true;
  state.table = null;
  state.focus = [];
  state.lastImprovement = state.iteration;
  state.episodeBest = undefined;
  state.episodeBestValue = Infinity;
  state.step = state.params.stepSize;
  state.stepImprovement = state.iteration;
}
