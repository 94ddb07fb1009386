// 2-opt + Or-opt local search for tours with neighbour lists and don't-look bits (Bentley 1992,
// "Fast algorithms for geometric traveling salesman problems"; Johnson & McGeoch 1997, "The
// traveling salesman problem: a case study in local optimization"). It reads edge lengths from
// the problem's move model (`moves.distance`, `moves.neighbors`) and never calls the objective.
//
// API: twoOptOrOpt(tour, value, moves, rng, options) -> { x, value, moves }
//   tour: a permutation read as a closed tour; value: its length (NaN when unknown: the result's
//   value is then NaN too, the caller re-evaluates); moves: a MoveModel with `distance` (and
//   `neighbors`, built from `distance` when absent). `options.start` limits the first pass to a
//   few cities (e.g. the ends of the edges a kick changed), the heart of fast iterated local
//   search; other cities are only looked at once a move touches them.
import type { MoveModel } from '../../../core/problem.js';
import type { Rng } from '../../../core/rng.js';
import { ParameterError } from '../../../core/errors.js';
import { type MoveSearchResult } from './move-search-result.js';
import { CityQueue } from './city-queue.js';
import { applyOrOpt, scanOrOpt, type OrOptScan } from './or-opt-scan.js';
import { TourArray } from './tour-array.js';

/** Options of {@link twoOptOrOpt}. */
export interface TourLocalSearchOptions {
  /**
   * Also try Or-opt moves (a segment of 1 to `segmentLength` cities moved elsewhere, either way).
   * @defaultValue true
   */
  orOpt?: boolean;
  /**
   * Longest segment Or-opt moves.
   * @defaultValue 3
   */
  segmentLength?: number;
  /**
   * Candidate partners per city: the nearest ones in `moves.neighbors`.
   * @defaultValue 10
   */
  neighborListSize?: number;
  /**
   * `first`: apply the first improving move found from a city; `best`: the best one among the
   * city's candidate moves.
   * @defaultValue 'first'
   */
  improvement?: 'first' | 'best';
  /**
   * Don't-look bits: a city is looked at again only when one of its tour edges changed. Off,
   * the search sweeps every city until a whole sweep finds nothing (slower, a stricter optimum).
   * @defaultValue true
   */
  dontLookBits?: boolean;
  /** Cities to look at first (all cities, in random order, when absent). */
  start?: readonly number[];
}

// Neighbour lists built from `distance` for move models that lack them, once per model.
const builtNeighbors = new WeakMap<MoveModel, number[][]>();

/** The nearest-first candidate lists of a move model (built from `distance` when absent). */
export function neighborLists(moves: MoveModel, n: number): readonly (readonly number[])[] {
  if (moves.neighbors !== undefined) return moves.neighbors;
  const cached = builtNeighbors.get(moves);
  if (cached !== undefined && cached.length === n) return cached;
  const distance = requireDistance(moves, 'neighborLists');
  const lists: number[][] = [];
  for (let a = 0; a < n; a++) {
    const others = Array.from({ length: n - 1 }, (_, k) => (k < a ? k : k + 1));
    const lengths = others.map((b) => distance(a, b));
    const order = others
      .map((_, k) => k)
      .sort((p, q) => (lengths[p] as number) - (lengths[q] as number) || p - q);
    lists.push(order.map((k) => others[k] as number));
  }
  builtNeighbors.set(moves, lists);
  return lists;
}

function requireDistance(moves: MoveModel, where: string): (a: number, b: number) => number {
  if (moves.distance === undefined) {
    throw new ParameterError(
      `${where}: moves.distance must be a function (got undefined); tour local search reads edge lengths from the move model`,
    );
  }
  return moves.distance;
}

/** 2-opt (+ Or-opt) local search from `tour`; see the file comment. */
export function twoOptOrOpt(
  tour: readonly number[],
  value: number,
  moves: MoveModel,
  rng: Rng,
  options: TourLocalSearchOptions = {},
): MoveSearchResult {
  const n = tour.length;
  if (n < 5) return { x: tour.slice(), value, moves: 0 };
  const distance = requireDistance(moves, 'twoOptOrOpt');
  const search = new TourSearch(tour, moves, distance, neighborLists(moves, n), options);
  const start = options.start ?? rng.shuffle(tour.slice());
  const total = options.dontLookBits === false ? search.sweeps(start) : search.queued(start);
  return { x: search.tour.toArray(), value: value + search.delta, moves: total };
}

// Gains below this (relative to the edge removed) are rounding noise, not improvements.
const EPSILON = 1e-10;

class TourSearch {
  readonly tour: TourArray;
  delta = 0;
  private readonly orOpt: boolean;
  private readonly segmentLength: number;
  private readonly listSize: number;
  private readonly best: boolean;
  private readonly scan: OrOptScan;
  // The best move found from the current city (for `best` improvement).
  private bestGain = 0;
  private bestMove: (() => number[]) | undefined;

  constructor(
    tour: readonly number[],
    private readonly moves: MoveModel,
    private readonly distance: (a: number, b: number) => number,
    private readonly lists: readonly (readonly number[])[],
    options: TourLocalSearchOptions,
  ) {
    this.tour = new TourArray(tour);
    this.orOpt = options.orOpt ?? true;
    this.segmentLength = Math.max(1, Math.min(options.segmentLength ?? 3, tour.length - 4));
    this.listSize = options.neighborListSize ?? 10;
    this.best = options.improvement === 'best';
    this.scan = {
      distance,
      lists,
      listSize: this.listSize,
      segmentLength: this.segmentLength,
    };
  }

  /** Processes a FIFO of cities to look at; a changed edge puts its ends back. */
  queued(start: readonly number[]): number {
    const queue = new CityQueue(this.tour.size);
    for (const city of start) queue.push(city);
    return queue.drain((city) => this.improveCity(city));
  }

  /** Sweeps every city until a whole sweep applies no move. */
  sweeps(order: readonly number[]): number {
    let applied = 0;
    for (;;) {
      let improved = false;
      for (const city of order) {
        while (this.improveCity(city) !== undefined) {
          applied++;
          improved = true;
        }
      }
      if (!improved) return applied;
    }
  }

  // Looks for an improving move from `city`; applies it and returns the cities whose edges
  // changed, or undefined when there is none.
  private improveCity(a: number): number[] | undefined {
    this.bestGain = 0;
    this.bestMove = undefined;
    const touched = this.twoOptFrom(a) ?? (this.orOpt ? this.orOptFrom(a) : undefined);
    if (touched !== undefined) return touched;
    // Set by offer() during the scans above (best improvement).
    const apply = this.bestMove as (() => number[]) | undefined;
    this.bestMove = undefined;
    return apply?.();
  }

  // Records an improving move; in `first` mode applies it at once.
  private offer(gain: number, apply: () => number[]): number[] | undefined {
    if (!this.best) {
      this.delta -= gain;
      return apply();
    }
    if (gain > this.bestGain) {
      this.bestGain = gain;
      this.bestMove = () => {
        this.delta -= gain;
        return apply();
      };
    }
    return undefined;
  }

  // The delta of replacing edges (a, b), (c, d) by (a, c), (b, d); `first` and `second` start
  // the two removed edges in tour order. Asked from the move model when it has twoOpt (so that
  // the runner counts it), else computed from edge lengths.
  private twoOptDelta(first: number, second: number, a: number, b: number, c: number, d: number) {
    const twoOpt = this.moves.twoOpt;
    const dist = this.distance;
    if (twoOpt === undefined) return dist(a, c) + dist(b, d) - dist(a, b) - dist(c, d);
    const i = this.tour.positionOf(first);
    const j = this.tour.positionOf(second);
    return i < j ? twoOpt(this.tour.order, i, j) : twoOpt(this.tour.order, j, i);
  }

  // The delta of an Or-opt move, from the move model's orOpt when the segment does not wrap
  // around the end of the array (its positions are then contiguous), else `formula`.
  private orOptDelta(first: number, length: number, u: number, reversed: boolean, formula: number) {
    const orOpt = this.moves.orOpt;
    const i = this.tour.positionOf(first);
    if (orOpt === undefined || i + length > this.tour.size) return formula;
    return orOpt(this.tour.order, i, length, this.tour.positionOf(u), reversed);
  }

  // 2-opt moves that replace a tour edge at `a` by an edge to a near neighbour c.
  private twoOptFrom(a: number): number[] | undefined {
    const tour = this.tour;
    const dist = this.distance;
    const list = this.lists[a] as readonly number[];
    const size = Math.min(this.listSize, list.length);
    for (let side = 0; side < 2; side++) {
      const forward = side === 0;
      const b = forward ? tour.next(a) : tour.previous(a);
      const ab = dist(a, b);
      for (let k = 0; k < size; k++) {
        const c = list[k] as number;
        const ac = dist(a, c);
        if (ac >= ab) break;
        const d = forward ? tour.next(c) : tour.previous(c);
        if (c === b || d === a) continue;
        const gain = -this.twoOptDelta(forward ? a : b, forward ? c : d, a, b, c, d);
        if (gain > EPSILON * ab) {
          const touched = this.offer(gain, () => {
            tour.twoOptMove(a, b, c, d);
            return [a, b, c, d];
          });
          if (touched !== undefined) return touched;
        }
      }
    }
    return undefined;
  }

  // Or-opt moves of a segment that ends at `a`, reinserted next to a near neighbour of an end.
  private orOptFrom(a: number): number[] | undefined {
    return scanOrOpt(this.tour, a, this.scan, (move) => {
      const gain = -this.orOptDelta(move.first, move.length, move.u, move.reversed, -move.gain);
      if (!(gain > EPSILON * move.removal)) return undefined;
      return this.offer(gain, () => applyOrOpt(this.tour, move));
    });
  }
}
