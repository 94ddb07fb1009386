// Lin-Kernighan local search for tours (Lin & Kernighan 1973), in the flip form of Johnson &
// McGeoch 1997 ("The traveling salesman problem: a case study in local optimization", section
// 3.3) with the candidate lists and don't-look bits of Bentley 1992. A move is a chain of 2-opt
// flips that share the base city t1: each flip removes the edge (t1, t2), adds (t2, t3) for t3 on
// t2's candidate list, removes (t3, t4) with t4 the neighbour that keeps a tour, and closes with
// (t4, t1), which the next flip removes again. The chain grows while its open gain stays positive
// (removed minus added lengths, the closing edge left out), up to `depth` flips, trying `breadth`
// alternatives at its first levels; the best closed prefix is kept if it shortens the tour.
// Sequential 3-opt moves are chains of two flips. When no chain improves, the alternate first
// step (or-three-opt.ts) and Or-opt segment insertion, which a pure flip chain only reaches
// through a worse intermediate tour, are tried.
//
// API: linKernighan(tour, value, moves, rng, options) -> { x, value, moves }, as twoOptOrOpt.
import type { MoveModel } from '../../../core/problem.js';
import type { Rng } from '../../../core/rng.js';
import { ParameterError } from '../../../core/errors.js';
import { CityQueue } from './city-queue.js';
import type { MoveSearchResult } from './move-search-result.js';
import { applyOrOpt, scanOrOpt, type OrOptScan } from './or-opt-scan.js';
import { scanOrThreeOpt, type OrThreeOptScan } from './or-three-opt.js';
import { TourArray } from './tour-array.js';
import { neighborLists } from './tour-local-search.js';

/** Options of {@link linKernighan}. */
export interface LinKernighanOptions {
  /**
   * Most flips in one move (2: sequential 3-opt; 1: plain 2-opt).
   * @defaultValue 6
   */
  depth?: number;
  /**
   * Alternatives tried at each of the first levels of a move (t3 choices, best look-ahead
   * first); deeper levels take the best one only.
   * @defaultValue [5, 3]
   */
  breadth?: readonly number[];
  /**
   * Candidate partners per city for chain steps: the first ones in `moves.candidates` (in
   * `moves.neighbors` when absent); Or-opt moves take the nearest ones in `moves.neighbors`.
   * @defaultValue 8
   */
  neighborListSize?: number;
  /**
   * Also try Or-opt moves (segments of 1 to 3 cities) from a city where no chain improves.
   * @defaultValue true
   */
  orOpt?: boolean;
  /**
   * Also try the alternate first step (a sequential 3-opt move that swaps two pieces of a
   * segment, see or-three-opt.ts) from a city where no chain improves, before Or-opt.
   * @defaultValue true
   */
  orThreeOpt?: boolean;
  /** Cities to look at first (all cities, in random order, when absent). */
  start?: readonly number[];
}

// Gains below this (relative to the edge removed) are rounding noise, not improvements.
const EPSILON = 1e-10;

/** Lin-Kernighan local search from `tour`; see the file comment. */
export function linKernighan(
  tour: readonly number[],
  value: number,
  moves: MoveModel,
  rng: Rng,
  options: LinKernighanOptions = {},
): MoveSearchResult {
  const n = tour.length;
  if (n < 8) return { x: tour.slice(), value, moves: 0 };
  const distance = moves.distance;
  if (distance === undefined) {
    throw new ParameterError(
      'linKernighan: moves.distance must be a function (got undefined); tour local search reads edge lengths from the move model',
    );
  }
  const nearest = neighborLists(moves, n);
  const search = new ChainSearch(tour, distance, moves.candidates ?? nearest, nearest, options);
  const queue = new CityQueue(n);
  for (const city of options.start ?? rng.shuffle(tour.slice())) queue.push(city);
  const applied = queue.drain((city) => search.improveCity(city));
  moves.tally?.(search.evaluated);
  return { x: search.tour.toArray(), value: value + search.delta, moves: applied };
}

// One flip of a chain: edges (t1, t2), (t4, t3) replaced by (t2, t3), (t4, t1). While the chain
// is tentative, a flip is only recorded as the reversal of `length` positions from `from` of
// the array, applied on the fly to position look-ups (O(depth) each instead of O(n) per flip).
interface Flip {
  t2: number;
  t3: number;
  t4: number;
  delta: number;
  from: number;
  length: number;
}

class ChainSearch {
  readonly tour: TourArray;
  /** Sum of the deltas of the moves kept so far. */
  delta = 0;
  /** Flips and Or-opt moves whose gain was computed. */
  evaluated = 0;
  private readonly size: number;
  private readonly depth: number;
  private readonly breadth: readonly number[];
  private readonly listSize: number;
  private readonly orOpt: boolean;
  private readonly scan: OrOptScan;
  private readonly threeOpt: OrThreeOptScan | undefined;
  // The chain being built from t1: its flips and its tour-length change so far.
  private t1 = 0;
  private forward = true;
  private readonly flips: Flip[] = [];
  private chainDelta = 0;
  private bestDelta = 0;
  private bestLength = 0;
  // Per chain level: the t3 candidates picked, their t4 and look-ahead scores.
  private readonly picked: Int32Array[] = [];
  private readonly partners: Int32Array[] = [];
  private readonly scores: Float64Array[] = [];

  constructor(
    tour: readonly number[],
    private readonly distance: (a: number, b: number) => number,
    private readonly lists: readonly (readonly number[])[],
    nearest: readonly (readonly number[])[],
    options: LinKernighanOptions,
  ) {
    this.tour = new TourArray(tour);
    this.size = tour.length;
    this.depth = Math.max(1, options.depth ?? 6);
    this.breadth = options.breadth ?? [5, 3];
    this.listSize = options.neighborListSize ?? 8;
    this.orOpt = options.orOpt ?? true;
    const widest = Math.max(1, ...this.breadth);
    for (let level = 0; level < this.depth; level++) {
      this.picked.push(new Int32Array(widest));
      this.partners.push(new Int32Array(widest));
      this.scores.push(new Float64Array(widest));
    }
    this.scan = { distance, lists: nearest, listSize: this.listSize, segmentLength: 3 };
    this.threeOpt =
      options.orThreeOpt === false ? undefined : { distance, lists, listSize: this.listSize };
  }

  /** Applies an improving move from city `a`; returns the cities whose edges changed. */
  improveCity(a: number): number[] | undefined {
    for (let side = 0; side < 2; side++) {
      this.forward = side === 0;
      const t2 = this.forward ? this.tour.next(a) : this.tour.previous(a);
      this.t1 = a;
      this.flips.length = 0;
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
    if (!this.orOpt) return undefined;
    return scanOrOpt(this.tour, a, this.scan, (move) => {
      this.evaluated++;
      if (!(move.gain > EPSILON * move.removal)) return undefined;
      this.delta -= move.gain;
      return applyOrOpt(this.tour, move);
    });
  }

  // Applies the best prefix of the chain to the tour; returns the cities whose edges changed.
  private commit(): number[] {
    const tour = this.tour;
    const t1 = this.t1;
    const touched = [t1];
    for (let k = 0; k < this.bestLength; k++) {
      const { t2, t3, t4 } = this.flips[k] as Flip;
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
    const t1 = this.t1;
    const forward = this.forward;
    const open = dist(t1, t2) - this.chainDelta;
    const list = this.lists[t2] as readonly number[];
    const size = Math.min(this.listSize, list.length);
    // Candidates t3 by look-ahead |t3 t4| - |t2 t3|, best first, in this level's buffers.
    const width = level < this.breadth.length ? (this.breadth[level] as number) : 1;
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
      const t4 = forward ? this.previous(t3) : this.next(t3);
      if (t4 === t2 || this.inChain(t3, t4)) continue;
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
      const from = this.positionOf(forward ? t2 : t4);
      const to = this.positionOf(forward ? t4 : t2);
      const length = ((to - from + this.size) % this.size) + 1;
      this.flips.push({ t2, t3, t4, delta, from, length });
      this.chainDelta += delta;
      if (this.chainDelta < this.bestDelta - EPSILON * open) {
        this.bestDelta = this.chainDelta;
        this.bestLength = this.flips.length;
      }
      if (level + 1 < this.depth && this.extend(level + 1, t4)) return true;
      if (this.bestLength > 0) return true;
      this.flips.pop();
      this.chainDelta -= delta;
    }
    return false;
  }

  // True when the edge (a, b) was added by the chain (it must not be removed again).
  private inChain(a: number, b: number): boolean {
    for (const flip of this.flips) {
      if ((flip.t2 === a && flip.t3 === b) || (flip.t2 === b && flip.t3 === a)) return true;
    }
    return false;
  }

  // Position look-ups through the tentative flips: each flip reflects the positions it covers.
  private reflect(position: number, flip: Flip): number {
    const n = this.size;
    const offset = position >= flip.from ? position - flip.from : position - flip.from + n;
    if (offset >= flip.length) return position;
    const mirrored = flip.from + flip.length - 1 - offset;
    return mirrored >= n ? mirrored - n : mirrored;
  }

  private positionOf(city: number): number {
    let position = this.tour.positionOf(city);
    for (const flip of this.flips) position = this.reflect(position, flip);
    return position;
  }

  private cityAt(position: number): number {
    let p = position;
    for (let k = this.flips.length - 1; k >= 0; k--) p = this.reflect(p, this.flips[k] as Flip);
    return this.tour.order[p] as number;
  }

  private next(city: number): number {
    const p = this.positionOf(city) + 1;
    return this.cityAt(p === this.size ? 0 : p);
  }

  private previous(city: number): number {
    const p = this.positionOf(city);
    return this.cityAt(p === 0 ? this.size - 1 : p - 1);
  }
}
