// Evaluation on a pool of worker threads. Batches are split by measured cost (work-split.ts):
// expensive objectives go one candidate per task, cheap ones in packed chunks with a share
// kept in the calling thread. Crashes and timeouts are isolated to one candidate. Results come
// back in batch order, so a run is the same whatever the number of workers.
import { ParameterError, describeValue, errorMessage } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import type { ProblemConfig } from '../config/run-config.js';
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import type { BatchOutcome, EvaluateOptions, Evaluator } from './evaluator.js';
import { isPromiseLike } from './evaluator.js';
import { costliestFirst } from './costliest-first.js';
import { runEvaluateTask, TaskFailure, type TaskSettings } from './pool-task.js';
import type { EvaluateReply } from './worker.js';
import { inThreadEvaluator } from './in-thread-evaluator.js';
import { WorkSplitter, type SplitPlan } from './work-split.js';
import { checkMemoryLimit, defaultMemoryLimitMb } from './worker-limits.js';
import { checkWorkers, closeWorkerPool, createWorkerPool } from './worker-pool.js';

/** Options of {@link poolEvaluator}. */
export interface PoolEvaluatorOptions {
  /** Worker threads. */
  workers: number;
  /** Folder that relative paths in the problem spec resolve against. @defaultValue process.cwd() */
  baseDir?: string;
  /**
   * Per-evaluation time limit in seconds: a hung evaluation is ended by terminating its worker,
   * which is replaced, and the candidate is marked failed. Every evaluation then runs on a
   * worker. @defaultValue no limit
   */
  timeoutSeconds?: number;
  /**
   * Heap limit of each worker thread in MB; an evaluation going past it fails and its worker is
   * replaced. @defaultValue half of the machine's memory shared among the workers (512..4096)
   */
  memoryLimitMb?: number;
  /** Candidates per task; by default chosen from measured evaluation times. */
  chunkSize?: number;
  /**
   * Let the calling thread evaluate a share of cheap batches (below half a millisecond per
   * evaluation) while the workers evaluate the rest. @defaultValue true without a timeout
   */
  localShare?: boolean;
}

/** Evaluates candidates of `problem` (which must have a `spec`) on a pool of worker threads. */
export function poolEvaluator<X>(problem: Problem<X>, options: PoolEvaluatorOptions): Evaluator<X> {
  const workers = checkWorkers(options.workers);
  if (problem.spec === undefined) {
    throw new ParameterError(
      `problem ${problem.name} has no spec, so a worker thread cannot rebuild it; build it from a config block (buildProblem) or a module, or evaluate in this thread (workers: 1)`,
    );
  }
  const { timeoutSeconds, chunkSize } = options;
  if (timeoutSeconds !== undefined && !(typeof timeoutSeconds === 'number' && timeoutSeconds > 0)) {
    throw new ParameterError(
      `options.timeoutSeconds must be a number > 0 (got ${describeValue(timeoutSeconds)})`,
    );
  }
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    throw new ParameterError(
      `options.chunkSize must be an integer >= 1 (got ${describeValue(chunkSize)})`,
    );
  }
  const memoryLimitMb =
    options.memoryLimitMb === undefined
      ? defaultMemoryLimitMb(workers)
      : checkMemoryLimit(options.memoryLimitMb);
  const pool = createWorkerPool({ workers, memoryLimitMb });
  const settings: TaskSettings = {
    memoryLimitMb,
    pool,
    problem: problem.spec as ProblemConfig,
    baseDir: options.baseDir ?? process.cwd(),
    kind: problem.space.kind,
    timeoutSeconds,
  };
  const splitter = new WorkSplitter(workers, {
    ...(chunkSize === undefined ? {} : { chunkSize }),
    localShare: (options.localShare ?? true) && timeoutSeconds === undefined,
  });

  // The calling thread's share is sized to be short: it stays synchronous.
  const local = inThreadEvaluator(problem, { yielding: false });

  // A batch the calling thread takes whole stays synchronous, exactly as in-thread evaluation.
  const evaluate = (
    candidates: readonly X[],
    evaluateOptions: EvaluateOptions,
  ): BatchOutcome | Promise<BatchOutcome> => {
    const plan = splitter.plan(candidates.length);
    if (plan.local < candidates.length) return evaluateSplit(candidates, evaluateOptions, plan);
    const start = performance.now();
    const outcome = local.evaluate(candidates, evaluateOptions);
    if (isPromiseLike(outcome)) {
      splitter.disableLocal();
      return outcome;
    }
    const ms = performance.now() - start;
    splitter.learn([], { count: candidates.length, ms }, { count: 0, ms: 0 });
    return outcome;
  };

  const evaluateSplit = async (
    candidates: readonly X[],
    evaluateOptions: EvaluateOptions,
    plan: SplitPlan,
  ): Promise<BatchOutcome> => {
    const start = performance.now();
    const batch = new PoolBatch(candidates.length, evaluateOptions);
    const wantGradients = evaluateOptions.gradients === true;
    const signal = evaluateOptions.signal;
    const workerDurations: number[] = [];
    let remoteMs = 0;
    // One candidate per task: no more tasks in flight than threads, so that they start in
    // dispatch order (piscina's own queue reorders tasks that carry an abort signal).
    const order = dispatchOrder(problem, candidates, plan);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < order.length) {
        const first = order[next++] as number;
        const items = candidates.slice(first, first + plan.chunkSize);
        await runEvaluateTask(settings, items, wantGradients, signal).then(
          (reply) => {
            batch.settle(first, reply);
            workerDurations.push(...reply.durationsMs);
          },
          (error: unknown) =>
            retryOneByOne(settings, batch, first, items, wantGradients, signal, error),
        );
        remoteMs = performance.now() - start;
      }
    };
    const lanes = plan.chunkSize === 1 ? Math.min(workers, order.length) : order.length;
    const tasks = Array.from({ length: lanes }, lane);
    // The calling thread's share (the first candidates) runs while the workers are busy.
    let localMs = 0;
    if (plan.local > 0) {
      const localStart = performance.now();
      let share = local.evaluate(candidates.slice(0, plan.local), evaluateOptions);
      if (isPromiseLike(share)) {
        splitter.disableLocal();
        share = await share;
      }
      batch.absorb(share);
      localMs = performance.now() - localStart;
    }
    await Promise.all(tasks);
    splitter.learn(
      workerDurations,
      { count: plan.local, ms: localMs },
      { count: candidates.length - plan.local, ms: remoteMs },
    );
    return batch.outcome();
  };

  // The pool stays private: the public types name no piscina type.
  return {
    evaluate,
    close: () => closeWorkerPool(pool),
  };
}

// Where each task starts in the batch. One candidate per task: costliest first when the problem
// estimates costs (longest processing time first), so that the batch ends evenly.
function dispatchOrder<X>(
  problem: Problem<X>,
  candidates: readonly X[],
  plan: SplitPlan,
): number[] {
  const firsts: number[] = [];
  for (let first = plan.local; first < candidates.length; first += plan.chunkSize) {
    firsts.push(first);
  }
  return plan.chunkSize === 1 ? costliestFirst(problem, candidates, firsts) : firsts;
}

// A crash or a timeout takes a whole chunk down: its candidates run again one by one, so that
// only the culprit fails.
async function retryOneByOne(
  settings: TaskSettings,
  batch: PoolBatch,
  first: number,
  items: readonly unknown[],
  gradients: boolean,
  signal: AbortSignal | undefined,
  error: unknown,
): Promise<void> {
  const aborted = error instanceof TaskFailure && error.aborted;
  if (items.length === 1 || aborted) {
    const share = failureDuration(error) / items.length;
    for (let k = 0; k < items.length; k++) batch.fail(first + k, errorMessage(error), share);
    return;
  }
  await Promise.all(
    items.map((item, k) =>
      runEvaluateTask(settings, [item], gradients, signal).then(
        (reply) => batch.settle(first + k, reply),
        (single: unknown) => batch.fail(first + k, errorMessage(single), failureDuration(single)),
      ),
    ),
  );
}

function failureDuration(error: unknown): number {
  return error instanceof TaskFailure ? error.durationMs : 0;
}

// The outcome of one batch as results arrive.
class PoolBatch {
  private readonly values: number[];
  private readonly durations: number[];
  private readonly gradients: number[][] | undefined;
  private errors: (string | undefined)[] | undefined;
  private evaluations: (ObjectiveEvaluation | undefined)[] | undefined;

  constructor(
    size: number,
    private readonly options: EvaluateOptions,
  ) {
    this.values = new Array<number>(size).fill(NaN);
    this.durations = new Array<number>(size).fill(0);
    this.gradients = options.gradients === true ? new Array<number[]>(size).fill([]) : undefined;
  }

  settle(first: number, reply: EvaluateReply): void {
    for (let k = 0; k < reply.values.length; k++) {
      const i = first + k;
      this.values[i] = reply.values[k] as number;
      this.durations[i] = reply.durationsMs[k] as number;
      if (this.gradients !== undefined) this.gradients[i] = reply.gradients?.[k] ?? [];
      this.keepEvaluation(i, reply.evaluations?.[k]);
      const error = reply.errors?.[k];
      if (error !== undefined) this.fail(i, error, this.durations[i], reply.stacks?.[k]);
      else {
        const evaluation = this.evaluations?.[i];
        this.options.onResult?.(
          i,
          this.values[i],
          undefined,
          this.durations[i],
          undefined,
          evaluation,
        );
      }
    }
  }

  /** Takes the outcome of the first candidates, evaluated (and reported) in this thread. */
  absorb(share: BatchOutcome): void {
    for (let i = 0; i < share.values.length; i++) {
      this.values[i] = share.values[i] as number;
      this.durations[i] = share.durationsMs?.[i] ?? 0;
      if (this.gradients !== undefined) this.gradients[i] = share.gradients?.[i] ?? [];
      this.keepEvaluation(i, share.evaluations?.[i]);
      const error = share.errors?.[i];
      if (error !== undefined) {
        this.errors ??= new Array<string | undefined>(this.values.length);
        this.errors[i] = error;
      }
    }
  }

  private keepEvaluation(i: number, evaluation: ObjectiveEvaluation | undefined): void {
    if (evaluation === undefined) return;
    this.evaluations ??= new Array<ObjectiveEvaluation | undefined>(this.values.length);
    this.evaluations[i] = evaluation;
  }

  fail(i: number, message: string, durationMs: number, stack?: string): void {
    if (this.evaluations !== undefined) this.evaluations[i] = undefined;
    this.durations[i] = durationMs;
    this.errors ??= new Array<string | undefined>(this.values.length);
    this.errors[i] = message;
    this.values[i] = NaN;
    this.options.onResult?.(i, NaN, message, durationMs, stack);
  }

  outcome(): BatchOutcome {
    const outcome: BatchOutcome = { values: this.values, durationsMs: this.durations };
    if (this.errors !== undefined) outcome.errors = this.errors;
    if (this.gradients !== undefined) outcome.gradients = this.gradients;
    if (this.evaluations !== undefined) outcome.evaluations = this.evaluations;
    return outcome;
  }
}
