// The improving-move search of Lin-Kernighan from one city (lin-kernighan.ts): chains of 2-opt
// flips that share the base city t1, grown while their open gain stays positive, the best
// improving prefix kept; then the alternate first step (or-three-opt.ts) and Or-opt when no
// chain improves. It works on a tour array that its caller owns, so that a search that keeps
// a tour between calls (tabu search) repairs it in place. Links that a `forbidden` filter
// rejects are never added (tabu links).
import { applyOrOpt, scanOrOpt, type OrOptMove, type OrOptScan } from './or-opt-scan.js';
import { scanOrThreeOpt, type OrThreeOptScan } from './or-three-opt.js';
import { TentativeFlips, type Flip } from './tentative-flips.js';
import type { TourArray } from './tour-array.js';

/** Settings of a {@link ChainSearch}, resolved from the Lin-Kernighan options. */
export interface ChainSettings {
  depth: number;
  breadth: readonly number[];
  listSize: number;
  orOpt: boolean;
  orThreeOpt: boolean;
  /** True when the link (a, b) must not be added; absent: every link may be. */
  forbidden?: (a: number, b: number) => boolean;
}

// Gains below this (relative to the edge removed) are rounding noise, not improvements.
const EPSILON = 1e-10;

/** Improving Lin-Kernighan moves from one city at a time, applied to `tour` in place. */
export class ChainSearch {
  /** Sum of the deltas of the moves kept so far. */
  delta = 0;
  /** Flips and Or-opt moves whose gain was computed. */
  evaluated = 0;
  private readonly size: number;
  private readonly scan: OrOptScan;
  private readonly threeOpt: OrThreeOptScan | undefined;
  private readonly chain: TentativeFlips;
  private readonly forbidden: ((a: number, b: number) => boolean) | undefined;
  // The chain being built from t1: its tour-length change so far and its best closed prefix.
  private t1 = 0;
  private forward = true;
  private chainDelta = 0;
  private bestDelta = 0;
  private bestLength = 0;
  // Per chain level: the t3 candidates picked, their t4 and look-ahead scores.
  private readonly picked: Int32Array[] = [];
  private readonly partners: Int32Array[] = [];
  private readonly scores: Float64Array[] = [];

  constructor(
    readonly tour: TourArray,
    private readonly distance: (a: number, b: number) => number,
    private readonly lists: readonly (readonly number[])[],
    nearest: readonly (readonly number[])[],
    private readonly settings: ChainSettings,
  ) {
    this.size = tour.size;
    this.chain = new TentativeFlips(tour);
    this.forbidden = settings.forbidden;
    const widest = Math.max(1, ...settings.breadth);
    for (let level = 0; level < settings.depth; level++) {
      this.picked.push(new Int32Array(widest));
      this.partners.push(new Int32Array(widest));
      this.scores.push(new Float64Array(widest));
    }
    const listSize = settings.listSize;
    this.scan = { distance, lists: nearest, listSize, segmentLength: 3 };
    this.threeOpt = settings.orThreeOpt
      ? {
          distance,
          lists,
          listSize,
          ...(settings.forbidden === undefined ? {} : { forbidden: settings.forbidden }),
        }
      : undefined;
  }

  /** Applies an improving move from city `a`; returns the cities whose edges changed. */
  improveCity(a: number): number[] | undefined {
    for (let side = 0; side < 2; side++) {
      this.forward = side === 0;
      const t2 = this.forward ? this.tour.next(a) : this.tour.previous(a);
      this.t1 = a;
      this.chain.clear();
      this.chainDelta = 0;
      this.bestDelta = 0;
      this.bestLength = 0;
      this.extend(0, t2);
      if (this.bestLength > 0) return this.commit();
    }
    if (this.threeOpt !== undefined) {
      const move = scanOrThreeOpt(this.tour, a, this.threeOpt, this);
      if (move !== undefined) {
        this.delta -= move.gain;
        return move.touched;
      }
    }
    if (!this.settings.orOpt) return undefined;
    return scanOrOpt(this.tour, a, this.scan, (move) => {
      this.evaluated++;
      if (!(move.gain > EPSILON * move.removal)) return undefined;
      if (this.forbidden !== undefined && this.addsForbidden(move)) return undefined;
      this.delta -= move.gain;
      return applyOrOpt(this.tour, move);
    });
  }

  private addsForbidden(move: OrOptMove): boolean {
    const forbidden = this.forbidden as (a: number, b: number) => boolean;
    const [head, tail] = move.reversed ? [move.last, move.first] : [move.first, move.last];
    return forbidden(move.before, move.after) || forbidden(move.u, head) || forbidden(tail, move.v);
  }

  // Applies the best prefix of the chain to the tour; returns the cities whose edges changed.
  private commit(): number[] {
    const tour = this.tour;
    const t1 = this.t1;
    const touched = [t1];
    for (let k = 0; k < this.bestLength; k++) {
      const { t2, t3, t4 } = this.chain.flips[k] as Flip;
      // ... t1 t2 ... t4 t3 ... becomes ... t1 t4 ... t2 t3 ..., whichever way the array runs.
      if (tour.next(t1) === t2) tour.reversePath(t2, t4);
      else tour.reversePath(t4, t2);
      touched.push(t2, t3, t4);
    }
    this.delta += this.bestDelta;
    return touched;
  }

  // Grows the chain from its free end t2 (which follows t1 in the chain's direction); returns
  // true once an improving prefix has been found.
  private extend(level: number, t2: number): boolean {
    const dist = this.distance;
    const chain = this.chain;
    const forbidden = this.forbidden;
    const t1 = this.t1;
    const forward = this.forward;
    const open = dist(t1, t2) - this.chainDelta;
    const list = this.lists[t2] as readonly number[];
    const size = Math.min(this.settings.listSize, list.length);
    // Candidates t3 by look-ahead |t3 t4| - |t2 t3|, best first, in this level's buffers.
    const breadth = this.settings.breadth;
    const width = level < breadth.length ? (breadth[level] as number) : 1;
    const picked = this.picked[level] as Int32Array;
    const partners = this.partners[level] as Int32Array;
    const scores = this.scores[level] as Float64Array;
    let count = 0;
    for (let k = 0; k < size; k++) {
      const t3 = list[k] as number;
      const added = dist(t2, t3);
      // Candidates need not come nearest first (alpha-nearness), so every one is looked at.
      if (!(open - added > EPSILON * open)) continue;
      if (t3 === t1) continue;
      if (forbidden !== undefined && forbidden(t2, t3)) continue;
      const t4 = forward ? chain.previous(t3) : chain.next(t3);
      if (t4 === t2 || chain.added(t3, t4)) continue;
      const score = dist(t3, t4) - added;
      let at = count;
      while (at > 0 && score > (scores[at - 1] as number)) at--;
      if (at >= width) continue;
      for (let m = Math.min(count, width - 1); m > at; m--) {
        picked[m] = picked[m - 1] as number;
        partners[m] = partners[m - 1] as number;
        scores[m] = scores[m - 1] as number;
      }
      picked[at] = t3;
      partners[at] = t4;
      scores[at] = score;
      if (count < width) count++;
    }
    for (let k = 0; k < count; k++) {
      const t3 = picked[k] as number;
      const t4 = partners[k] as number;
      const delta = dist(t2, t3) + dist(t4, t1) - dist(t1, t2) - dist(t4, t3);
      this.evaluated++;
      // The path t2 .. t4 (in the chain's direction) is reversed.
      const from = chain.positionOf(forward ? t2 : t4);
      const to = chain.positionOf(forward ? t4 : t2);
      const length = ((to - from + this.size) % this.size) + 1;
      chain.push({ t2, t3, t4, delta, from, length });
      this.chainDelta += delta;
      // The prefix closes with the link (t4, t1), which must be allowed too.
      if (
        this.chainDelta < this.bestDelta - EPSILON * open &&
        (forbidden === undefined || !forbidden(t4, t1))
      ) {
        this.bestDelta = this.chainDelta;
        this.bestLength = chain.length;
      }
      if (level + 1 < this.settings.depth && this.extend(level + 1, t4)) return true;
      if (this.bestLength > 0) return true;
      chain.pop();
      this.chainDelta -= delta;
    }
    return false;
  }
}
