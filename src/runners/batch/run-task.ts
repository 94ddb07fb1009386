// The 'run' task of the worker pool: one whole run of a batch (build the problem, minimize,
// reduce the result to a compact record with a bounded trace and the evaluation that reached
// the target). Runs in a worker thread; problems are cached per thread.
import { errorMessage } from '../../core/errors.js';
import type { Problem } from '../../core/problem.js';
import type { BatchBudget } from '../../config/batch-config.js';
import type { ProblemConfig } from '../../config/run-config.js';
import type { ModuleProblemConfig } from '../../problems/user-module.js';
import { objectiveSign, type ObjectiveDeclaration } from '../../multi-objective/objectives.js';
import { buildProblem } from '../../problems/build.js';
import type { Budget, StopReason } from '../budget.js';
import { minimize, type RunResult } from '../minimize.js';
import { downsampleTrace } from '../trace.js';
import { countedProblem, type EvaluationCounter } from './evaluation-watch.js';
import type { TargetSpec } from './grid.js';

/** One run of a batch, as sent to a worker. */
export interface RunTask {
  kind: 'run';
  problem: Record<string, unknown>;
  /** Folder that relative paths in `problem` resolve against. */
  baseDir: string;
  solver: string;
  params: Record<string, unknown>;
  budget: BatchBudget;
  seed: number;
  target: TargetSpec | undefined;
  /** Multi-objective problems: the config's hypervolume reference point, in objective order. */
  referencePoint?: number[];
  stopAtTarget: boolean;
  tracePoints: number;
  /** The config's time limit of each evaluation, enforced by whoever runs the task. */
  timeoutSeconds?: number;
  /** When evaluations have a time limit: counts their starts and ends for the main thread. */
  evaluationCounter?: EvaluationCounter;
}

/** A finished run, reduced to what summaries and plots need (values in the user's terms). */
export interface RunOutcome {
  /** The problem's own name (e.g. `rastrigin-10-shifted`). */
  problemName: string;
  direction: 'minimize' | 'maximize';
  bestValue: number;
  best: unknown;
  evaluations: number;
  failedEvaluations: number;
  moveEvaluations: number;
  /** The evaluation budget the run had, when it had one. */
  budgetEvaluations?: number;
  elapsedMs: number;
  stopReason: StopReason;
  optimum?: number;
  gapPercent?: number;
  /** The success target as a value (gap targets resolved against the optimum). */
  target?: number;
  /** The evaluation at which the best value first reached the target; null when it never did. */
  hitEvaluations?: number | null;
  /** Best-so-far as [evaluations, value] pairs, at most `tracePoints` of them. */
  trace: [number, number][];
  /** The first failed evaluation's message, when some failed. */
  firstFailure?: string;
  /**
   * Multi-objective runs: `bestValue` is the hypervolume of the run's front against this
   * reference point (in the objectives' own terms; `direction` is then `maximize`).
   */
  referencePoint?: number[];
  /** Multi-objective runs: the size of the front. */
  paretoFrontSize?: number;
  /** Multi-objective test problems: IGD of the front to the exact one. */
  igd?: number;
}

/** What a 'run' task returns: a finished run, or why it could not run. */
export type RunReply = { status: 'ok'; outcome: RunOutcome } | { status: 'failed'; error: string };

// A few problems per thread: runs come problem by problem, so this almost always hits.
const CACHE_SIZE = 4;
const cache = new Map<string, Promise<Problem<unknown>>>();

function problemFor(block: Record<string, unknown>, baseDir: string): Promise<Problem<unknown>> {
  const key = `${baseDir}\u0000${JSON.stringify(block)}`;
  let problem = cache.get(key);
  if (problem !== undefined) {
    cache.delete(key);
    cache.set(key, problem);
    return problem;
  }
  problem = buildProblem(block as unknown as ProblemConfig | ModuleProblemConfig, { baseDir });
  cache.set(key, problem);
  problem.catch(() => cache.delete(key));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return problem;
}

/** The success target of a run as a value, once the problem (and its optimum) is known. */
export function resolveTarget(
  spec: TargetSpec | undefined,
  optimum: number | undefined,
  direction: 'minimize' | 'maximize',
): number | undefined {
  if (spec === undefined) return undefined;
  if ('value' in spec) return spec.value;
  if (optimum === undefined) return undefined;
  const slack = (Math.abs(optimum) * spec.gapPercent) / 100;
  return direction === 'maximize' ? optimum - slack : optimum + slack;
}

function runBudget(
  budget: BatchBudget,
  dimension: number,
  target: number | undefined,
  stop: boolean,
): Budget {
  const { evaluationsPerDimension, ...rest } = budget;
  const out: Budget = { ...rest };
  if (evaluationsPerDimension !== undefined)
    out.evaluations = Math.max(1, Math.round(evaluationsPerDimension * dimension));
  if (stop && target !== undefined) out.target = target;
  return out;
}

/** Runs one task; a run that cannot be built or throws is reported as failed, not thrown. */
export async function handleRunTask(task: RunTask): Promise<RunReply> {
  try {
    const built = await problemFor(task.problem, task.baseDir);
    const problem =
      task.evaluationCounter === undefined ? built : countedProblem(built, task.evaluationCounter);
    if (problem.objectives !== undefined) return await multiObjectiveRun(task, problem);
    if (task.referencePoint !== undefined)
      return {
        status: 'failed',
        error: `problem ${problem.name} has one objective: "referencePoint" is for multi-objective problems; leave it out`,
      };
    const direction = problem.direction ?? 'minimize';
    const sign = direction === 'maximize' ? -1 : 1;
    const optimum = problem.optimum === undefined ? undefined : sign * problem.optimum;
    const target = resolveTarget(task.target, optimum, direction);
    const budget = runBudget(task.budget, problem.space.dimension, target, task.stopAtTarget);
    let evaluated = 0;
    let best = Infinity;
    let hitEvaluations: number | null = null;
    const result = await minimize(problem, task.solver, {
      budget,
      params: task.params,
      seed: task.seed,
      maxTracePoints: Math.max(4 * task.tracePoints, 1000),
      ...(target === undefined
        ? {}
        : {
            // Exact first-hit evaluation, which a thinned trace could miss.
            onBatch: (record) => {
              if (hitEvaluations !== null) return;
              const limit = sign * target;
              for (let i = 0; i < record.values.length; i++) {
                const value = sign * (record.values[i] as number);
                if (record.errors?.[i] === undefined && Number.isFinite(value) && value < best)
                  best = value;
                if (best <= limit) {
                  hitEvaluations = evaluated + i + 1;
                  break;
                }
              }
              evaluated += record.values.length;
            },
          }),
    });
    const outcome: RunOutcome = {
      ...commonOutcome(result, budget),
      direction,
      bestValue: result.bestValue,
      best: result.best ?? null,
      trace: downsampleTrace(result.trace, task.tracePoints).map((p) => [p.evaluations, p.value]),
    };
    if (result.optimum !== undefined) outcome.optimum = result.optimum;
    if (result.gapPercent !== undefined) outcome.gapPercent = result.gapPercent;
    if (target !== undefined) {
      outcome.target = target;
      outcome.hitEvaluations = hitEvaluations;
    }
    const failure = result.failures[0];
    // A run without one successful evaluation has no result to summarize.
    if (result.best === undefined && result.evaluations > 0 && failure !== undefined) {
      return {
        status: 'failed',
        error: `all ${result.evaluations} evaluations failed; the first: ${failure.message}`,
      };
    }
    return { status: 'ok', outcome };
  } catch (error) {
    return { status: 'failed', error: errorMessage(error) };
  }
}

/**
 * A run of a multi-objective problem: its value is the hypervolume of its front against one
 * reference point for every run of the problem (the entry's `referencePoint`, else the
 * problem's conventional one), so that runs compare; larger is better. No trace; success
 * targets do not apply.
 */
async function multiObjectiveRun(task: RunTask, problem: Problem<unknown>): Promise<RunReply> {
  const objectives = problem.objectives as readonly ObjectiveDeclaration[];
  const reference =
    task.referencePoint ??
    problem.referencePoint?.map((v, j) => objectiveSign(objectives[j] as ObjectiveDeclaration) * v);
  if (reference === undefined)
    return {
      status: 'failed',
      error: `problem ${problem.name} has ${objectives.length} objectives and no conventional reference point: give the batch entry a "referencePoint" (${objectives.map((o) => o.name).join(', ')}), so that every run's hypervolume is measured against the same one`,
    };
  const budget = runBudget(task.budget, problem.space.dimension, undefined, false);
  const result = await minimize(problem, task.solver, {
    budget,
    params: task.params,
    seed: task.seed,
    referencePoint: reference,
  });
  const failure = result.failures[0];
  if ((result.paretoFront?.length ?? 0) === 0 && failure !== undefined)
    return {
      status: 'failed',
      error: `no evaluation was feasible and complete; the first failure: ${failure.message}`,
    };
  const outcome: RunOutcome = {
    ...commonOutcome(result, budget),
    direction: 'maximize',
    bestValue: result.hypervolume ?? 0,
    best: null,
    trace: [],
    referencePoint: [...reference],
    paretoFrontSize: result.paretoFront?.length ?? 0,
  };
  if (result.igd !== undefined) outcome.igd = result.igd;
  return { status: 'ok', outcome };
}

/** The fields of an outcome every run has, whatever its number of objectives. */
function commonOutcome(
  result: RunResult<unknown>,
  budget: Budget,
): Omit<RunOutcome, 'direction' | 'bestValue' | 'best' | 'trace'> {
  const failure = result.failures[0];
  return {
    problemName: result.problem,
    evaluations: result.evaluations,
    failedEvaluations: result.failedEvaluations,
    moveEvaluations: result.moveEvaluations,
    elapsedMs: result.elapsedMs,
    stopReason: result.stopReason,
    ...(budget.evaluations === undefined ? {} : { budgetEvaluations: budget.evaluations }),
    ...(failure === undefined ? {} : { firstFailure: failure.message }),
  };
}
