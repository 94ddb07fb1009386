// The parts of minimize() (minimize.ts) around its loop: checking that a problem and a solver
// suit each other, the default evaluator, the Pareto archive of a multi-objective run, move
// counting, and the result.
import { ParameterError, ProblemError, describeValue } from '../core/errors.js';
import type { MoveModel, MultiObjectiveProblem, Problem } from '../core/problem.js';
import { objectiveIssues } from '../multi-objective/objectives.js';
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

/**
 * Checks the problem handed to `minimize` and the solver against each other; returns the problem
 * with a scalar `evaluate` that refuses to run when a multi-objective problem left it out.
 */
export function checkCompatible<X>(
  input: Problem<X> | MultiObjectiveProblem<X>,
  module: AnySolver,
): Problem<X> {
  const problem = checkProblemShape(input);
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
  return problem;
}

// A problem object: a space and `evaluate`, or valid `objectives` and `evaluateObjectives`.
function checkProblemShape<X>(input: Problem<X> | MultiObjectiveProblem<X>): Problem<X> {
  const problem = input as Partial<Problem<X>> | null;
  if (problem === null || typeof problem !== 'object' || problem.space === undefined) {
    throw new ParameterError(
      `minimize: problem must have a space and an evaluate function (or objectives and evaluateObjectives) (got ${describeValue(problem)})`,
    );
  }
  if (problem.objectives === undefined) {
    if (typeof problem.evaluate !== 'function') {
      throw new ParameterError(
        `minimize: problem ${String(problem.name)} must have an evaluate function, or objectives and evaluateObjectives for several objectives (got evaluate = ${describeValue(problem.evaluate)})`,
      );
    }
    return problem as Problem<X>;
  }
  const { issues, declarations } = objectiveIssues(problem.objectives, '');
  if (issues.length > 0) {
    throw new ParameterError(
      `minimize: ${issues.map((issue) => `problem.objectives${libraryPath(issue.path)} ${issue.message}`).join('; ')}`,
    );
  }
  if (typeof problem.evaluateObjectives !== 'function') {
    throw new ParameterError(
      `minimize: problem ${String(problem.name)} declares objectives and must have an evaluateObjectives function (got ${describeValue(problem.evaluateObjectives)})`,
    );
  }
  const directed = problem.objectives.every((o) => o.direction !== undefined);
  if (typeof problem.evaluate === 'function' && directed) return problem as Problem<X>;
  const name = String(problem.name);
  const scalar = (): never => {
    throw new ProblemError(
      `problem ${name} has several objectives; its evaluateObjectives gives their values`,
    );
  };
  // Inherit from the problem, so that getters and lazy members stay as they are; the
  // declarations get their default direction.
  return Object.create(problem, {
    evaluate: { value: problem.evaluate ?? scalar },
    objectives: { value: declarations },
  }) as Problem<X>;
}

// A JSON path such as /1/name as a JavaScript property path: [1].name.
function libraryPath(path: string): string {
  return path.replace(/\/(\d+)/g, '[$1]').replace(/\/([^/[]+)/g, '.$1');
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
