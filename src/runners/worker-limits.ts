// How many worker threads and how much heap each gets: never more threads than can be busy,
// a cap relative to the CPUs, and a default heap limit that shares half of the machine's memory.
import { cpus, totalmem } from 'node:os';
import { ParameterError, describeValue } from '../core/errors.js';
import { MAX_MEMORY_LIMIT_MB } from '../config/schema-parts.js';

/** The number of logical CPUs, for a default worker count. */
export function availableCpus(): number {
  return Math.max(1, cpus().length);
}

/** Threads per CPU past which more threads only add start-up cost and memory. */
export const THREADS_PER_CPU = 4;

/** A worker count as planned, and a notice when the request was lowered. */
export interface WorkerPlan {
  workers: number;
  /** Why fewer threads than asked are started (for a notice), when they are. */
  notice?: string;
}

/**
 * The threads worth starting for `requested`: at most `tasks` (evaluations or runs that can be
 * in flight at once) and at most {@link THREADS_PER_CPU} per CPU.
 */
export function plannedWorkers(
  requested: number,
  tasks: number = Infinity,
  cpuCount: number = availableCpus(),
): WorkerPlan {
  const cap = THREADS_PER_CPU * cpuCount;
  const workers = Math.max(1, Math.min(requested, tasks, cap));
  if (workers === requested) return { workers };
  const reason =
    workers === Math.max(1, tasks) && tasks <= cap
      ? `only ${tasks} can run at once`
      : `at most ${THREADS_PER_CPU} per CPU (${cpuCount} CPUs)`;
  return {
    workers,
    notice: `using ${workers} worker threads instead of ${requested}: ${reason}`,
  };
}

/** The least heap a worker gets by default (MB): kiln's trainer problems need about 200. */
const MIN_DEFAULT_MB = 512;
/** The most heap a worker gets by default (MB); `memoryLimitMb` may set more. */
const MAX_DEFAULT_MB = 4096;

/**
 * The default heap limit of each of `workers` threads: half of the machine's memory shared
 * among them, between 512 and 4096 MB.
 */
export function defaultMemoryLimitMb(workers: number, totalBytes: number = totalmem()): number {
  const share = Math.floor(totalBytes / 2 / 2 ** 20 / Math.max(1, workers));
  return Math.min(MAX_DEFAULT_MB, Math.max(MIN_DEFAULT_MB, share));
}

/** Checks a memory limit from options. */
export function checkMemoryLimit(value: unknown, where = 'options.memoryLimitMb'): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 64 ||
    value > MAX_MEMORY_LIMIT_MB
  ) {
    throw new ParameterError(
      `${where} must be an integer from 64 to ${MAX_MEMORY_LIMIT_MB} (MB) (got ${describeValue(value)})`,
    );
  }
  return value;
}

/** The message a worker posts once kiln's worker entry and its imports are loaded. */
export const WORKER_LOADED = 'kiln-worker-loaded';
