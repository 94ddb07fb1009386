// The "alternate first step" of Lin-Kernighan (Lin & Kernighan 1973, section 3; Johnson &
// McGeoch 1997, section 3.3): from t1, remove (t1, t2) and add (t2, t3), but remove the edge
// (t3, t4) on the side of t3 that leaves the segment t2..t3 as a cycle; a third exchange
// removes (t5, t6) inside that segment and adds (t4, t5), (t6, t1). The result is a tour: the
// segment t2..t3 is cut at (t5, t6) and its two pieces are swapped, the one from t2 turned
// round when t6 precedes t5 (a pure sequential 3-opt move that a chain of 2-opt flips only
// reaches through a worse tour). Segments of any length, unlike Or-opt's 1 to 3 cities.
import type { TourArray } from './tour-array.js';

/** Settings of {@link scanOrThreeOpt}. */
export interface OrThreeOptScan {
  distance: (a: number, b: number) => number;
  /** Partners of each city for the new edges (t2, t3) and (t4, t5). */
  lists: readonly (readonly number[])[];
  listSize: number;
  /** True when the link (a, b) must not be added (tabu links); absent: every link may be. */
  forbidden?: (a: number, b: number) => boolean;
}

// Gains below this (relative to the edge removed) are rounding noise, not improvements.
const EPSILON = 1e-10;

/**
 * Looks for an improving move from t1 (both tour directions); applies the first one found and
 * returns its gain and the cities whose edges changed, or undefined. `evaluated` counts the
 * moves whose gain was computed.
 */
export function scanOrThreeOpt(
  tour: TourArray,
  t1: number,
  scan: OrThreeOptScan,
  counter: { evaluated: number },
): { gain: number; touched: number[] } | undefined {
  const dist = scan.distance;
  const n = tour.size;
  for (let side = 0; side < 2; side++) {
    const forward = side === 0;
    const t2 = forward ? tour.next(t1) : tour.previous(t1);
    const removed = dist(t1, t2);
    const list2 = scan.lists[t2] as readonly number[];
    for (let k = 0; k < Math.min(scan.listSize, list2.length); k++) {
      const t3 = list2[k] as number;
      const g1 = removed - dist(t2, t3);
      if (!(g1 > EPSILON * removed)) continue;
      const t4 = forward ? tour.next(t3) : tour.previous(t3);
      if (t3 === t1 || t3 === t2 || t4 === t1 || t4 === t2) continue;
      // The segment t2 .. t3 in the chain's direction: `span` cities from `first` in the array.
      const span = segmentLength(tour, t2, t3, forward, n);
      const first = forward ? t2 : t3;
      const list4 = scan.lists[t4] as readonly number[];
      for (let m = 0; m < Math.min(scan.listSize, list4.length); m++) {
        const t5 = list4[m] as number;
        const g2 = g1 + dist(t3, t4) - dist(t4, t5);
        if (!(g2 > EPSILON * removed)) continue;
        if (!tour.inSegment(t5, first, span)) continue;
        for (let way = 0; way < 2; way++) {
          const after = way === 0;
          // t6 next to t5 inside the segment: after it (t5 != t3) or before it (t5 != t2).
          if ((after && t5 === t3) || (!after && t5 === t2)) continue;
          const t6 = after === forward ? tour.next(t5) : tour.previous(t5);
          counter.evaluated++;
          const gain = g2 + dist(t5, t6) - dist(t6, t1);
          if (!(gain > EPSILON * removed)) continue;
          const forbidden = scan.forbidden;
          if (
            forbidden !== undefined &&
            (forbidden(t2, t3) || forbidden(t4, t5) || forbidden(t6, t1))
          )
            continue;
          if (after) {
            // t1 [t2..t5][t6..t3] t4 becomes t1 [t6..t3][t2..t5] t4.
            tour.twoOptMove(t1, t2, t3, t4);
            tour.twoOptMove(t1, t3, t6, t5);
            tour.twoOptMove(t3, t5, t2, t4);
          } else {
            // t1 [t2..t6][t5..t3] t4 becomes t1 [t6..t2][t3..t5] t4.
            tour.twoOptMove(t1, t2, t6, t5);
            tour.twoOptMove(t2, t5, t3, t4);
          }
          return { gain, touched: [t1, t2, t3, t4, t5, t6] };
        }
      }
    }
  }
  return undefined;
}

// Cities on the path from a to b (both included) in the given direction.
function segmentLength(tour: TourArray, a: number, b: number, forward: boolean, n: number) {
  const from = tour.positionOf(forward ? a : b);
  const to = tour.positionOf(forward ? b : a);
  return ((to - from + n) % n) + 1;
}
