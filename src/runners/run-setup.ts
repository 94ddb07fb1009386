// The parts of minimize() (minimize.ts) around its loop: checking that a problem and a solver
// suit each other, the default evaluator, the Pareto archive of a multi-objective run, move
// counting, and the result.
import { ParameterError, ProblemError, describeValue } from '../core/errors.js';
import type { MoveModel, Problem } from '../core/problem.js';
import type { AnySolver } from '../core/solver.js';
import type { Budget, StopReason } from './budget.js';
import type { Evaluator } from './evaluator.js';
import { inThreadEvaluator } from './in-thread-evaluator.js';
import type { MinimizeOptions, RunResult } from './minimize-types.js';
import { singleObjectiveSolverMessage } from './multi-objective-checks.js';
import { ParetoArchive, checkReferencePoint } from './pareto-archive.js';
import { poolEvaluator } from './pool-evaluator.js';
import type { RunTracker } from './run-tracker.js';
import { checkWorkers } from './worker-pool.js';

// The archive of a multi-objective run (undefined for one objective), after checking that the
// solver and budget suit several objectives.
export function paretoArchive<X>(
  problem: Problem<X>,
  module: AnySolver,
  budget: Budget,
  options: MinimizeOptions<X>,
): ParetoArchive<X> | undefined {
  const objectives = problem.objectives;
  if (objectives === undefined) return undefined;
  if (module.tellObjectives === undefined)
    throw new ProblemError(
      singleObjectiveSolverMessage(
        module.name,
        problem.name,
        objectives.map((o) => o.name),
      ),
    );
  if (budget.target !== undefined || budget.stagnation !== undefined) {
    throw new ParameterError(
      `options.budget: target and stagnation need a single objective; problem ${problem.name} has ${objectives.length} (give evaluations or seconds)`,
    );
  }
  if (options.referencePoint !== undefined) checkReferencePoint(options.referencePoint, objectives);
  return new ParetoArchive<X>(objectives);
}

export function buildResult<X>(
  problem: Problem<X>,
  module: AnySolver,
  params: object,
  seed: number | string,
  tracker: RunTracker<X>,
  stopReason: StopReason,
  elapsedMs: number,
  moveEvaluations: number,
  sign: 1 | -1,
): RunResult<X> {
  const result: RunResult<X> = {
    best: tracker.best,
    bestValue: sign * tracker.bestValue,
    evaluations: tracker.evaluations,
    failedEvaluations: tracker.failedEvaluations,
    moveEvaluations,
    elapsedMs,
    stopReason,
    seed,
    solver: module.name,
    params,
    problem: problem.name,
    direction: sign === 1 ? 'minimize' : 'maximize',
    trace: tracker.finalTrace(elapsedMs),
    failures: tracker.failures,
    replayedEvaluations: 0,
  };
  if (problem.optimum !== undefined) {
    result.optimum = sign * problem.optimum;
    if (problem.optimum !== 0 && Number.isFinite(tracker.bestValue)) {
      result.gapPercent =
        (100 * Math.abs(tracker.bestValue - problem.optimum)) / Math.abs(problem.optimum);
    }
  }
  return result;
}

export function defaultEvaluator<X>(
  problem: Problem<X>,
  options: MinimizeOptions<X>,
): Evaluator<X> {
  const workers = options.workers ?? 1;
  if (workers === 1 && options.timeoutSeconds === undefined) return inThreadEvaluator(problem);
  return poolEvaluator(problem, {
    workers: checkWorkers(workers),
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(options.memoryLimitMb === undefined ? {} : { memoryLimitMb: options.memoryLimitMb }),
    ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }),
  });
}

// The methods every solver may call on a space.
const SPACE_METHODS = ['sample', 'contains', 'repair', 'key', 'toVector', 'fromVector'];

export function checkCompatible(problem: Problem<unknown>, module: AnySolver): void {
  if (
    problem === null ||
    typeof problem !== 'object' ||
    typeof problem.evaluate !== 'function' ||
    problem.space === undefined
  ) {
    throw new ParameterError(
      `minimize: problem must have a space and an evaluate function (got ${describeValue(problem)})`,
    );
  }
  const space = problem.space as unknown as Record<string, unknown>;
  const missing = SPACE_METHODS.filter((name) => typeof space[name] !== 'function');
  if (typeof space.kind !== 'string' || missing.length > 0) {
    throw new ParameterError(
      `minimize: problem.space must be a space built by realSpace, integerSpace, categoricalSpace, permutationSpace, binarySpace or mixedSpace (named parameters: mixedSpace({ parameters })), not a plain object (got ${describeValue(problem.space)}${missing.length > 0 ? `, without ${missing.join(', ')}` : ''})`,
    );
  }
  if (!module.supports.includes(problem.space.kind)) {
    throw new ProblemError(
      `solver ${module.name} does not support ${problem.space.kind} spaces (it supports: ${module.supports.join(', ')})`,
    );
  }
  if (module.requiresGradient === true && typeof problem.gradient !== 'function') {
    throw new ProblemError(
      `solver ${module.name} needs a gradient, and problem ${problem.name} has none`,
    );
  }
}

// Wraps every delta function of a move model so that the run can report how many were called.
export function countingMoves(moves: MoveModel, counter: { moves: number }): MoveModel {
  // Inherit from the model, so that lazy members (neighbour lists) stay lazy.
  const counted = Object.create(moves) as Record<string, unknown>;
  for (const key of ['swap', 'twoOpt', 'orOpt', 'flip'] as const) {
    const fn = moves[key] as ((...args: never[]) => number) | undefined;
    if (fn === undefined) continue;
    counted[key] = (...args: never[]): number => {
      counter.moves++;
      return fn.apply(moves, args);
    };
  }
  counted.tally = (count: number): void => {
    counter.moves += count;
  };
  const table = moves.swapTable;
  if (table !== undefined) {
    const pairs = (x: readonly number[]): number => (x.length * (x.length - 1)) / 2;
    counted.swapTable = {
      create: (x: readonly number[]) => {
        counter.moves += pairs(x);
        return table.create(x);
      },
      update: (t: number[], x: readonly number[], r: number, s: number) => {
        counter.moves += pairs(x);
        table.update(t, x, r, s);
      },
    };
  }
  return counted;
}
