// What travels through the queue: the tasks a worker runs (an evaluation of candidates, or a
// whole batch run) and their replies, as JSON text that keeps NaN and Infinity.
import { parseState, stringifyState } from '../core/json.js';
import type { SpaceKind } from '../core/space.js';
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import type { RunReply, RunTask } from '../runners/batch/run-task.js';
import type { JobIdentity } from './queue-identity.js';

/** Evaluate candidates of a problem (one trial of a study, or a batch of `minimize`). */
export interface RemoteEvaluateTask {
  kind: 'evaluate';
  problem: Record<string, unknown>;
  /** Folder of relative paths, relative to the worker's root (absolute when outside). */
  baseDir: string;
  space: SpaceKind;
  candidates: unknown[];
  gradients: boolean;
  timeoutSeconds?: number;
  /** A study's 1-based trial number: the objective receives a `trial`. */
  trial?: number;
  /** The list a trial posts its pruning questions to (the study has a pruner). */
  pruning?: string;
}

/** One run of a batch (its baseDir relative to the worker's root, as above). */
export interface RemoteRunTask {
  kind: 'run';
  task: RunTask;
}

/** Every task a queue worker accepts. */
export type RemoteTask = RemoteEvaluateTask | RemoteRunTask;

/** The reply to a {@link RemoteEvaluateTask}, position by position. */
export interface RemoteEvaluateReply {
  values: number[];
  errors?: (string | null)[];
  /** The stacks of the errors the objective threw (its own frames). */
  stacks?: (string | null)[];
  durationsMs: number[];
  gradients?: number[][];
  /** Multi-objective problems: each successful position's objective values and violation. */
  evaluations?: (ObjectiveEvaluation | null)[];
  reports?: [number, number][];
  /** The steps at which a trial asked whether to stop (the study replays its answers). */
  asked?: number[];
  pruned?: boolean;
}

/** Where a reply was computed. */
export interface RemoteOrigin {
  host: string;
  pid: number;
}

/** The data of a job: who sent it and the task as JSON text. */
export interface JobData extends JobIdentity {
  task: string;
}

/** Encodes a task as job data. */
export function encodeTask(identity: JobIdentity, task: RemoteTask): JobData {
  return { ...identity, task: stringifyState(task) };
}

/** Decodes the task of a job's data. */
export function decodeTask(data: JobData): RemoteTask {
  return parseState<RemoteTask>(data.task);
}

/** Encodes a reply (a job's return value). */
export function encodeReply(reply: (RemoteEvaluateReply | RunReply) & RemoteOrigin): string {
  return stringifyState(reply);
}

/** Decodes a job's return value. */
export function decodeReply<R extends RemoteEvaluateReply | RunReply>(
  text: unknown,
): R & RemoteOrigin {
  return parseState<R & RemoteOrigin>(String(text));
}
