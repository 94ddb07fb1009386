// Move proposals of the move-model path: a working copy of the current point with the position
// of each element, random moves drawn with their deltas from the problem's move model, and their
// application in place. Tours: 2-opt (Croes 1958) and Or-opt (Or 1976), on neighbour lists
// partners when the problem gives neighbour lists (Johnson & McGeoch 1997; tour-candidates.ts);
// assignments: swaps; bit strings: flips.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import { applyOrOptInPlace, reverseTourSegment } from './tour-moves.js';

/** Which deltas the path uses. */
export type MoveKind = 'tour' | 'swap' | 'flip';

/** Share of Or-opt moves among tour moves (when the model has Or-opt). */
const OR_OPT_SHARE = 0.3;

/**
 * The working copy of one ask: the tour and the position of each element, with the proposal
 * and application of each move kind.
 */
export class Walk {
  readonly n: number;
  readonly position: Int32Array;
  // The move drawn by the last propose(): kind and arguments.
  private kind = 0;
  private i = 0;
  private j = 0;
  private length = 0;
  private reversed = false;

  constructor(
    readonly x: number[],
    private readonly moves: MoveModel,
    private readonly moveKind: MoveKind,
    private readonly neighbors: readonly (readonly number[])[] | undefined,
  ) {
    this.n = x.length;
    this.position = new Int32Array(this.n);
    this.reindex();
  }

  reindex(): void {
    for (let k = 0; k < this.n; k++) this.position[this.x[k] as number] = k;
  }

  /** Draws a move and returns its delta, or NaN when the draw is not a move. */
  propose(rng: Rng): number {
    const n = this.n;
    const x = this.x;
    const moves = this.moves;
    if (this.moveKind === 'flip') {
      this.i = rng.int(n);
      return (moves.flip as NonNullable<MoveModel['flip']>)(x, this.i);
    }
    if (this.moveKind === 'swap') {
      if (n < 2) return NaN;
      this.i = rng.int(n);
      this.j = rng.int(n - 1);
      if (this.j >= this.i) this.j++;
      return (moves.swap as NonNullable<MoveModel['swap']>)(x, this.i, this.j);
    }
    if (n < 4) return NaN;
    if (moves.orOpt !== undefined && n >= 8 && rng.next() < OR_OPT_SHARE) return this.orOpt(rng);
    return this.twoOpt(rng);
  }

  private twoOpt(rng: Rng): number {
    const n = this.n;
    let i: number;
    let j: number;
    const lists = this.neighbors;
    if (lists !== undefined) {
      // Make the edge (a, b) with b among a's candidate partners: as the first new edge of 2-opt (i, j),
      // or as the second, (x[i+1], x[j+1]).
      const p = rng.int(n);
      const list = lists[this.x[p] as number] as readonly number[];
      const b = list[rng.int(list.length)] as number;
      let q = this.position[b] as number;
      let pp = p;
      if (rng.next() < 0.5) {
        pp = (p - 1 + n) % n;
        q = (q - 1 + n) % n;
      }
      i = Math.min(pp, q);
      j = Math.max(pp, q);
      if (i === j) return NaN;
    } else {
      i = rng.int(n);
      j = rng.int(n - 1);
      if (j >= i) j++;
      if (i > j) [i, j] = [j, i];
    }
    this.kind = 0;
    this.i = i;
    this.j = j;
    return (this.moves.twoOpt as NonNullable<MoveModel['twoOpt']>)(this.x, i, j);
  }

  private orOpt(rng: Rng): number {
    const n = this.n;
    const length = 1 + rng.int(3);
    const i = rng.int(n - length + 1);
    let j: number;
    const lists = this.neighbors;
    if (lists !== undefined) {
      // Put the segment next to one of its first element's partners (after or before it).
      const list = lists[this.x[i] as number] as readonly number[];
      const c = list[rng.int(list.length)] as number;
      j = this.position[c] as number;
      if (rng.next() < 0.5) j = (j - 1 + n) % n;
    } else {
      j = rng.int(n);
    }
    if ((j >= i && j < i + length) || j === (i - 1 + n) % n) return NaN;
    this.kind = 1;
    this.i = i;
    this.j = j;
    this.length = length;
    this.reversed = rng.next() < 0.5;
    return (this.moves.orOpt as NonNullable<MoveModel['orOpt']>)(
      this.x,
      i,
      length,
      j,
      this.reversed,
    );
  }

  /** Applies the last proposed move. */
  apply(): void {
    const x = this.x;
    if (this.moveKind === 'flip') {
      x[this.i] = 1 - (x[this.i] as number);
    } else if (this.moveKind === 'swap') {
      const a = x[this.i] as number;
      x[this.i] = x[this.j] as number;
      x[this.j] = a;
    } else if (this.kind === 0) {
      reverseTourSegment(x, this.position, this.i, this.j);
    } else {
      const [from, to] = applyOrOptInPlace(x, this.i, this.length, this.j, this.reversed);
      for (let k = from; k <= to; k++) this.position[x[k] as number] = k;
    }
  }
}
