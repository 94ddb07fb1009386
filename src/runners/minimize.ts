// minimize(): one run of a solver on a problem. Owns the budget, evaluation, best-so-far,
// failures, progress, abort and the trace; the solver only asks and tells.
import { solvers } from '../algorithms/registry.js';
import { checkParamsOption, resolveParams } from '../config/params.js';
import { ParameterError } from '../core/errors.js';
import type { MultiObjectiveProblem, Problem } from '../core/problem.js';
import { createRng, randomSeed } from '../core/rng.js';
import type { AnySolver, SolverContext } from '../core/solver.js';
import { BatchClock } from './batch-clock.js';
import { checkBudget, type StopReason } from './budget.js';
import { isPromiseLike, type BatchOutcome } from './evaluator.js';
import { evaluateBatch, type BatchEvaluationContext } from './batch-evaluation.js';
import { RunTracker } from './run-tracker.js';
import type { MinimizeOptions, RunResult } from './minimize-types.js';
import {
  buildResult,
  checkCompatible,
  countingMoves,
  defaultEvaluator,
  paretoArchive,
} from './run-setup.js';

export type {
  BatchRecord,
  EvaluationRecord,
  MinimizeOptions,
  RunProgress,
  RunResult,
} from './minimize-types.js';

// Between batches the loop yields to the event loop this often, so that timers, abort signals
// and progress output keep working while a synchronous objective runs.
const YIELD_INTERVAL_MS = 25;

/**
 * Minimizes `problem` with `solver` (a module or a registry name) within `options.budget`.
 * A failed evaluation (throws, NaN, Infinity) is recorded, told to the solver as Infinity, and
 * the run goes on. Rejects, never throws synchronously.
 */
export async function minimize<X>(
  input: Problem<X> | MultiObjectiveProblem<X>,
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
  const problem = checkCompatible(input, module);
  const archive = paretoArchive(problem, module, budget, options);
  checkParamsOption(options.params);
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
