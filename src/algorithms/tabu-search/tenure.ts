// Tabu tenure policies: fixed, randomized (Taillard 1991 robust tabu search, and the per-move
// cubic draw of Taillard's later code) and reactive (Battiti & Tecchiolli 1994 reactive tabu
// search: the tenure grows when visited solutions repeat and shrinks when they do not).
import type { Rng } from '../../core/rng.js';
import type { TabuSearchParams } from './params.js';

/** The tenure in force and, for the reactive policy, its memory of visited solutions. */
export interface TenureState {
  /** Base tenure t, from the parameters or the neighbourhood. */
  base: number;
  /** Tenure in force (fixed, randomized interval, reactive). */
  current: number;
  /** Largest tenure the reactive policy may reach. */
  maximum: number;
  /** Randomized interval policy: iteration of the next draw. */
  nextDraw: number;
  /** Reactive: iteration of the last tenure change. */
  lastChange: number;
  /** Reactive: moving average of the cycle lengths found. */
  movingAverage: number;
  /** Reactive: often-repeated solutions met since the last escape. */
  chaotic: number;
  /** Reactive: hash of a visited solution -> [last visit iteration, visits]. */
  visits: Record<string, [number, number]>;
  /** Reactive: number of entries in `visits` (bounded by {@link MAX_VISITS}). */
  visitCount: number;
}

/** Visited solutions remembered by the reactive policy before its memory is cleared. */
export const MAX_VISITS = 200_000;

/** The initial tenure state; `maximum` bounds the reactive tenure (e.g. the neighbourhood size). */
export function createTenure(base: number, maximum: number): TenureState {
  return {
    base: Math.max(0, base),
    current: Math.max(0, Math.round(base)),
    maximum: Math.max(1, maximum),
    nextDraw: 0,
    lastChange: 0,
    movingAverage: 0,
    chaotic: 0,
    visits: {},
    visitCount: 0,
  };
}

/**
 * The tenure given to a move made at `iteration`: the move's attributes stay tabu until
 * iteration + tenure. Redraws the randomized interval tenure when its time has come.
 */
export function moveTenure(
  state: TenureState,
  params: TabuSearchParams,
  iteration: number,
  rng: Rng,
): number {
  if (params.tenurePolicy !== 'randomized') return Math.round(state.current);
  if (params.tenureDraw === 'per-move') {
    const u = rng.next();
    return Math.floor(8 * state.base * u * u * u);
  }
  if (iteration >= state.nextDraw) {
    // Whole tenures within [(1 - spread) t, (1 + spread) t], the bounds free of rounding noise.
    const low = Math.max(1, Math.ceil((1 - params.tenureSpread) * state.base - 1e-9));
    const high = Math.max(low, Math.floor((1 + params.tenureSpread) * state.base + 1e-9));
    state.current = rng.integer(low, high);
    state.nextDraw = iteration + (params.tenureInterval ?? 2 * high);
  }
  return state.current;
}

/** 32-bit FNV-1a hash of a string (a solution key) or of an integer array. */
export function hashKey(key: string | readonly number[]): number {
  let h = 0x811c9dc5;
  if (typeof key === 'string') {
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ (key[i] as number), 0x01000193);
  }
  return h >>> 0;
}

/**
 * Reactive policy (Battiti & Tecchiolli 1994): records a visit of the solution with hash `hash`
 * at `iteration`. A repetition within a short cycle raises the tenure; a long time without
 * one lowers it. Returns the number of random moves of an escape when too many solutions have
 * repeated often (chaotic trapping), 0 otherwise.
 */
export function recordVisit(
  state: TenureState,
  params: TabuSearchParams,
  hash: number,
  iteration: number,
  cycleLimit: number,
): number {
  const key = String(hash);
  const seen = state.visits[key];
  let escape = 0;
  if (seen !== undefined) {
    const cycle = iteration - seen[0];
    seen[0] = iteration;
    seen[1]++;
    if (seen[1] > params.repetitionsBeforeEscape) {
      state.chaotic++;
      if (state.chaotic > params.chaoticBeforeEscape) {
        state.chaotic = 0;
        escape = 1 + Math.floor((1 + state.movingAverage) / 2);
      }
    }
    if (cycle < cycleLimit) {
      state.movingAverage = 0.1 * cycle + 0.9 * state.movingAverage;
      state.current = Math.min(
        state.maximum,
        Math.max(state.current + 1, state.current * params.tenureIncrease),
      );
      state.lastChange = iteration;
    }
  } else {
    if (state.visitCount >= MAX_VISITS) {
      state.visits = {};
      state.visitCount = 0;
    }
    state.visits[key] = [iteration, 1];
    state.visitCount++;
  }
  if (iteration - state.lastChange > state.movingAverage) {
    state.current = Math.max(1, state.current * params.tenureDecrease);
    state.lastChange = iteration;
  }
  return escape;
}
