// The per-run numbers a batch summary keeps while it streams the journal: one typed slot per seed
// of each problem x solver variant, so memory does not grow with the traces.

/** A run's status in its group: not in the journal, finished, or could not run. */
export const MISSING = 0;
export const OK = 1;
export const FAILED = 2;

/** The numbers of one problem x solver variant, one slot per seed. */
export interface GroupData {
  status: Uint8Array;
  /** Final best value in minimized terms. */
  value: Float64Array;
  evaluations: Float64Array;
  moveEvaluations: Float64Array;
  /** Evaluation of the first hit; Infinity when the target was set and missed; NaN without one. */
  hit: Float64Array;
  elapsedMs: Float64Array;
  gap: Float64Array;
}

/** What the summary needs to know of one problem. */
export interface ProblemData {
  sign: 1 | -1;
  optimum: number | undefined;
  target: number | undefined;
  maxEvaluations: number;
  /** Multi-objective problems: the reference point of the runs' hypervolumes (their values). */
  referencePoint?: number[];
}

/** A group with every seed missing. */
export function newGroup(seeds: number): GroupData {
  const filled = (): Float64Array => new Float64Array(seeds).fill(NaN);
  return {
    status: new Uint8Array(seeds),
    value: filled(),
    evaluations: filled(),
    moveEvaluations: filled(),
    hit: filled(),
    elapsedMs: filled(),
    gap: filled(),
  };
}

/** NaN as null (JSON). */
export const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
