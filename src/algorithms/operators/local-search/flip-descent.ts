// Bit-flip descent for binary problems with a flip delta (the 1-flip neighbourhood of Papadimitriou
// & Steiglitz 1982), first or best improvement. Each delta is one `moves.flip` call; the
// objective is never called.
//
// API: flipDescent(x, value, moves, rng, options) -> { x, value, moves }
//   x: a 0/1 array; value: its objective (NaN when unknown: the result's value is then NaN, the
//   caller re-evaluates); moves: a MoveModel with `flip`.
import { ParameterError } from '../../../core/errors.js';
import type { MoveModel } from '../../../core/problem.js';
import type { Rng } from '../../../core/rng.js';
import { improvementThreshold, type MoveSearchResult } from './move-search-result.js';

/** Options of {@link flipDescent}. */
export interface FlipDescentOptions {
  /**
   * `first`: flip the first improving bit met (scanning on from the last flip); `best`: the
   * most improving bit.
   * @defaultValue 'first'
   */
  improvement?: 'first' | 'best';
  /**
   * Stop after this many improving flips even if more exist.
   * @defaultValue Infinity
   */
  maxMoves?: number;
}

/** Flip descent from `x` to a 1-flip local optimum; see the file comment. */
export function flipDescent(
  x: readonly number[],
  value: number,
  moves: MoveModel,
  rng: Rng,
  options: FlipDescentOptions = {},
): MoveSearchResult {
  const flip = moves.flip;
  if (flip === undefined) {
    throw new ParameterError(
      'flipDescent: moves.flip must be a function (got undefined); use a neighbour descent for problems without a flip delta',
    );
  }
  const n = x.length;
  const y = x.slice();
  const maxMoves = options.maxMoves ?? Infinity;
  const threshold = improvementThreshold(value);
  let total = value;
  let applied = 0;
  let cursor = n > 0 ? rng.int(n) : 0;
  while (applied < maxMoves && n > 0) {
    let chosen = -1;
    let chosenDelta = -threshold;
    for (let step = 0; step < n; step++) {
      const i = (cursor + step) % n;
      const delta = flip(y, i);
      if (delta < chosenDelta) {
        chosen = i;
        chosenDelta = delta;
        if (options.improvement !== 'best') break;
      }
    }
    if (chosen < 0) break;
    y[chosen] = 1 - (y[chosen] as number);
    total += chosenDelta;
    applied++;
    cursor = (chosen + 1) % n;
  }
  return { x: y, value: total, moves: applied };
}
