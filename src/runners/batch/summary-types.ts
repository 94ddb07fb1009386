// The shapes of a batch summary: its rows per problem x solver variant, convergence curves,
// target runs and failed runs, as the summary writers and the report read them.
import type { TargetRun } from './statistics.js';

/** One row of the summary: a problem x solver variant. Values are in the user's terms. */
export interface SummaryRow {
  problem: string;
  solver: string;
  /** Finished runs (failed ones included). */
  runs: number;
  /** Median, interquartile range, best and worst of the final best values (finished runs). */
  median: number | null;
  iqr: number | null;
  best: number | null;
  worst: number | null;
  /** Mean gap to the known optimum in percent (null when unknown or zero). */
  gapPercent: number | null;
  /** Fraction of runs that reached the target (null without a target). */
  successRate: number | null;
  /** Expected running time to the target in evaluations (COCO); Infinity without success. */
  ert: number | null;
  medianSeconds: number | null;
  /** Runs that could not run (their problem could not be built, their worker crashed...). */
  failed: number;
  successes: number | null;
  target: number | null;
  optimum: number | null;
  medianEvaluations: number | null;
  /** Median incremental move evaluations (move models of the local-search solvers). */
  medianMoveEvaluations: number | null;
}

/** The median and interquartile band of best-so-far against evaluations, for one solver variant. */
export interface ConvergenceSeries {
  solver: string;
  runs: number;
  evaluations: number[];
  median: number[];
  /** The interquartile band's edges (low <= high), in the user's terms. */
  low: number[];
  high: number[];
}

/** The convergence curves of one problem. */
export interface ProblemCurves {
  problem: string;
  direction: 'minimize' | 'maximize';
  optimum: number | undefined;
  series: ConvergenceSeries[];
}

/** Everything the summary writers need. */
export interface BatchSummary {
  rows: SummaryRow[];
  curves: ProblemCurves[];
  /** Runs of the grid found in the journal. */
  finished: number;
  /** Journal records that belong to no run of this grid (an earlier config), ignored. */
  ignored: number;
  /** The first failed runs with distinct messages (at most {@link MAX_FAILURES}). */
  failures: FailedRun[];
  /** Each problem x solver variant with a target: its runs' evaluations and first hits. */
  targetRuns: TargetRuns[];
  /**
   * The multi-objective problems, whose values are hypervolumes of each run's front against
   * `referencePoint` (the objectives' own terms; larger is better).
   */
  hypervolumes: { problem: string; referencePoint: number[] }[];
  /** The problems with several objectives as the config declares them, whether or not a run finished. */
  multiObjective: string[];
}

/** The runs of one problem x solver variant against its target (for ECDF plots). */
export interface TargetRuns {
  problem: string;
  solver: string;
  runs: TargetRun[];
}

/** A run that could not run, and why. */
export interface FailedRun {
  problem: string;
  solver: string;
  seed: number;
  error: string;
}

/** Failed runs listed in a summary; later ones with the same message are only counted. */
export const MAX_FAILURES = 10;
