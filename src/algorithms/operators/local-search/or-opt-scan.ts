// Or-opt candidate moves on a tour (Or 1976): a segment of 1 to `segmentLength` cities with one
// end at a given city, reinserted, either way round, next to a near neighbour of one of its
// ends (neighbour lists, Johnson & McGeoch 1997). Shared by the 2-opt and Lin-Kernighan searches.
import type { TourArray } from './tour-array.js';

/** One Or-opt move: the segment `first`.. (`length` cities) goes between u and v = next(u). */
export interface OrOptMove {
  first: number;
  length: number;
  /** The segment's last city in tour order. */
  last: number;
  /** The cities before and after the segment, joined once it is out. */
  before: number;
  after: number;
  u: number;
  v: number;
  /** The segment goes in with `last` next to u. */
  reversed: boolean;
  /** Length of the two edges at the segment minus the edge that replaces them (> 0). */
  removal: number;
  /** Tour length saved by the move, from the edge lengths. */
  gain: number;
}

/** Settings of {@link scanOrOpt}. */
export interface OrOptScan {
  distance: (a: number, b: number) => number;
  lists: readonly (readonly number[])[];
  listSize: number;
  segmentLength: number;
}

/**
 * Offers `consider` every Or-opt move from `a` whose new edge next to the segment is shorter
 * than the removal gain, nearest candidates first; stops at the first move `consider` applies
 * (its return value, the cities whose edges changed) and returns it, or undefined.
 */
export function scanOrOpt(
  tour: TourArray,
  a: number,
  scan: OrOptScan,
  consider: (move: OrOptMove) => number[] | undefined,
): number[] | undefined {
  const dist = scan.distance;
  for (let length = 1; length <= scan.segmentLength; length++) {
    for (let side = 0; side < (length === 1 ? 1 : 2); side++) {
      // The segment s1..s2 in tour order, with a at one end.
      let s1 = a;
      let s2 = a;
      for (let k = 1; k < length; k++) {
        if (side === 0) s2 = tour.next(s2);
        else s1 = tour.previous(s1);
      }
      const p = tour.previous(s1);
      const q = tour.next(s2);
      const removal = dist(p, s1) + dist(s2, q) - dist(p, q);
      if (!(removal > 0)) continue;
      for (let end = 0; end < 2; end++) {
        const e = end === 0 ? s1 : s2;
        const other = end === 0 ? s2 : s1;
        const list = scan.lists[e] as readonly number[];
        const size = Math.min(scan.listSize, list.length);
        for (let k = 0; k < size; k++) {
          const c = list[k] as number;
          const ec = dist(e, c);
          if (ec >= removal) break;
          if (tour.inSegment(c, s1, length)) continue;
          // Insert between c and either tour neighbour of c, with e next to c.
          for (let way = 0; way < 2; way++) {
            const next = way === 0;
            const f = next ? tour.next(c) : tour.previous(c);
            if (tour.inSegment(f, s1, length)) continue;
            const touched = consider({
              first: s1,
              length,
              last: s2,
              before: p,
              after: q,
              u: next ? c : f,
              v: next ? f : c,
              reversed: (next && e === s2) || (!next && e === s1),
              removal,
              gain: removal - (ec + dist(other, f) - dist(c, f)),
            });
            if (touched !== undefined) return touched;
          }
        }
      }
    }
  }
  return undefined;
}

/** Applies an Or-opt move; returns the cities whose tour edges changed. */
export function applyOrOpt(tour: TourArray, move: OrOptMove): number[] {
  tour.moveSegment(move.first, move.length, move.u, move.reversed);
  return [move.before, move.after, move.first, move.last, move.u, move.v];
}
