// Entry of kiln's worker threads: rebuilds each problem once per thread from its spec and
// evaluates chunks of candidates, catching the objective's own errors per candidate.
import { parentPort, threadId, type MessagePort } from 'node:worker_threads';
import { errorMessage } from '../core/errors.js';
import { isTrialPruned } from '../core/trial.js';
import type { Problem } from '../core/problem.js';
import type { ProblemConfig } from '../config/run-config.js';
import type { ModuleProblemConfig } from '../problems/user-module.js';
import { buildProblem } from '../problems/build.js';
import { unpackCandidates, type PackedCandidates } from './candidate-packing.js';
import { errorStack, isPromiseLike } from './evaluator.js';
import { callObjective, settleObjective } from './objective-call.js';
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import { handleRunTask, type RunTask } from './batch/run-task.js';
import { remoteTrial, type TrialTask } from './trial-channel.js';
import { WORKER_LOADED } from './worker-limits.js';

// Tells the pool that this thread has loaded its modules and may be terminated safely.
parentPort?.postMessage({ kind: WORKER_LOADED, threadId });

/** Evaluate a chunk of candidates of the problem described by `problem`. */
export interface EvaluateTask {
  kind: 'evaluate';
  problem: ProblemConfig | ModuleProblemConfig;
  /** Folder that relative paths in `problem` resolve against. */
  baseDir: string;
  candidates: PackedCandidates;
  gradients: boolean;
  /** When set, the worker posts a message on it as evaluation starts (per-evaluation timeouts). */
  started?: MessagePort;
  /** A study's trial (one candidate): the objective receives it as its second argument. */
  trial?: TrialTask;
}

/** The answer to an {@link EvaluateTask}, position by position. */
export interface EvaluateReply {
  values: Float64Array;
  errors?: (string | undefined)[];
  /** The stacks of the errors the objective threw, where it threw one. */
  stacks?: (string | undefined)[];
  /** Multi-objective problems: the evaluation of each successful candidate. */
  evaluations?: (ObjectiveEvaluation | undefined)[];
  /** Per-candidate wall time; for chunks of more than a few, the chunk's mean. */
  durationsMs: Float64Array;
  gradients?: number[][];
  /** With a trial: its reports as [step, value] pairs, and whether it ended as pruned. */
  reports?: [number, number][];
  pruned?: boolean;
}

/** Every task a worker accepts: a chunk to evaluate, or a whole batch run. */
export type WorkerTask = EvaluateTask | RunTask;

const problems = new Map<string, Promise<Problem<unknown>>>();

function problemFor(
  spec: ProblemConfig | ModuleProblemConfig,
  baseDir: string,
): Promise<Problem<unknown>> {
  const key = `${baseDir}\u0000${JSON.stringify(spec)}`;
  let problem = problems.get(key);
  if (problem === undefined) {
    problem = buildProblem(spec, { baseDir });
    problems.set(key, problem);
    // A spec that fails to build must not poison the cache for a corrected retry.
    problem.catch(() => problems.delete(key));
  }
  return problem;
}

// Chunks up to this size time each candidate; longer chunks report their mean.
const TIMED_CHUNK = 8;

async function evaluateChunk(task: EvaluateTask): Promise<EvaluateReply> {
  const problem = await problemFor(task.problem, task.baseDir);
  task.started?.postMessage('start');
  task.started?.close();
  const candidates = unpackCandidates(task.candidates);
  const n = candidates.length;
  const values = new Float64Array(n);
  const durationsMs = new Float64Array(n);
  let errors: (string | undefined)[] | undefined;
  let stacks: (string | undefined)[] | undefined;
  let evaluations: (ObjectiveEvaluation | undefined)[] | undefined;
  const timeEach = n <= TIMED_CHUNK;
  const chunkStart = performance.now();
  const trial = task.trial === undefined ? undefined : remoteTrial(task.trial);
  let pruned = false;
  for (let i = 0; i < n; i++) {
    const start = timeEach ? performance.now() : 0;
    try {
      const called = callObjective(problem, candidates[i], trial);
      const outcome = settleObjective(problem, isPromiseLike(called) ? await called : called);
      if (typeof outcome === 'string') throw new Error(outcome);
      values[i] = outcome.value;
      if (outcome.evaluation !== undefined) {
        evaluations ??= new Array<ObjectiveEvaluation | undefined>(n);
        evaluations[i] = outcome.evaluation;
      }
    } catch (error) {
      values[i] = NaN;
      if (trial !== undefined && isTrialPruned(error)) {
        pruned = true;
      } else {
        errors ??= new Array<string | undefined>(n);
        errors[i] = errorMessage(error);
        const stack = errorStack(error);
        if (stack !== undefined) {
          stacks ??= new Array<string | undefined>(n);
          stacks[i] = stack;
        }
      }
    }
    if (timeEach) durationsMs[i] = performance.now() - start;
  }
  if (!timeEach) durationsMs.fill((performance.now() - chunkStart) / n);
  const reply: EvaluateReply = { values, durationsMs };
  if (errors !== undefined) reply.errors = errors;
  if (stacks !== undefined) reply.stacks = stacks;
  if (evaluations !== undefined) reply.evaluations = evaluations;
  if (trial !== undefined) {
    reply.reports = trial.reports;
    reply.pruned = pruned;
    task.trial?.port.close();
  }
  if (task.gradients) {
    reply.gradients = candidates.map((x, i) => {
      if (problem.gradient === undefined || !Number.isFinite(values[i])) return [];
      try {
        return problem.gradient(x);
      } catch (error) {
        errors ??= new Array<string | undefined>(n);
        errors[i] = errorMessage(error);
        reply.errors = errors;
        return [];
      }
    });
  }
  return reply;
}

/** The worker's task handler (piscina calls the default export). */
export default async function handleTask(task: WorkerTask): Promise<unknown> {
  switch (task.kind) {
    case 'evaluate':
      return evaluateChunk(task);
    case 'run':
      return handleRunTask(task);
    default:
      throw new Error(
        `unknown worker task kind ${JSON.stringify((task as { kind?: unknown }).kind)}`,
      );
  }
}
