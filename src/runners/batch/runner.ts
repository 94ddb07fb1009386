// runBatch(): every (problem, solver variant, seed) run of a batch config on the worker pool,
// one run per task, each finished run appended to the journal at once. Running it again on the
// same output folder resumes: finished runs are skipped, runs that were in flight run again.
import { join, resolve } from 'node:path';
import { validateBatchConfig, type BatchConfig } from '../../config/batch-config.js';
import { ParameterError } from '../../core/errors.js';
import { prepareOutputFolder } from '../output-folder.js';
import { refuseOtherOutput } from '../output-kind.js';
import { acquireOutputLock } from '../output-lock.js';
import { describeCrash } from '../pool-task.js';
import { checkMemoryLimit, defaultMemoryLimitMb } from '../worker-limits.js';
import {
  availableCpus,
  checkWorkers,
  closeWorkerPool,
  createWorkerPool,
  plannedWorkers,
} from '../worker-pool.js';
import { expandGrid, gridRuns, runCount, type GridRun } from './grid.js';
import { JournalWriter, readJournal, type JournalRecord, type WarningHandler } from './journal.js';
import {
  JOURNAL_FILE,
  checkBatchFolder,
  writeBatchInfo,
  writeReport,
  type BatchReport,
} from './output-folder.js';
import { runOnPool } from './pool-run.js';
import type { RunReply, RunTask } from './run-task.js';

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** Output folder (journal and summary); overrides `config.output`. */
  output?: string;
  /** Folder that relative paths in the config resolve against. @defaultValue process.cwd() */
  baseDir?: string;
  /** Worker threads, one run each at a time; overrides `config.workers`. @defaultValue the CPUs */
  workers?: number;
  /** Run again the runs the journal records as failed. @defaultValue false */
  retryFailed?: boolean;
  /** Stops dispatching runs and abandons those in flight (they run again on resume). */
  signal?: AbortSignal;
  /** Called after each finished run. */
  onProgress?: (progress: BatchProgress) => void;
  /** Called with each warning (a corrupted journal line...), once per message. */
  onWarning?: WarningHandler;
  /** Name of the config in error messages. @defaultValue "batch config" */
  source?: string;
  /** Heap limit of each worker thread in MB; overrides `config.memoryLimitMb`. */
  memoryLimitMb?: number;
  /** Called with notices (fewer worker threads than asked...). */
  onNotice?: (message: string) => void;
  /** Runs elsewhere (queue workers) instead of on this process's threads. */
  remote?: RemoteRuns;
}

/** Where runs go instead of the thread pool: a queue of remote workers. */
export interface RemoteRuns {
  /** Runs sent at once. */
  window: number;
  /** Runs `task` (run `key`) under its `timeoutSeconds`; rejects when `signal` aborts it. */
  run(key: string, task: RunTask, signal: AbortSignal): Promise<RunReply>;
}

/** Where a batch stands, as passed to `onProgress`. */
export interface BatchProgress {
  /** Runs in the grid. */
  runs: number;
  /** Runs found finished in the journal at the start. */
  skipped: number;
  /** Runs this invocation finished, with a result or failed. */
  completed: number;
  failed: number;
  /** Runs this invocation has to do. */
  toDo: number;
  elapsedMs: number;
  /** The run that just finished. */
  last: JournalRecord;
}

/** The outcome of {@link runBatch}: the counts of this invocation and the summary. */
export interface BatchResult extends BatchReport {
  /** Runs this invocation finished with a result. */
  completed: number;
  /** Runs this invocation recorded as failed (they could not run). */
  failed: number;
  /** Runs already finished when the batch started (resuming). */
  skipped: number;
  /** Runs left to do (the batch was interrupted). */
  pending: number;
  interrupted: boolean;
  /** The output folder (absolute). */
  output: string;
  elapsedMs: number;
}

/** Keys of the runs the journal records as finished (failed ones too unless retried). */
async function finishedKeys(
  path: string,
  retryFailed: boolean,
  onWarning: WarningHandler,
): Promise<Set<string>> {
  const done = new Set<string>();
  for await (const record of readJournal(path, onWarning))
    if (record.status === 'ok' || !retryFailed) done.add(record.key);
  return done;
}

function taskOf(
  run: GridRun,
  baseDir: string,
  tracePoints: number,
  stopAtTarget: boolean,
  timeoutSeconds: number | undefined,
): RunTask {
  return {
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    kind: 'run',
    problem: run.problem.block,
    baseDir,
    solver: run.solver.type,
    params: run.solver.params,
    budget: run.problem.budget,
    seed: run.seed,
    target: run.problem.target,
    ...(run.problem.referencePoint === undefined
      ? {}
      : { referencePoint: run.problem.referencePoint }),
    stopAtTarget,
    tracePoints,
  };
}

/**
 * Runs a batch config: validates it, expands the grid, skips the runs its output folder's
 * journal already holds, runs the others on a pool of worker threads, and writes the summary
 * (summary.csv, summary.json, summary.md, plots/). Rejects on an invalid config.
 */
export async function runBatch(
  config: BatchConfig,
  options: RunBatchOptions = {},
): Promise<BatchResult> {
  const start = performance.now();
  const source = options.source ?? 'batch config';
  const valid = validateBatchConfig(config, source);
  const grid = expandGrid(valid, source);
  const folder = options.output ?? valid.output;
  if (folder === undefined)
    throw new ParameterError(
      'runBatch: options.output or config.output must name the output folder',
    );
  const output = resolve(folder);
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const seenWarnings = new Set<string>();
  const warn: WarningHandler = (message) => {
    if (seenWarnings.has(message)) return;
    seenWarnings.add(message);
    options.onWarning?.(message);
  };
  checkBatchFolder(output);
  refuseOtherOutput(output, 'batch');
  prepareOutputFolder(output);
  const lock = acquireOutputLock(output, warn);
  try {
    return await runLocked(valid, grid, output, baseDir, options, warn, start);
  } finally {
    lock.release();
  }
}

// The batch proper, while this process holds the output folder's lock.
async function runLocked(
  valid: BatchConfig,
  grid: ReturnType<typeof expandGrid>,
  output: string,
  baseDir: string,
  options: RunBatchOptions,
  warn: WarningHandler,
  start: number,
): Promise<BatchResult> {
  writeBatchInfo(output, { config: valid, baseDir });
  const journalPath = join(output, JOURNAL_FILE);
  const journal = new JournalWriter(journalPath, warn);
  const runs = runCount(grid);
  let skipped = 0;
  let completed = 0;
  let failed = 0;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) controller.abort();
  try {
    const done = await finishedKeys(journalPath, options.retryFailed ?? false, warn);
    for (const run of gridRuns(grid)) if (done.has(run.key)) skipped++;
    const toDo = runs - skipped;
    const remote = options.remote;
    const plan =
      remote === undefined
        ? plannedWorkers(
            checkWorkers(options.workers ?? valid.workers ?? availableCpus(), 'workers'),
            Math.max(1, toDo),
          )
        : { workers: Math.min(remote.window, Math.max(1, toDo)), notice: undefined };
    const workers = plan.workers;
    // Fewer runs than threads is the common end of a resumed batch: no notice for that.
    if (plan.notice !== undefined && toDo >= workers) options.onNotice?.(plan.notice);
    const timeoutSeconds = valid.timeoutSeconds;
    const memoryLimitMb = checkMemoryLimit(
      options.memoryLimitMb ?? valid.memoryLimitMb ?? defaultMemoryLimitMb(workers),
      'memoryLimitMb',
    );
    if (toDo > 0 && !controller.signal.aborted) {
      const pool = remote === undefined ? createWorkerPool({ workers, memoryLimitMb }) : undefined;
      const record = (run: GridRun, reply: RunReply): void => {
        const entry: JournalRecord = {
          key: run.key,
          problem: run.problem.label,
          solver: run.solver.label,
          seed: run.seed,
          status: reply.status,
          ...(reply.status === 'ok' ? { outcome: reply.outcome } : { error: reply.error }),
          finishedAt: new Date().toISOString(),
        };
        journal.append(entry);
        if (reply.status === 'ok') completed++;
        else failed++;
        options.onProgress?.({
          runs,
          skipped,
          completed,
          failed,
          toDo,
          elapsedMs: performance.now() - start,
          last: entry,
        });
      };
      const execute = async (run: GridRun): Promise<void> => {
        const task = taskOf(run, baseDir, grid.tracePoints, grid.stopAtTarget, timeoutSeconds);
        let reply: RunReply;
        try {
          reply =
            pool === undefined
              ? await (remote as RemoteRuns).run(run.key, task, controller.signal)
              : await runOnPool(pool, task, { memoryLimitMb, signal: controller.signal });
        } catch (error) {
          // An abandoned run is not finished: it runs again when the batch resumes.
          if (controller.signal.aborted) return;
          reply = { status: 'failed', error: describeCrash(error, memoryLimitMb) };
        }
        record(run, reply);
      };
      const inFlight = new Set<Promise<void>>();
      try {
        for (const run of gridRuns(grid)) {
          if (controller.signal.aborted) break;
          if (done.has(run.key)) continue;
          while (inFlight.size >= workers) await Promise.race(inFlight);
          if (controller.signal.aborted) break;
          const task: Promise<void> = execute(run).finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
        await Promise.all(inFlight);
      } finally {
        if (pool !== undefined) await closeWorkerPool(pool);
      }
    }
  } finally {
    journal.close();
    options.signal?.removeEventListener('abort', onAbort);
  }
  const report = await writeReport(output, valid, warn);
  return {
    ...report,
    completed,
    failed,
    skipped,
    pending: runs - skipped - completed - failed,
    interrupted: controller.signal.aborted,
    output,
    elapsedMs: performance.now() - start,
  };
}
