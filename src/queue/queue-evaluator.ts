// An Evaluator whose candidates are evaluated by `kiln worker` processes through the queue: each
// candidate is a job named after the run, the batch and the position, so that a resumed run
// reuses jobs queued or finished meanwhile; results are placed by position, whatever order they
// arrive in, so a run is the same on any number of machines.
import { randomUUID } from 'node:crypto';
import { ParameterError, describeValue, errorMessage } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import type { BatchOutcome, EvaluateOptions, Evaluator } from '../runners/evaluator.js';
import { costliestFirst } from '../runners/costliest-first.js';
import { parseQueueAddress, type QueueAddress } from './queue-address.js';
import { JobLost, QueueClient } from './queue-client.js';
import { PruningAnswerer, pruningKey } from './pruning-questions.js';
import type { RemoteEvaluateReply } from './queue-task.js';
import { jobPath, portableProblem } from './worker-root.js';

/** Options of {@link queueEvaluator}. */
export interface QueueEvaluatorOptions {
  /** The queue: `redis://[user:password@]host[:port][/db]` or `rediss://...`. */
  queue: string | QueueAddress;
  /**
   * Names this run's jobs; the same id after a crash collects the jobs of the first attempt.
   * @defaultValue a new random UUID
   */
  runId?: string;
  /** Folder that relative paths of the problem spec resolve against. @defaultValue process.cwd() */
  baseDir?: string;
  /** Folder that `baseDir` is named relative to (workers resolve it against their `--root`). @defaultValue process.cwd() */
  root?: string;
  /** Per-evaluation time limit in seconds, enforced on the worker. @defaultValue no limit */
  timeoutSeconds?: number;
}

/** A queue evaluator, with what it saw. */
export interface QueueEvaluator<X> extends Evaluator<X> {
  /** The id its jobs are named after. */
  readonly runId: string;
  /** Distinct worker processes that returned results. */
  readonly workersSeen: number;
}

/**
 * Evaluates candidates of `problem` (which must have a `spec`) on queue workers. Connects on the
 * first evaluation; an unreachable queue rejects that evaluation with a QueueError.
 */
export function queueEvaluator<X>(
  problem: Problem<X>,
  options: QueueEvaluatorOptions,
): QueueEvaluator<X> {
  if (problem.spec === undefined) {
    throw new ParameterError(
      `problem ${problem.name} has no spec, so a queue worker cannot rebuild it; build it from a config block (buildProblem) or a module`,
    );
  }
  const { timeoutSeconds } = options;
  if (timeoutSeconds !== undefined && !(typeof timeoutSeconds === 'number' && timeoutSeconds > 0)) {
    throw new ParameterError(
      `options.timeoutSeconds must be a number > 0 (got ${describeValue(timeoutSeconds)})`,
    );
  }
  const address =
    typeof options.queue === 'string'
      ? parseQueueAddress(options.queue, 'options.queue')
      : options.queue;
  const runId = options.runId ?? randomUUID();
  const root = options.root ?? process.cwd();
  const spec = portableProblem(problem.spec, options.baseDir ?? process.cwd(), root) as Record<
    string,
    unknown
  >;
  const baseDir = jobPath(options.baseDir ?? process.cwd(), root);
  let client: Promise<QueueClient> | undefined;
  let opened: QueueClient | undefined;
  let answerer: Promise<PruningAnswerer> | undefined;
  let nextBatch = 0;

  const evaluateOne = async (
    queue: QueueClient,
    candidate: X,
    batch: number,
    index: number,
    evaluateOptions: EvaluateOptions,
  ): Promise<RemoteEvaluateReply> => {
    const id = QueueClient.jobId(runId, batch, index);
    const { shouldPrune, trial } = evaluateOptions;
    let pruning: PruningAnswerer | undefined;
    let unregister: (() => void) | undefined;
    if (shouldPrune !== undefined && trial !== undefined) {
      answerer ??= PruningAnswerer.open(address, pruningKey(runId));
      pruning = await answerer;
      unregister = pruning.register(id, shouldPrune);
    }
    try {
      return await queue.run<RemoteEvaluateReply>(
        id,
        {
          kind: 'evaluate',
          problem: spec,
          baseDir,
          space: problem.space.kind,
          candidates: [candidate],
          gradients: evaluateOptions.gradients === true,
          ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
          ...(trial === undefined ? {} : { trial }),
          ...(pruning === undefined ? {} : { pruning: pruning.key }),
        },
        evaluateOptions.signal,
      );
    } catch (error) {
      if (!(error instanceof JobLost)) throw error;
      return { values: [NaN], errors: [errorMessage(error)], durationsMs: [0] };
    } finally {
      unregister?.();
    }
  };

  const evaluate = async (
    candidates: readonly X[],
    evaluateOptions: EvaluateOptions,
  ): Promise<BatchOutcome> => {
    client ??= QueueClient.open(address);
    const queue = await client;
    opened = queue;
    const batch = evaluateOptions.batch ?? nextBatch;
    nextBatch = batch + 1;
    const values = new Array<number>(candidates.length).fill(NaN);
    const durationsMs = new Array<number>(candidates.length).fill(0);
    const gradients =
      evaluateOptions.gradients === true ? candidates.map(() => [] as number[]) : undefined;
    let errors: (string | undefined)[] | undefined;
    const outcome: BatchOutcome = { values, durationsMs };
    // Jobs are taken in the order they are added: the costliest first, so the batch ends evenly.
    const order = costliestFirst(
      problem,
      candidates,
      candidates.map((_, i) => i),
    );
    await Promise.all(
      order.map(async (i) => {
        const candidate = candidates[i] as X;
        const index = evaluateOptions.indices?.[i] ?? i;
        const reply = await evaluateOne(queue, candidate, batch, index, evaluateOptions);
        values[i] = reply.values[0] as number;
        durationsMs[i] = reply.durationsMs[0] ?? 0;
        if (gradients !== undefined) gradients[i] = reply.gradients?.[0] ?? [];
        const evaluation = reply.evaluations?.[0] ?? undefined;
        if (evaluation !== undefined) {
          outcome.evaluations ??= new Array<ObjectiveEvaluation | undefined>(candidates.length);
          outcome.evaluations[i] = evaluation;
        }
        const error = reply.errors?.[0] ?? undefined;
        if (error !== undefined) {
          errors ??= new Array<string | undefined>(candidates.length);
          errors[i] = error;
        }
        if (evaluateOptions.trial !== undefined) {
          outcome.trial = {
            reports: reply.reports ?? [],
            asked: reply.asked ?? [],
            pruned: reply.pruned === true,
            ...(reply.stacks?.[0] == null ? {} : { stack: reply.stacks[0] }),
          };
        }
        const stack = reply.stacks?.[0] ?? undefined;
        evaluateOptions.onResult?.(
          i,
          error === undefined ? values[i] : NaN,
          error,
          durationsMs[i],
          stack,
          evaluation,
        );
      }),
    );
    if (errors !== undefined) outcome.errors = errors;
    if (gradients !== undefined) outcome.gradients = gradients;
    return outcome;
  };

  return {
    runId,
    get workersSeen() {
      return opened?.workersSeen.size ?? 0;
    },
    evaluate,
    close: async () => {
      if (answerer !== undefined) await (await answerer.catch(() => undefined))?.close();
      if (client !== undefined) await (await client.catch(() => undefined))?.close();
    },
  };
}
