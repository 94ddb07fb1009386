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
// through a worse intermediate tour, are tried. The search from one city is chain-search.ts.
//
// API: linKernighan(tour, value, moves, rng, options) -> { x, value, moves }, as twoOptOrOpt.
import type { MoveModel } from '../../../core/problem.js';
import type { Rng } from '../../../core/rng.js';
import { ParameterError } from '../../../core/errors.js';
import { ChainSearch, type ChainSettings } from './chain-search.js';
import { CityQueue } from './city-queue.js';
import type { MoveSearchResult } from './move-search-result.js';
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
  /** True when the link (a, b) must not be added (tabu links); absent: every link may be. */
  forbidden?: (a: number, b: number) => boolean;
}

/** The chain settings that `options` stand for (defaults filled in). */
export function chainSettings(options: LinKernighanOptions): ChainSettings {
  return {
    depth: Math.max(1, options.depth ?? 6),
    breadth: options.breadth ?? [5, 3],
    listSize: options.neighborListSize ?? 8,
    orOpt: options.orOpt ?? true,
    orThreeOpt: options.orThreeOpt ?? true,
    ...(options.forbidden === undefined ? {} : { forbidden: options.forbidden }),
  };
}

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
  const search = new ChainSearch(
    new TourArray(tour),
    distance,
    moves.candidates ?? nearest,
    nearest,
    chainSettings(options),
  );
  const queue = new CityQueue(n);
  for (const city of options.start ?? rng.shuffle(tour.slice())) queue.push(city);
  const applied = queue.drain((city) => search.improveCity(city));
  moves.tally?.(search.evaluated);
  return { x: search.tour.toArray(), value: value + search.delta, moves: applied };
}
