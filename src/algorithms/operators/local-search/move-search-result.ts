// What every move-model local search returns, and the threshold below which a delta counts as
// an improvement (so that rounding noise cannot make a descent cycle).

/** The outcome of a move-model local search: the improved candidate, its value, moves applied. */
export interface MoveSearchResult {
  /** The local optimum reached (a new array). */
  x: number[];
  /** The input value plus the deltas of the applied moves (NaN when the input value was). */
  value: number;
  /** Improving moves applied. */
  moves: number;
}

/** The smallest decrease taken as an improvement from a candidate of value `value`. */
export function improvementThreshold(value: number): number {
  return 1e-12 * (Number.isFinite(value) ? Math.max(1, Math.abs(value)) : 1);
}
