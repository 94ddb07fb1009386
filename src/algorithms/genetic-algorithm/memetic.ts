// The genetic algorithm's memetic mode (Moscato 1989; Merz & Freisleben 2000 for the TSP):
// offspring are improved by local search before they join the population, and keep the
// improvement (Lamarckian learning). On permutations and bit strings the searches run on the
// problem's move model inside `ask` (Lin-Kernighan or 2-opt + Or-opt on tours, swap descent on assignments,
// flip descent on bits: ./operators/local-search/); the runner counts those move evaluations
// and evaluates the improved offspring in full. On real spaces the continuous local optimizer
// (operators/local-optimizer/local-optimizer.ts) runs for a few ask/tell steps from each chosen offspring once it
// has been evaluated, all runs batched together, before survival.
import { ParameterError } from '../../core/errors.js';
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import {
  localAsk,
  localBest,
  localDone,
  localInit,
  localTell,
  type LocalOptimizerState,
} from '../operators/local-optimizer/local-optimizer.js';
import {
  flipDescent,
  linKernighan,
  swapDescent,
  twoOptOrOpt,
} from '../operators/local-search/index.js';
import { citiesOffParents, memeticTourStart } from './tour-starts.js';

/** Local searches; `auto` picks from the space kind and the move model. */
export const LOCAL_SEARCHES = [
  'none',
  'auto',
  'lin-kernighan',
  'two-opt',
  'swap',
  'flip',
  'quasi-newton',
  'pattern',
] as const;
export type LocalSearchName = (typeof LOCAL_SEARCHES)[number];
type Concrete = Exclude<LocalSearchName, 'auto'>;

/** The memetic parameters of the genetic algorithm. */
export interface MemeticParams {
  localSearch: LocalSearchName;
  localSearchRate: number;
  localSearchBudget: number;
  localSearchImprovement: 'first' | 'best';
}

/** Offspring waiting for their continuous local searches, and the runs (plain data). */
export interface PolishState {
  offspring: unknown[];
  values: number[];
  runs: { index: number; local: LocalOptimizerState }[];
  /** Points each run contributed to the last asked batch, in run order. */
  asked: number[];
}

type Resolution = { name: Concrete } | { reason: string };

/** The local search `name` stands for on this problem (`auto` resolved), or why it cannot run. */
function resolve<X>(context: SolverContext<X>, name: LocalSearchName): Resolution {
  const kind = context.space.kind;
  const moves: MoveModel | undefined = context.moves;
  const tours = kind === 'permutation' && moves?.distance !== undefined;
  const swaps =
    kind === 'permutation' && (moves?.swap !== undefined || moves?.swapTable !== undefined);
  const flips = kind === 'binary' && moves?.flip !== undefined;
  const none = `this ${kind} problem has none`;
  switch (name) {
    case 'none':
      return { name };
    case 'auto':
      if (kind === 'real') return { name: 'quasi-newton' };
      if (tours) return { name: 'lin-kernighan' };
      if (swaps) return { name: 'swap' };
      if (flips) return { name: 'flip' };
      return {
        reason: `works on real spaces and on problems with a move model (distance for tours, swap for assignments, flip for bits); ${none}`,
      };
    case 'lin-kernighan':
    case 'two-opt':
      return tours
        ? { name }
        : {
            reason: `works on permutation problems whose move model has distance (tours); ${none}`,
          };
    case 'swap':
      return swaps
        ? { name }
        : {
            reason: `works on permutation problems whose move model has swap or swapTable; ${none}`,
          };
    case 'flip':
      return flips
        ? { name }
        : { reason: `works on binary problems whose move model has flip; ${none}` };
    case 'quasi-newton':
    case 'pattern':
      return kind === 'real' ? { name } : { reason: `works on real spaces; this space is ${kind}` };
  }
}

function concrete<X>(context: SolverContext<X>, name: LocalSearchName): Concrete {
  // The usual cases without resolve's messages: asked for at every step of a run.
  if (name === 'none') return name;
  if (name === 'auto' && context.space.kind === 'real') return 'quasi-newton';
  const resolved = resolve(context, name);
  return 'name' in resolved ? resolved.name : 'none';
}

/** Throws unless the named local search can run on this problem. */
export function checkLocalSearch<X>(
  where: string,
  context: SolverContext<X>,
  name: LocalSearchName,
): void {
  const resolved = resolve(context, name);
  if ('reason' in resolved) {
    throw new ParameterError(`${where}: localSearch ${name} ${resolved.reason}`);
  }
}

/** True when {@link improveOffspring} may change a child (a move-model local search). */
export function improvesOffspring<X>(context: SolverContext<X>, params: MemeticParams): boolean {
  const name = concrete(context, params.localSearch);
  return name !== 'none' && name !== 'quasi-newton' && name !== 'pattern';
}

/**
 * A child improved by the move-model local search, with probability `localSearchRate`
 * (unchanged otherwise, and always on real spaces, whose search runs after evaluation).
 * Given the child's `parents`, Lin-Kernighan starts only from the cities with a link that no
 * parent has (tour-starts.ts); without them, from every city.
 */
export function improveOffspring<X>(
  context: SolverContext<X>,
  params: MemeticParams,
  x: X,
  rng: Rng,
  parents?: readonly X[],
): X {
  const name = concrete(context, params.localSearch);
  if (name === 'none' || name === 'quasi-newton' || name === 'pattern') return x;
  if (params.localSearchRate < 1 && !(rng.next() < params.localSearchRate)) return x;
  const moves = context.moves as MoveModel;
  const improvement = params.localSearchImprovement;
  const maxMoves = params.localSearchBudget > 0 ? params.localSearchBudget : Infinity;
  const vector = x as unknown as number[];
  // The child's value is unknown (NaN): the runner evaluates the result in full.
  switch (name) {
    case 'lin-kernighan': {
      const options =
        parents === undefined
          ? {}
          : { start: citiesOffParents(vector, parents as unknown as number[][]) };
      return linKernighan(vector, NaN, moves, rng, options).x as unknown as X;
    }
    case 'two-opt':
      return twoOptOrOpt(vector, NaN, moves, rng, { improvement }).x as unknown as X;
    case 'swap':
      return swapDescent(vector, NaN, moves, rng, { improvement, maxMoves }).x as unknown as X;
    case 'flip':
      return flipDescent(vector, NaN, moves, rng, { improvement, maxMoves }).x as unknown as X;
  }
}

/**
 * The `index`-th member of a memetic population on tours, when the local search is
 * Lin-Kernighan and the model builds a greedy tour (tour-starts.ts); undefined otherwise.
 */
export function memeticStart<X>(
  context: SolverContext<X>,
  params: MemeticParams,
  index: number,
  rng: Rng,
): X | undefined {
  if (concrete(context, params.localSearch) !== 'lin-kernighan') return undefined;
  const moves = context.moves as MoveModel;
  return memeticTourStart(moves, context.space.dimension, index, rng) as X | undefined;
}

/**
 * Starts continuous local searches from the chosen evaluated offspring (real spaces), or
 * returns undefined when there is nothing to polish.
 */
export function startPolish<X>(
  context: SolverContext<X>,
  params: MemeticParams,
  offspring: X[],
  values: number[],
  rng: Rng,
): PolishState | undefined {
  const name = concrete(context, params.localSearch);
  if (name !== 'quasi-newton' && name !== 'pattern') return undefined;
  const box = { lower: context.space.vectorLower, upper: context.space.vectorUpper };
  const maxEvaluations =
    params.localSearchBudget > 0 ? params.localSearchBudget : 10 * context.space.dimension;
  const runs: PolishState['runs'] = [];
  for (let index = 0; index < offspring.length; index++) {
    const value = values[index] as number;
    if (!Number.isFinite(value)) continue;
    if (params.localSearchRate < 1 && !(rng.next() < params.localSearchRate)) continue;
    // x0 comes with its value: every evaluation of the budget goes to the search itself.
    const local = localInit(offspring[index] as unknown as number[], value, box, {
      method: name,
      maxEvaluations,
    });
    runs.push({ index, local });
  }
  if (runs.length === 0) return undefined;
  return { offspring: offspring.slice(), values: values.slice(), runs, asked: [] };
}

/** The next batch of every unfinished local search, concatenated (empty once all are done). */
export function polishAsk(state: PolishState): number[][] {
  const batch: number[][] = [];
  state.asked = [];
  for (const run of state.runs) {
    const points = localDone(run.local) ? [] : localAsk(run.local);
    state.asked.push(points.length);
    for (const point of points) batch.push(point);
  }
  return batch;
}

/** Hands each local search its share of the values of the last batch. */
export function polishTell(state: PolishState, values: readonly number[]): void {
  let offset = 0;
  state.runs.forEach((run, k) => {
    const count = state.asked[k] ?? 0;
    if (count > 0) localTell(run.local, values.slice(offset, offset + count));
    offset += count;
  });
}

/**
 * When every local search has stopped: the offspring with the improved points and values in
 * place of their starts. Undefined while some still run.
 */
export function finishPolish(
  state: PolishState,
): { offspring: unknown[]; values: number[] } | undefined {
  if (!state.runs.every((run) => localDone(run.local))) return undefined;
  const offspring = state.offspring.slice();
  const values = state.values.slice();
  for (const run of state.runs) {
    const best = localBest(run.local);
    if (best.value < (values[run.index] as number)) {
      offspring[run.index] = best.x;
      values[run.index] = best.value;
    }
  }
  return { offspring, values };
}
