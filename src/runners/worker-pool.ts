// The piscina pool behind parallel evaluation and batch runs: one place that knows where the
// worker entry lives (dist/ when built, src/ through the tsx loader in tests), how to start it
// (with a heap limit per thread), and how to tear it down safely.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ParameterError, describeValue } from '../core/errors.js';
import { WORKER_LOADED, checkMemoryLimit, defaultMemoryLimitMb } from './worker-limits.js';

export { availableCpus, plannedWorkers, type WorkerPlan } from './worker-limits.js';
export { defaultMemoryLimitMb } from './worker-limits.js';

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of worker threads. */
  workers: number;
  /**
   * Limit of each thread's JavaScript heap in MB: an evaluation going past it ends its worker
   * (which is replaced) and fails. @defaultValue {@link defaultMemoryLimitMb}
   */
  memoryLimitMb?: number;
}

/** True when this module runs from TypeScript sources (tests, tsx) rather than dist/. */
function runningFromSources(): boolean {
  return import.meta.url.endsWith('.ts');
}

/** The worker entry file next to this module, and the loader it needs. */
export function workerEntry(): { filename: string; execArgv: string[] } {
  const fromSources = runningFromSources();
  const filename = fileURLToPath(
    new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url),
  );
  // The loader is resolved from here, not from the working directory of the process.
  return { filename, execArgv: fromSources ? ['--import', import.meta.resolve('tsx')] : [] };
}

/** Checks a worker count from options or a config. */
export function checkWorkers(workers: unknown, where = 'options.workers'): number {
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1) {
    throw new ParameterError(`${where} must be an integer >= 1 (got ${describeValue(workers)})`);
  }
  return workers;
}

// Thread ids of the workers of each pool that finished loading their modules.
const loadedThreads = new WeakMap<Piscina, Set<number>>();

/** A pool of exactly `workers` threads running kiln's worker entry. */
export function createWorkerPool(options: WorkerPoolOptions): Piscina {
  const workers = checkWorkers(options.workers);
  const memoryLimitMb =
    options.memoryLimitMb === undefined
      ? defaultMemoryLimitMb(workers)
      : checkMemoryLimit(options.memoryLimitMb);
  const { filename, execArgv } = workerEntry();
  const pool = new Piscina({
    filename,
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), ...execArgv],
    minThreads: workers,
    maxThreads: workers,
    // Threads stay up for the whole run: starting one costs tens of milliseconds.
    idleTimeout: 60_000,
    concurrentTasksPerWorker: 1,
    // No run and wait time histograms: nothing reads them, and each task would pay for them.
    recordTiming: false,
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
  });
  const loaded = new Set<number>();
  loadedThreads.set(pool, loaded);
  pool.on('message', (message: unknown) => {
    const record = message as { kind?: unknown; threadId?: unknown } | null;
    if (record?.kind === WORKER_LOADED && typeof record.threadId === 'number')
      loaded.add(record.threadId);
  });
  return pool;
}

// How long teardown waits for threads still loading their modules.
const LOAD_WAIT_MS = 20_000;

/**
 * Destroys a pool once none of its threads is still loading modules: terminating a worker in
 * the middle of loading ES modules can abort the whole process (a V8 fatal error).
 */
export async function closeWorkerPool(pool: Piscina): Promise<void> {
  const loaded = loadedThreads.get(pool);
  if (loaded !== undefined) {
    const start = performance.now();
    const loading = (): boolean =>
      pool.threads.some((thread) => thread.threadId >= 0 && !loaded.has(thread.threadId));
    while (loading() && performance.now() - start < LOAD_WAIT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  await pool.destroy();
}
