// minimize(): one run of a solver on a problem. Owns the budget, evaluation, best-so-far,
// failures, progress, abort and the trace; the solver only asks and tells.
import { solvers } from '../algorithms/registry.js';
import { resolveParams } from '../config/params.js';
import { ParameterError, ProblemError, describeValue } from '../core/errors.js';
import type { MoveModel, Problem } from '../core/problem.js';
import { createRng, randomSeed } from '../core/rng.js';
import type { AnySolver, SolverContext } from '../core/solver.js';
import { BatchClock } from './batch-clock.js';
import { checkBudget, type Budget, type StopReason } from './budget.js';
import { isPromiseLike, type BatchOutcome, type Evaluator } from './evaluator.js';
import {
  evaluateBatch,
  type BatchEvaluationContext,
  type ReplaySource,
} from './batch-evaluation.js';
import { inThreadEvaluator } from './in-thread-evaluator.js';
import { poolEvaluator } from './pool-evaluator.js';
import { checkWorkers } from './worker-pool.js';
import { RunTracker, type FailureRecord } from './run-tracker.js';
import {
  ParetoArchive,
  checkReferencePoint,
  type ParetoResult,
  type ReferencePoint,
} from './pareto-archive.js';
import type { TracePoint } from './trace.js';

/** Progress of a run, as passed to `onProgress`. */
export interface RunProgress {
  evaluations: number;
  failedEvaluations: number;
  /** Best value so far in the user's terms (Infinity before the first success when minimizing). */
  bestValue: number;
  elapsedMs: number;
  /** Fraction of the budget used (by evaluations or seconds), when the budget bounds them. */
  fraction: number | undefined;
  /** Evaluations taken from a journal (`replay`) rather than run, so far. */
  replayedEvaluations: number;
  /** Multi-objective runs: the number of non-dominated evaluations so far. */
  paretoFrontSize?: number;
}

/** One evaluated batch, as passed to `onBatch` (for journals). Values are the user's. */
export interface BatchRecord<X> {
  /** 0-based index of the batch in the run. */
  batch: number;
  candidates: readonly X[];
  values: readonly number[];
  errors: readonly (string | undefined)[] | undefined;
  durationsMs: readonly number[] | undefined;
}

/** One finished evaluation, as passed to `onEvaluation` (for per-trial journals). */
export interface EvaluationRecord<X> {
  /** 1-based number of the evaluation in the run (batch order, not completion order). */
  number: number;
  /** 0-based batch number and position in the batch. */
  batch: number;
  index: number;
  candidate: X;
  /** The value in the user's terms (NaN when failed). */
  value: number;
  error: string | undefined;
  durationMs: number;
  /** The stack of the error the objective threw, when it threw one. */
  stack?: string;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions<X> {
  /** The budget; at least one of evaluations, seconds, stagnation. */
  budget: Budget;
  /** Solver parameters; the solver's defaults fill in the rest. */
  params?: object;
  /**
   * Seed of every random choice of the run. Unseeded runs draw one and report it.
   * @defaultValue a random seed
   */
  seed?: number | string;
  /** Where candidates are evaluated; overrides `workers`. @defaultValue in this thread */
  evaluator?: Evaluator<X>;
  /**
   * Worker threads evaluating candidates; 1 evaluates in this thread. More needs a problem with
   * a `spec` (registry or module problems). Results are the same for any number.
   * @defaultValue 1
   */
  workers?: number;
  /** Per-evaluation time limit in seconds (evaluations then run on worker threads). */
  timeoutSeconds?: number;
  /** Heap limit of each worker thread in MB (worker threads only; see poolEvaluator). */
  memoryLimitMb?: number;
  /** Folder that relative paths in the problem spec resolve against (worker threads). */
  baseDir?: string;
  /** Called as each new evaluation finishes, in completion order. */
  onEvaluation?: (record: EvaluationRecord<X>) => void;
  /** Recorded outcomes to reuse instead of evaluating again (resuming from a journal). */
  replay?: ReplaySource<X>;
  /** Stops the run between batches; the result so far is returned with stopReason `aborted`. */
  signal?: AbortSignal;
  /** Called at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: RunProgress) => void;
  /** @defaultValue 200 */
  progressIntervalMs?: number;
  /** Called after each evaluated batch; a returned promise is awaited (journals flush here). */
  onBatch?: (record: BatchRecord<X>) => void | Promise<void>;
  /** Bound on the number of trace points kept. @defaultValue 1000 */
  maxTracePoints?: number;
  /**
   * The clock the run reads, in milliseconds (any origin): `seconds` budgets, elapsed times and
   * the solver's `elapsedSeconds`. A fake clock makes a seconds-bounded run reproducible.
   * @defaultValue performance.now
   */
  clock?: () => number;
  /**
   * Multi-objective problems: the hypervolume's reference point in the user's terms, by
   * objective name or in objective order. @defaultValue derived from the front (and reported)
   */
  referencePoint?: ReferencePoint;
}

/**
 * The outcome of a run. Values are in the user's terms (maximized values stay positive). A
 * multi-objective run has no single best: `best` is undefined, `bestValue` NaN and the trace
 * empty; its result is `paretoFront`, `hypervolume` and `referencePoint`.
 */
export interface RunResult<X> extends Partial<ParetoResult<X>> {
  /** The best candidate found (undefined when every evaluation failed). */
  best: X | undefined;
  bestValue: number;
  evaluations: number;
  failedEvaluations: number;
  /** Incremental move evaluations (move model calls), counted apart from `evaluations`. */
  moveEvaluations: number;
  elapsedMs: number;
  stopReason: StopReason;
  seed: number | string;
  solver: string;
  params: object;
  problem: string;
  direction: 'minimize' | 'maximize';
  /** The known optimum, when the problem has one. */
  optimum?: number;
  /** 100 * |best - optimum| / |optimum|, when the optimum is known and not zero. */
  gapPercent?: number;
  /** Best-so-far after each improvement (bounded), ending at the last evaluation. */
  trace: TracePoint[];
  /** The first failed evaluations with their messages. */
  failures: FailureRecord[];
  /** Evaluations taken from `replay` instead of being run again. */
  replayedEvaluations: number;
}

// Between batches the loop yields to the event loop this often, so that timers, abort signals
// and progress output keep working while a synchronous objective runs.
const YIELD_INTERVAL_MS = 25;

/**
 * Minimizes `problem` with `solver` (a module or a registry name) within `options.budget`.
 * A failed evaluation (throws, NaN, Infinity) is recorded, told to the solver as Infinity, and
 * the run goes on. Rejects, never throws synchronously.
 */
export async function minimize<X>(
  problem: Problem<X>,
  solver: AnySolver | string,
  options: MinimizeOptions<X>,
): Promise<RunResult<X>> {
  const module = typeof solver === 'string' ? solvers.get(solver) : solver;
  const budget = checkBudget(options.budget);
  if (
    budget.epochs !== undefined &&
    budget.evaluations === undefined &&
    budget.seconds === undefined &&
    budget.stagnation === undefined
  ) {
    throw new ParameterError(
      'options.budget.epochs counts the training epochs of a study (kiln tune, runStudy); a run needs evaluations, seconds or stagnation',
    );
  }
  checkCompatible(problem, module);
  const archive = paretoArchive(problem, module, budget, options);
  const params = resolveParams(module, options.params, `solver ${module.name}`) as object;
  const seed = options.seed ?? randomSeed();
  const solverRng = createRng(seed).fork('solver');
  const counter = { moves: 0 };
  const readClock = options.clock ?? (() => performance.now());
  const start = readClock();
  const solverBudget: { evaluations?: number; seconds?: number } = {};
  if (budget.evaluations !== undefined) solverBudget.evaluations = budget.evaluations;
  if (budget.seconds !== undefined) solverBudget.seconds = budget.seconds;
  const gradients = module.requiresGradient === true;
  const elapsedSeconds = (): number => (readClock() - start) / 1000;
  const sign = problem.direction === 'maximize' ? -1 : 1;
  const clock = (): number => readClock() - start;
  const tracker = new RunTracker<X>(budget, sign, options.maxTracePoints ?? 1000, clock);
  const remainingEvaluations = (): number => tracker.remaining();
  // Written out rather than spread: every ask and tell reads this object.
  const context: SolverContext<X> =
    archive !== undefined
      ? {
          space: problem.space,
          gradients,
          budget: solverBudget,
          elapsedSeconds,
          remainingEvaluations,
          objectives: archive.objectives,
        }
      : problem.moves === undefined
        ? {
            space: problem.space,
            gradients,
            budget: solverBudget,
            elapsedSeconds,
            remainingEvaluations,
          }
        : {
            space: problem.space,
            gradients,
            budget: solverBudget,
            moves: countingMoves(problem.moves, counter),
            elapsedSeconds,
            remainingEvaluations,
          };
  const ownsEvaluator = options.evaluator === undefined;
  const evaluator = options.evaluator ?? defaultEvaluator(problem, options);
  const progressInterval = options.progressIntervalMs ?? 200;
  let replayedEvaluations = 0;
  const report = (): void =>
    options.onProgress?.({
      evaluations: tracker.evaluations,
      failedEvaluations: tracker.failedEvaluations,
      bestValue: sign * tracker.bestValue,
      elapsedMs: clock(),
      fraction: tracker.fraction(clock()),
      replayedEvaluations,
      ...(archive === undefined ? {} : { paretoFrontSize: archive.size }),
    });

  const state: unknown = module.init(context, params, solverRng);
  let stopReason: StopReason | undefined;
  // The time after each batch (the solver's tell) and after a yield; see BatchClock.
  const batchClock = new BatchClock(readClock, options.clock === undefined);
  let now = batchClock.now();
  let lastYield = start;
  let lastProgress = start;
  let batchIndex = 0;
  // The batch being evaluated, read by the per-evaluation callback (built once per run).
  let current: { batch: number; firstNumber: number; candidates: readonly X[] } = {
    batch: 0,
    firstNumber: 1,
    candidates: [],
  };
  const onEvaluation = options.onEvaluation;
  const evaluation: BatchEvaluationContext<X> = {
    evaluator,
    gradients: context.gradients,
    replay: options.replay,
    onResult:
      onEvaluation === undefined
        ? undefined
        : (index, value, error, durationMs, stack) =>
            onEvaluation({
              number: current.firstNumber + index,
              batch: current.batch,
              index,
              candidate: current.candidates[index] as X,
              value: sign * value,
              error,
              durationMs,
              ...(stack === undefined ? {} : { stack }),
            }),
  };
  try {
    while (stopReason === undefined) {
      if (options.signal?.aborted === true) {
        stopReason = 'aborted';
        break;
      }
      stopReason = tracker.stopReason(now - start);
      if (stopReason !== undefined) break;
      const asked = module.ask<X>(state, context, solverRng);
      if (asked.length === 0) {
        stopReason = 'converged';
        break;
      }
      const room = tracker.remaining();
      const batch = asked.length > room ? asked.slice(0, room) : asked;
      if (onEvaluation !== undefined) {
        current = { batch: batchIndex, firstNumber: tracker.evaluations + 1, candidates: batch };
      }
      const { outcome: pending, replayed } = evaluateBatch(evaluation, batchIndex, batch);
      replayedEvaluations += replayed;
      const outcome: BatchOutcome = isPromiseLike(pending) ? await pending : pending;
      if (options.onBatch !== undefined) {
        const written = options.onBatch({
          batch: batchIndex,
          candidates: batch,
          values: outcome.values.map((v) => sign * v),
          errors: outcome.errors,
          durationsMs: outcome.durationsMs,
        });
        if (isPromiseLike(written)) await written;
      }
      // The solver is told the values in place of the raw ones: failures become Infinity.
      const values = outcome.values;
      const errors = outcome.errors;
      const firstNumber = tracker.evaluations + 1;
      for (let i = 0; i < batch.length; i++) {
        values[i] = tracker.record(batch[i] as X, values[i] as number, errors?.[i]);
      }
      const evaluations = archive?.record(batch, outcome.evaluations, errors, firstNumber);
      batchIndex++;
      // A truncated batch ends the run: the solver expects values for its whole batch.
      if (batch.length < asked.length) {
        stopReason = 'evaluations';
        break;
      }
      if (evaluations === undefined) {
        module.tell(state, context, asked, values, solverRng, outcome.gradients);
      } else {
        module.tellObjectives?.(state, context, asked, evaluations, solverRng);
      }
      now = batchClock.afterBatch();
      if (now - lastYield >= YIELD_INTERVAL_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        now = batchClock.now();
        lastYield = now;
      }
      if (options.onProgress !== undefined && now - lastProgress >= progressInterval) {
        report();
        lastProgress = now;
      }
    }
  } finally {
    if (ownsEvaluator) await evaluator.close();
  }
  const elapsedMs = clock();
  report();
  const result = buildResult(
    problem,
    module,
    params,
    seed,
    tracker,
    stopReason,
    elapsedMs,
    counter.moves,
    sign,
  );
  result.replayedEvaluations = replayedEvaluations;
  if (archive === undefined) return result;
  return {
    ...result,
    best: undefined,
    bestValue: NaN,
    trace: [],
    ...archive.result(problem, options.referencePoint),
  };
}

// The archive of a multi-objective run (undefined for one objective), after checking that the
// solver and budget suit several objectives.
function paretoArchive<X>(
  problem: Problem<X>,
  module: AnySolver,
  budget: Budget,
  options: MinimizeOptions<X>,
): ParetoArchive<X> | undefined {
  const objectives = problem.objectives;
  if (objectives === undefined) return undefined;
  if (module.tellObjectives === undefined) {
    const multi = solvers
      .entries()
      .filter((s) => s.tellObjectives !== undefined)
      .map((s) => s.name);
    throw new ProblemError(
      `solver ${module.name} optimizes one objective, and problem ${problem.name} has ${objectives.length} (${objectives.map((o) => o.name).join(', ')}); use ${multi.length > 1 ? `${multi.slice(0, -1).join(', ')} or ${multi.at(-1)}` : multi.join('')}`,
    );
  }
  if (budget.target !== undefined || budget.stagnation !== undefined) {
    throw new ParameterError(
      `options.budget: target and stagnation need a single objective; problem ${problem.name} has ${objectives.length} (give evaluations or seconds)`,
    );
  }
  if (options.referencePoint !== undefined) checkReferencePoint(options.referencePoint, objectives);
  return new ParetoArchive<X>(objectives);
}

function buildResult<X>(
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

function defaultEvaluator<X>(problem: Problem<X>, options: MinimizeOptions<X>): Evaluator<X> {
  const workers = options.workers ?? 1;
  if (workers === 1 && options.timeoutSeconds === undefined) return inThreadEvaluator(problem);
  return poolEvaluator(problem, {
    workers: checkWorkers(workers),
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(options.memoryLimitMb === undefined ? {} : { memoryLimitMb: options.memoryLimitMb }),
    ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }),
  });
}

function checkCompatible(problem: Problem<unknown>, module: AnySolver): void {
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
function countingMoves(moves: MoveModel, counter: { moves: number }): MoveModel {
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
