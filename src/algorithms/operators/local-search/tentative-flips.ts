// The flips of a Lin-Kernighan chain that is still being built: each one is only recorded as
// the reversal of a stretch of the tour array, and position look-ups are reflected through the
// recorded flips on the fly (O(depth) each instead of O(n) per flip); the tour array itself
// changes only when a chain is kept (chain-search.ts).
import type { TourArray } from './tour-array.js';

/**
 * One flip of a chain: edges (t1, t2), (t4, t3) replaced by (t2, t3), (t4, t1), recorded as the
 * reversal of `length` positions from `from` of the array.
 */
export interface Flip {
  t2: number;
  t3: number;
  t4: number;
  delta: number;
  from: number;
  length: number;
}

/** A tour array seen through a stack of tentative flips. */
export class TentativeFlips {
  readonly flips: Flip[] = [];

  constructor(readonly tour: TourArray) {}

  get length(): number {
    return this.flips.length;
  }

  push(flip: Flip): void {
    this.flips.push(flip);
  }

  pop(): void {
    this.flips.pop();
  }

  clear(): void {
    this.flips.length = 0;
  }

  /** True when the edge (a, b) was added by a flip of the chain (it must not be removed again). */
  added(a: number, b: number): boolean {
    for (const flip of this.flips) {
      if ((flip.t2 === a && flip.t3 === b) || (flip.t2 === b && flip.t3 === a)) return true;
    }
    return false;
  }

  positionOf(city: number): number {
    let position = this.tour.positionOf(city);
    for (const flip of this.flips) position = this.reflect(position, flip);
    return position;
  }

  next(city: number): number {
    const p = this.positionOf(city) + 1;
    return this.cityAt(p === this.tour.size ? 0 : p);
  }

  previous(city: number): number {
    const p = this.positionOf(city);
    return this.cityAt(p === 0 ? this.tour.size - 1 : p - 1);
  }

  private cityAt(position: number): number {
    let p = position;
    for (let k = this.flips.length - 1; k >= 0; k--) p = this.reflect(p, this.flips[k] as Flip);
    return this.tour.order[p] as number;
  }

  // Each flip reflects the positions it covers.
  private reflect(position: number, flip: Flip): number {
    const n = this.tour.size;
    const offset = position >= flip.from ? position - flip.from : position - flip.from + n;
    if (offset >= flip.length) return position;
    const mirrored = flip.from + flip.length - 1 - offset;
    return mirrored >= n ? mirrored - n : mirrored;
  }
}
