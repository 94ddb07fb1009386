// The options and results of minimize() (minimize.ts): what a caller passes to a run and what
// it gets back, with the records its callbacks receive.
import type { Budget, StopReason } from './budget.js';
import type { Evaluator } from './evaluator.js';
import type { ReplaySource } from './batch-evaluation.js';
import type { FailureRecord } from './run-tracker.js';
import type { ParetoResult, ReferencePoint } from './pareto-archive.js';
import type { TracePoint } from './trace.js';

/** Progress of a run, as passed to `onProgress`. */
export interface RunProgress {
  evaluations: number;
  failedEvaluations: number;
  /** Best value so far in the user's terms (Infinity before the first success when minimizing). */
  bestValue: number;
  elapsedMs: number;
  /** Fraction of the budget used (by evaluations or seconds), when the budget bounds them. */
  fraction: number | undefined;
  /** Evaluations taken from a journal (`replay`) rather than run, so far. */
  replayedEvaluations: number;
  /** Multi-objective runs: the number of non-dominated evaluations so far. */
  paretoFrontSize?: number;
}

/** One evaluated batch, as passed to `onBatch` (for journals). Values are the user's. */
export interface BatchRecord<X> {
  /** 0-based index of the batch in the run. */
  batch: number;
  candidates: readonly X[];
  values: readonly number[];
  errors: readonly (string | undefined)[] | undefined;
  durationsMs: readonly number[] | undefined;
}

/** One finished evaluation, as passed to `onEvaluation` (for per-trial journals). */
export interface EvaluationRecord<X> {
  /** 1-based number of the evaluation in the run (batch order, not completion order). */
  number: number;
  /** 0-based batch number and position in the batch. */
  batch: number;
  index: number;
  candidate: X;
  /** The value in the user's terms (NaN when failed). */
  value: number;
  error: string | undefined;
  durationMs: number;
  /** The stack of the error the objective threw, when it threw one. */
  stack?: string;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions<X> {
  /** The budget; at least one of evaluations, seconds, stagnation. */
  budget: Budget;
  /** Solver parameters; the solver's defaults fill in the rest. */
  params?: object;
  /**
   * Seed of every random choice of the run. Unseeded runs draw one and report it.
   * @defaultValue a random seed
   */
  seed?: number | string;
  /** Where candidates are evaluated; overrides `workers`. @defaultValue in this thread */
  evaluator?: Evaluator<X>;
  /**
   * Worker threads evaluating candidates; 1 evaluates in this thread. More needs a problem with
   * a `spec` (registry or module problems). Results are the same for any number.
   * @defaultValue 1
   */
  workers?: number;
  /** Per-evaluation time limit in seconds (evaluations then run on worker threads). */
  timeoutSeconds?: number;
  /** Heap limit of each worker thread in MB (worker threads only; see poolEvaluator). */
  memoryLimitMb?: number;
  /** Folder that relative paths in the problem spec resolve against (worker threads). */
  baseDir?: string;
  /** Called as each new evaluation finishes, in completion order. */
  onEvaluation?: (record: EvaluationRecord<X>) => void;
  /** Recorded outcomes to reuse instead of evaluating again (resuming from a journal). */
  replay?: ReplaySource<X>;
  /** Stops the run between batches; the result so far is returned with stopReason `aborted`. */
  signal?: AbortSignal;
  /** Called at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: RunProgress) => void;
  /** @defaultValue 200 */
  progressIntervalMs?: number;
  /** Called after each evaluated batch; a returned promise is awaited (journals flush here). */
  onBatch?: (record: BatchRecord<X>) => void | Promise<void>;
  /** Bound on the number of trace points kept. @defaultValue 1000 */
  maxTracePoints?: number;
  /**
   * The clock the run reads, in milliseconds (any origin): `seconds` budgets, elapsed times and
   * the solver's `elapsedSeconds`. A fake clock makes a seconds-bounded run reproducible.
   * @defaultValue performance.now
   */
  clock?: () => number;
  /**
   * Multi-objective problems: the hypervolume's reference point in the user's terms, by
   * objective name or in objective order. @defaultValue derived from the front (and reported)
   */
  referencePoint?: ReferencePoint;
}

/**
 * The outcome of a run. Values are in the user's terms (maximized values stay positive). A
 * multi-objective run has no single best: `best` is undefined, `bestValue` NaN and the trace
 * empty; its result is `paretoFront`, `hypervolume` and `referencePoint`.
 */
export interface RunResult<X> extends Partial<ParetoResult<X>> {
  /** The best candidate found (undefined when every evaluation failed). */
  best: X | undefined;
  bestValue: number;
  evaluations: number;
  failedEvaluations: number;
  /** Incremental move evaluations (move model calls), counted apart from `evaluations`. */
  moveEvaluations: number;
  elapsedMs: number;
  stopReason: StopReason;
  seed: number | string;
  solver: string;
  params: object;
  problem: string;
  direction: 'minimize' | 'maximize';
  /** The known optimum, when the problem has one. */
  optimum?: number;
  /** 100 * |best - optimum| / |optimum|, when the optimum is known and not zero. */
  gapPercent?: number;
  /** Best-so-far after each improvement (bounded), ending at the last evaluation. */
  trace: TracePoint[];
  /** The first failed evaluations with their messages. */
  failures: FailureRecord[];
  /** Evaluations taken from `replay` instead of being run again. */
  replayedEvaluations: number;
}
