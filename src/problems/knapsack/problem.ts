// The multidimensional 0/1 knapsack problem over an OR-Library instance: maximize the profit of
// a selection of items (a bit string) under every capacity, by repair or by penalty.
import { ProblemError, describeValue } from '../../core/errors.js';
import { maximize } from '../../core/maximize.js';
import type { MoveModel, Problem, ProblemSpec } from '../../core/problem.js';
import { binarySpace } from '../../core/spaces/binary.js';
import type { ProblemContext } from '../factory.js';
import { resolveSource } from '../instances.js';
import {
  loadsOf,
  penaltyValue,
  prepareKnapsack,
  repairSelection,
  type ConstraintHandling,
  type PreparedKnapsack,
} from './evaluation.js';
import { readMknap, type KnapsackInstance } from './orlib.js';

export type { ConstraintHandling } from './evaluation.js';

/** Parameters of a knapsack problem: exactly one of `instance` and `path`. */
export interface KnapsackParams {
  /** A shipped problem, `mknap1-1` .. `mknap1-7`. */
  instance?: string;
  /** An OR-Library mknap file; a relative path resolves against the config file's folder. */
  path?: string;
  /** With `path`: which problem of the file, from 1 (required when the file holds several). */
  problem?: number;
  /**
   * `repair`: a selection scores the profit of its greedy repair (Chu & Beasley 1998), so every
   * bit string maps to a feasible selection. `penalty`: feasible selections score their profit,
   * infeasible ones minus their relative overload; exact O(m) flip deltas.
   * @defaultValue 'repair'
   */
  constraintHandling: ConstraintHandling;
}

/** Options of {@link knapsackProblemFromInstance}. */
export interface KnapsackProblemOptions {
  /** @defaultValue 'repair' */
  constraintHandling?: ConstraintHandling;
  optimumStatus?: 'optimal' | 'best-known';
  /** How a worker thread rebuilds the problem. */
  spec?: ProblemSpec;
}

/** What {@link Problem.describe} shows of a selection. */
export interface KnapsackSelection {
  /** The selected items, 1-based (after the repair, under `repair`). */
  items: number[];
  profit: number;
  feasible: boolean;
}

/**
 * The knapsack problem over a parsed instance, maximized: values are profits (the problem is
 * wrapped by `maximize`, so solvers minimize their negation). The optimum is the file's, if any.
 */
export function knapsackProblemFromInstance(
  instance: KnapsackInstance,
  options: KnapsackProblemOptions = {},
): Problem<number[]> {
  const handling = options.constraintHandling ?? 'repair';
  if (handling !== 'repair' && handling !== 'penalty') {
    throw new ProblemError(
      `knapsack: constraintHandling must be one of repair, penalty (got ${describeValue(handling)})`,
    );
  }
  const knapsack = prepareKnapsack(instance);
  const n = knapsack.items;
  const check = (x: readonly number[]): void => {
    if (x.length !== n) {
      throw new ProblemError(`${instance.name}: a selection must have ${n} bits (got ${x.length})`);
    }
  };
  const profitOf = (selected: ArrayLike<number>): number => {
    let profit = 0;
    for (let j = 0; j < n; j++) if (selected[j] === 1) profit += knapsack.profits[j] as number;
    return profit / knapsack.profitScale;
  };
  const evaluate =
    handling === 'repair'
      ? (x: number[]): number => {
          check(x);
          return profitOf(repairSelection(knapsack, x));
        }
      : (x: number[]): number => {
          check(x);
          const { loads, profit } = loadsOf(knapsack, x);
          return penaltyValue(knapsack, loads, profit);
        };
  const describe = (x: number[]): KnapsackSelection => {
    const selected = handling === 'repair' ? repairSelection(knapsack, x) : x;
    const { loads } = loadsOf(knapsack, Array.from(selected));
    const items: number[] = [];
    for (let j = 0; j < n; j++) if (selected[j] === 1) items.push(j + 1);
    const feasible = loads.every((load, i) => load <= (knapsack.capacities[i] as number));
    return { items, profit: profitOf(selected), feasible };
  };
  const profitProblem: Problem<number[]> = {
    name: instance.name,
    space: binarySpace({ size: n }),
    evaluate,
    describe,
    ...(handling === 'penalty' ? { moves: penaltyMoves(knapsack) } : {}),
    ...(instance.optimum === undefined
      ? {}
      : { optimum: instance.optimum, optimumStatus: options.optimumStatus ?? 'best-known' }),
    ...(options.spec === undefined ? {} : { spec: options.spec }),
  };
  return maximize(profitProblem);
}

/**
 * The flip delta under the penalty: exact, O(m) once the loads of x are known. The loads of the
 * last x seen are kept, so that scanning every flip of one selection costs O(n m) in all.
 */
function penaltyMoves(knapsack: PreparedKnapsack): MoveModel {
  const { items, resources, weights, profits } = knapsack;
  let last: number[] = [];
  let state: { loads: Float64Array; profit: number } = {
    loads: new Float64Array(resources),
    profit: 0,
  };
  const moved = new Float64Array(resources);
  return {
    flip(x, j) {
      if (last.length !== x.length || x.some((bit, k) => bit !== last[k])) {
        last = x.slice();
        state = loadsOf(knapsack, x);
      }
      const sign = x[j] === 1 ? -1 : 1;
      for (let i = 0; i < resources; i++)
        moved[i] = (state.loads[i] as number) + sign * (weights[i * items + j] as number);
      const after = penaltyValue(knapsack, moved, state.profit + sign * (profits[j] as number));
      return after - penaltyValue(knapsack, state.loads, state.profit);
    },
  };
}

/**
 * The knapsack problem of a shipped instance (`{ instance: 'mknap1-3' }`) or of problem
 * `problem` of an OR-Library file (`{ path, problem }`, relative to `context.baseDir`).
 */
export function knapsackProblem(
  params: Partial<KnapsackParams>,
  context: ProblemContext = { baseDir: process.cwd() },
): Problem<number[]> {
  const constraintHandling = params.constraintHandling ?? 'repair';
  const source = resolveSource('knapsack', params, context.baseDir, 'an OR-Library mknap file');
  if (source.kind === 'instance') {
    if (params.problem !== undefined) {
      throw new ProblemError(
        `knapsack: problem goes with path; instance ${source.instance.name} already names one (got problem ${describeValue(params.problem)})`,
      );
    }
    const index = Number(/-(\d+)$/.exec(source.instance.name)?.[1]);
    const instance = readMknap(source.instance.file)[index - 1] as KnapsackInstance;
    return knapsackProblemFromInstance(
      { ...instance, optimum: source.instance.optimum },
      {
        constraintHandling,
        optimumStatus: source.instance.optimumStatus,
        spec: { type: 'knapsack', instance: source.instance.name, constraintHandling },
      },
    );
  }
  const all = readMknap(source.file);
  const problem = params.problem ?? (all.length === 1 ? 1 : undefined);
  if (problem === undefined) {
    throw new ProblemError(
      `knapsack: problem is required with path: ${source.file} holds ${all.length} problems (give 1 to ${all.length})`,
    );
  }
  const instance = all[problem - 1];
  if (!Number.isInteger(problem) || instance === undefined) {
    throw new ProblemError(
      `knapsack: problem must be an integer from 1 to ${all.length} (got ${describeValue(problem)})`,
    );
  }
  return knapsackProblemFromInstance(instance, {
    constraintHandling,
    spec: { type: 'knapsack', path: source.file, problem, constraintHandling },
  });
}
