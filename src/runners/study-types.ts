// The options and result of runStudy() (study.ts).
import type { Problem } from '../core/problem.js';
import type { AnySolver } from '../core/solver.js';
import type { Budget, StopReason } from './budget.js';
import type { Evaluator } from './evaluator.js';
import type { RunProgress } from './minimize.js';
import type { PrunerConfig } from './pruners/pruner-config.js';
import type { TrialRecord } from './study-journal.js';
import type { StudyFront } from './study-front.js';

/** Options of {@link runStudy}. */
export interface StudyOptions<X> {
  problem: Problem<X>;
  solver: AnySolver;
  params: Record<string, unknown>;
  /** `evaluations` counts trials; `epochs` the training epochs of all trials. */
  budget: Budget;
  seed: number | string;
  /** Worker threads running the trials; with `evaluator`, the trials in flight at most. */
  workers: number;
  /**
   * Runs the trials instead of a pool of `workers` threads: an evaluator that supports
   * `EvaluateOptions.trial` (see `queueEvaluator`). The caller closes it. @defaultValue threads
   */
  evaluator?: Evaluator<X>;
  /** Stops unpromising trials from their intermediate values. */
  pruner?: PrunerConfig;
  /** Per-trial time limit in seconds. */
  timeoutSeconds?: number;
  /** Heap limit of each worker thread in MB. @defaultValue half of the machine's memory shared among the workers (512..4096) */
  memoryLimitMb?: number;
  /** Folder for the journal, best.json, trials.csv (pareto.csv) and the best model. */
  output?: string;
  /**
   * Multi-objective studies: the hypervolume's reference point in the user's terms, by objective
   * name; derived from the front (and reported) when absent.
   */
  referencePoint?: Record<string, number>;
  /** Folder that relative paths of the problem spec resolve against. */
  baseDir: string;
  /** Where config errors point (the config file). @defaultValue "options" */
  source?: string;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called once with the journal's warnings (torn or corrupted lines) when resuming. */
  onWarning?: (message: string) => void;
  /** Called after each finished trial is journaled (e.g. to refresh a report). */
  onTrial?: (trial: TrialRecord) => void;
}

/**
 * The outcome of a study. A multi-objective study has no best trial (bestParams and bestTrial
 * undefined, bestValue NaN): it reports `paretoFront`, `hypervolume` and `referencePoint`.
 */
export interface StudyResult<X> extends Partial<StudyFront<X>> {
  bestParams: X | undefined;
  bestValue: number;
  /** Number of the best trial (1-based). */
  bestTrial: number | undefined;
  trials: number;
  failedTrials: number;
  /** The first distinct messages of the failed trials (empty when none failed). */
  failureMessages: string[];
  /** Trials stopped by the pruner (or that threw TrialPruned). */
  prunedTrials: number;
  /** Training epochs of all trials (steps reported x epochs per step: folds x seeds). */
  epochs: number;
  /** Trials taken from the journal of an earlier session. */
  resumedTrials: number;
  elapsedMs: number;
  seed: number | string;
  stopReason: StopReason;
  solver: string;
  params: object;
  problem: string;
  direction: 'minimize' | 'maximize';
  output?: string;
  /** What the problem reports about the best candidate (e.g. testAccuracy, modelPath). */
  report?: Record<string, unknown>;
  /**
   * Why best.json or trials.csv could not be written (a full disk...), when that happened at
   * the end; the result is complete and the journal holds every trial. Or why the journal could
   * not be written: the study then stopped as if interrupted (`stopReason` "aborted"), the
   * journal holds the trials written before, and trials.csv and best.json are left as they were.
   */
  outputError?: string;
}
