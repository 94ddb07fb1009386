// A queue job on the worker's thread pool: paths mapped to the worker's root (and checked), the
// evaluation or batch run done on a thread, crashes and timeouts turned into failed positions
// with the same messages as local evaluation (journals must not depend on where work ran).
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { errorMessage } from '../core/errors.js';
import type { ProblemConfig } from '../config/run-config.js';
import { runOnPool } from '../runners/batch/pool-run.js';
import type { RunReply } from '../runners/batch/run-task.js';
import { runEvaluateTask } from '../runners/pool-task.js';
import type { TrialMessage } from '../runners/trial-channel.js';
import type { PruningQuestion } from './pruning-questions.js';
import type { RemoteEvaluateReply, RemoteEvaluateTask, RemoteTask } from './queue-task.js';
import { checkProblemPaths, workerPath } from './worker-root.js';

/** Where a job runs. */
export interface RemoteTaskContext {
  /** The worker's --root. */
  root: string;
  host: string;
  /** The heap limit of each worker thread in MB. */
  memoryLimitMb: number;
  /** The job's id (names its pruning questions). */
  job: string;
  /** Asks the coordinator whether a trial stops (undefined: no answer came). */
  ask?: (key: string, question: Omit<PruningQuestion, 'answer'>) => Promise<boolean | undefined>;
}

/** Runs a decoded job on `pool`; a QueueError refuses it (a path outside `root`). */
export async function runRemoteTask(
  pool: Piscina,
  task: RemoteTask,
  context: RemoteTaskContext,
): Promise<RemoteEvaluateReply | RunReply> {
  const { root, host, memoryLimitMb } = context;
  if (task.kind === 'run') {
    const baseDir = workerPath(task.task.baseDir, root, host);
    checkProblemPaths(task.task.problem, baseDir, root, host);
    return runOnPool(pool, { ...task.task, baseDir }, { memoryLimitMb });
  }
  const baseDir = workerPath(task.baseDir, root, host);
  checkProblemPaths(task.problem, baseDir, root, host);
  return evaluate(pool, task, baseDir, context);
}

async function evaluate(
  pool: Piscina,
  task: RemoteEvaluateTask,
  baseDir: string,
  context: RemoteTaskContext,
): Promise<RemoteEvaluateReply> {
  const settings = {
    pool,
    problem: task.problem as unknown as ProblemConfig,
    baseDir,
    kind: task.space,
    timeoutSeconds: task.timeoutSeconds,
    memoryLimitMb: context.memoryLimitMb,
  };
  // A trial's pruning questions go to the coordinator (pruning-questions.ts); its reports and the
  // steps where it asked also come back with the reply, and the study replays its pruner over
  // them (see study-remote-trial.ts), so that an unanswered question changes nothing.
  const channel = task.trial === undefined ? undefined : new MessageChannel();
  const asked: number[] = [];
  const reports: [number, number][] = [];
  let answering = task.pruning !== undefined && context.ask !== undefined;
  const answer = async (step: number): Promise<boolean> => {
    if (!answering || task.pruning === undefined || context.ask === undefined) return false;
    const prune = await context
      .ask(task.pruning, { job: context.job, step, reports })
      .catch(() => undefined);
    // No answer: the coordinator is gone or swamped; the trial goes on without asking again.
    if (prune === undefined) answering = false;
    return prune === true;
  };
  channel?.port1.on('message', (message: TrialMessage) => {
    if (message.type === 'report') {
      reports.push([message.step, message.value]);
      return;
    }
    asked.push(message.step);
    void answer(message.step).then((prune) => channel.port1.postMessage({ id: message.id, prune }));
  });
  const trial =
    channel === undefined || task.trial === undefined
      ? undefined
      : { number: task.trial, port: channel.port2, pruning: true };
  try {
    const reply = await runEvaluateTask(
      settings,
      task.candidates,
      task.gradients,
      undefined,
      trial,
    );
    const result: RemoteEvaluateReply = {
      values: Array.from(reply.values),
      durationsMs: Array.from(reply.durationsMs),
    };
    if (reply.errors !== undefined) result.errors = Array.from(reply.errors, (e) => e ?? null);
    if (reply.stacks !== undefined) result.stacks = Array.from(reply.stacks, (e) => e ?? null);
    if (reply.gradients !== undefined) result.gradients = reply.gradients;
    if (reply.evaluations !== undefined)
      result.evaluations = Array.from(reply.evaluations, (e) => e ?? null);
    if (reply.reports !== undefined) result.reports = reply.reports;
    if (reply.pruned !== undefined) result.pruned = reply.pruned;
    if (trial !== undefined) result.asked = asked;
    return result;
  } catch (error) {
    // The task did not return (timeout, crash): every position fails with what happened.
    const size = task.candidates.length;
    return {
      values: new Array<number>(size).fill(NaN),
      errors: new Array<string>(size).fill(errorMessage(error)),
      durationsMs: new Array<number>(size).fill(0),
    };
  } finally {
    channel?.port1.close();
  }
}
