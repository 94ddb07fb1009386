// Pairwise-exchange (swap) descent for assignment problems such as QAP: the classic 2-exchange
// local search (Stützle 2006, "Iterated local search for the quadratic assignment problem"),
// first or best improvement. With the move model's swap-delta table (Taillard 1991) a best-
// improvement step costs O(n^2); otherwise each delta is one `moves.swap` call (O(n) on QAP).
//
// API: swapDescent(x, value, moves, rng, options) -> { x, value, moves }
//   x: a permutation; value: its objective (NaN when unknown: the result's value is then NaN,
//   the caller re-evaluates); moves: a MoveModel with `swapTable` or `swap`. Never calls the
//   objective; the runner counts the move-model calls as move evaluations.
import { ParameterError } from '../../../core/errors.js';
import type { MoveModel } from '../../../core/problem.js';
import type { Rng } from '../../../core/rng.js';
import { swapInPlace } from '../permutation.js';
import { improvementThreshold, type MoveSearchResult } from './move-search-result.js';

/** Options of {@link swapDescent}. */
export interface SwapDescentOptions {
  /**
   * `first`: apply the first improving swap met (scanning on from the last one applied);
   * `best`: the most improving swap of the whole neighbourhood.
   * @defaultValue 'first'
   */
  improvement?: 'first' | 'best';
  /**
   * Stop after this many improving swaps even if more exist.
   * @defaultValue Infinity
   */
  maxMoves?: number;
  /**
   * Use `moves.swapTable` when the model has one (Taillard's O(n^2) delta updates).
   * @defaultValue true
   */
  useTable?: boolean;
}

/** Swap descent from `x` to a swap-local optimum; see the file comment. */
export function swapDescent(
  x: readonly number[],
  value: number,
  moves: MoveModel,
  rng: Rng,
  options: SwapDescentOptions = {},
): MoveSearchResult {
  const n = x.length;
  const y = x.slice();
  if (n < 2) return { x: y, value, moves: 0 };
  const maxMoves = options.maxMoves ?? Infinity;
  const best = options.improvement === 'best';
  const table = options.useTable === false ? undefined : moves.swapTable;
  if (table === undefined && moves.swap === undefined) {
    throw new ParameterError(
      'swapDescent: moves must have swap or swapTable (got neither); use a neighbour descent for problems without a move model',
    );
  }
  const threshold = improvementThreshold(value);
  const pairs = (n * (n - 1)) / 2;
  // Pairs are visited in a fixed order (i < j, row by row) from a random first pair.
  let cursor = rng.int(pairs);
  let total = value;
  let applied = 0;
  const deltas = table?.create(y);
  const delta = (i: number, j: number): number =>
    deltas !== undefined
      ? (deltas[i * n + j] as number)
      : (moves.swap as NonNullable<MoveModel['swap']>)(y, i, j);
  const apply = (i: number, j: number, change: number): void => {
    swapInPlace(y, i, j);
    total += change;
    applied++;
    if (deltas !== undefined) table?.update(deltas, y, i, j);
  };
  const pairAt = pairIndexer(n);
  while (applied < maxMoves) {
    if (best) {
      let bestDelta = -threshold;
      let bestPair = -1;
      for (let k = 0; k < pairs; k++) {
        const [i, j] = pairAt(k);
        const change = delta(i, j);
        if (change < bestDelta) {
          bestDelta = change;
          bestPair = k;
        }
      }
      if (bestPair < 0) break;
      const [i, j] = pairAt(bestPair);
      apply(i, j, bestDelta);
      continue;
    }
    let found = false;
    for (let step = 0; step < pairs; step++) {
      const k = (cursor + step) % pairs;
      const [i, j] = pairAt(k);
      const change = delta(i, j);
      if (change < -threshold) {
        apply(i, j, change);
        cursor = (k + 1) % pairs;
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return { x: y, value: total, moves: applied };
}

// Maps k in [0, n(n-1)/2) to the pair (i, j), i < j, row by row; the rows are precomputed.
function pairIndexer(n: number): (k: number) => [number, number] {
  const rowStart = new Int32Array(n);
  for (let i = 1; i < n; i++) rowStart[i] = (rowStart[i - 1] as number) + (n - i);
  return (k) => {
    let low = 0;
    let high = n - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((rowStart[middle] as number) <= k) low = middle;
      else high = middle - 1;
    }
    return [low, low + 1 + k - (rowStart[low] as number)];
  };
}
