// The piscina pool behind parallel evaluation and batch runs: one place that knows where the
// worker entry lives (dist/ when built, src/ through the tsx loader in tests) and how to start it.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ParameterError, describeValue } from '../core/errors.js';

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of worker threads. */
  workers: number;
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

/** A pool of exactly `workers` threads running kiln's worker entry. */
export function createWorkerPool(options: WorkerPoolOptions): Piscina {
  const workers = checkWorkers(options.workers);
  const { filename, execArgv } = workerEntry();
  return new Piscina({
    filename,
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), ...execArgv],
    minThreads: workers,
    maxThreads: workers,
    // Threads stay up for the whole run: starting one costs tens of milliseconds.
    idleTimeout: 60_000,
    concurrentTasksPerWorker: 1,
  });
}

/** The number of logical CPUs, for a default worker count. */
export function availableCpus(): number {
  return Math.max(1, cpus().length);
}
