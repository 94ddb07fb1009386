// How a batch is split between the worker threads and the calling thread, learned from
// measured times: expensive objectives go one candidate per task to the workers; cheap ones
// travel in large chunks, and the calling thread evaluates a share itself, sized so that it
// finishes when the workers do (offloading a 20 ns objective costs more than evaluating it).

// Objectives slower than this (ms) run one candidate per task, all on workers (a task costs a
// round trip of some 0.1 ms, so faster ones are chunked).
const EXPENSIVE_MS = 5;
// A task of a cheap objective should last at least this long (ms).
const TARGET_TASK_MS = 5;
// While the whole batch runs locally, a batch now and then goes partly to the workers, to keep
// their rate measured: first after this many batches, then ever less often while each probe
// confirms that the calling thread alone is faster (each probe costs a round trip).
const FIRST_PROBE = 64;
const LAST_PROBE_INTERVAL = 4096;

/** The plan for one batch. */
export interface SplitPlan {
  /** Candidates evaluated in the calling thread (the first ones of the batch). */
  local: number;
  /** Candidates per worker task for the rest. */
  chunkSize: number;
}

/** Learns from each batch how to split the next one. */
export class WorkSplitter {
  private meanWorkerMs: number | undefined;
  private localFraction = 0;
  private localAllowed: boolean;
  private batches = 0;
  private probeInterval = FIRST_PROBE;
  private nextProbe = FIRST_PROBE;
  private probing = false;

  constructor(
    private readonly workers: number,
    options: { chunkSize?: number; localShare: boolean },
    private readonly fixedChunk = options.chunkSize,
  ) {
    this.localAllowed = options.localShare;
  }

  /** Never again evaluate in the calling thread (e.g. the objective turned out asynchronous). */
  disableLocal(): void {
    this.localAllowed = false;
    this.localFraction = 0;
  }

  plan(n: number): SplitPlan {
    this.batches++;
    this.probing = this.localFraction === 1 && this.batches >= this.nextProbe;
    const fraction = this.probing ? 0.9 : this.localFraction;
    const local = this.localAllowed ? Math.min(n, Math.floor(fraction * n)) : 0;
    const rest = n - local;
    if (this.fixedChunk !== undefined) return { local, chunkSize: this.fixedChunk };
    if (this.meanWorkerMs === undefined)
      return { local, chunkSize: Math.max(1, Math.ceil(rest / (4 * this.workers))) };
    if (this.meanWorkerMs >= EXPENSIVE_MS) return { local: 0, chunkSize: 1 };
    const perTask = Math.ceil(TARGET_TASK_MS / Math.max(this.meanWorkerMs, 1e-6));
    return { local, chunkSize: Math.max(1, Math.min(perTask, Math.ceil(rest / this.workers))) };
  }

  /**
   * Records a batch: per-candidate evaluation times reported by the workers, the calling
   * thread's count and time, and the workers' count and time to the last reply.
   */
  learn(
    workerDurationsMs: readonly number[],
    local: { count: number; ms: number },
    remote: { count: number; ms: number },
  ): void {
    if (workerDurationsMs.length > 0) {
      const mean = workerDurationsMs.reduce((a, b) => a + b, 0) / workerDurationsMs.length;
      this.meanWorkerMs =
        this.meanWorkerMs === undefined ? mean : 0.7 * this.meanWorkerMs + 0.3 * mean;
    }
    if (
      !this.localAllowed ||
      this.meanWorkerMs === undefined ||
      this.meanWorkerMs >= EXPENSIVE_MS
    ) {
      this.localFraction = 0;
      return;
    }
    // Throughputs (candidates per ms) of each side; the balanced share equalizes finish times.
    const localRate =
      local.count > 0 && local.ms > 0
        ? local.count / local.ms
        : 1 / Math.max(this.meanWorkerMs, 1e-6);
    const remoteRate = remote.count > 0 && remote.ms > 0 ? remote.count / remote.ms : 0;
    const balanced = localRate / (localRate + remoteRate);
    // When the workers would take less than a few percent, their round trip costs more than
    // their share saves: keep the whole batch local.
    const target = balanced > 0.95 ? 1 : balanced;
    if (this.probing) {
      this.probeInterval =
        target === 1 ? Math.min(2 * this.probeInterval, LAST_PROBE_INTERVAL) : FIRST_PROBE;
      this.nextProbe = this.batches + this.probeInterval;
    }
    const smoothed = this.localFraction === 0 ? target : 0.5 * this.localFraction + 0.5 * target;
    this.localFraction = target === 1 && smoothed > 0.95 ? 1 : smoothed;
  }
}
