// How many jobs a queue worker holds at once. One job per thread leaves each thread idle for a
// round trip through Redis between jobs, and every job then pays its own wake-ups of Redis and
// of the worker; with a few jobs waiting on the worker for a free thread, finished jobs and new
// ones travel together. Holding jobs that others could run is harmless only while they are
// short, so `auto` holds extra jobs for about PREFETCH_MS of each thread's work, judged from the
// worker's recent jobs, and none while jobs are long or before enough have been seen.
import { ParameterError, describeValue } from '../core/errors.js';

/** `auto`, or a fixed number of jobs held beyond one per thread. */
export type PrefetchSetting = 'auto' | number;

// Work held beyond the running jobs, per thread, under `auto`.
const PREFETCH_MS = 20;
// At most this many extra jobs per thread, and only after this many recent jobs are known.
const MAX_EXTRA_PER_THREAD = 16;
const WINDOW = 16;
const WARM_UP = 8;

/** Reads `--prefetch` (`auto` or an integer >= 0). */
export function parsePrefetch(text: string | undefined, name = '--prefetch'): PrefetchSetting {
  if (text === undefined || text === 'auto') return 'auto';
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) {
    throw new ParameterError(
      `${name} must be auto or an integer >= 0 (got ${describeValue(text)})`,
    );
  }
  return value;
}

/** The number of jobs a worker of `threads` threads takes at once, from its recent jobs. */
export class Prefetch {
  private readonly recent: number[] = [];
  private next = 0;

  constructor(
    private readonly threads: number,
    private readonly setting: PrefetchSetting,
  ) {}

  /** Jobs to hold now: the threads' own, plus the extra ones. */
  concurrency(): number {
    return this.threads + this.extra();
  }

  /**
   * Records a finished job: `ms` from its start on this worker to its end, `ahead` the jobs
   * this worker already held when it started (it waited for about ahead / threads of them).
   */
  record(ms: number, ahead: number): void {
    const service = ms / (Math.floor(ahead / this.threads) + 1);
    if (this.recent.length < WINDOW) this.recent.push(service);
    else this.recent[this.next] = service;
    this.next = (this.next + 1) % WINDOW;
  }

  private extra(): number {
    if (this.setting !== 'auto') return this.setting;
    if (this.recent.length < WARM_UP) return 0;
    const sorted = this.recent.slice().sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    const cap = MAX_EXTRA_PER_THREAD * this.threads;
    if (!(median > 0)) return cap;
    return Math.min(cap, Math.floor((this.threads * PREFETCH_MS) / median));
  }
}
