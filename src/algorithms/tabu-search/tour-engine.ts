// The Lin-Kernighan engine: tabu search on tours whose every iteration stays local (Glover
// 1990; the TSP tabu walks of Knox 1994, with the candidate lists and don't-look queue of
// Bentley 1992). An iteration looks only at the 2-opt moves around the cities its previous
// iteration changed (plus a few random cities, so that the walk can move elsewhere), each
// adding a link from a city to one of its candidate partners; it takes the best admissible one,
// even uphill, and makes the two removed links tabu. Lin-Kernighan then repairs the tour from
// the changed cities without adding a tabu link, so that the walk does not fall back into the
// local optimum it just left. An iteration costs O(candidates), not O(n). A walk that has not
// improved the best for `stagnation` iterations restarts from the best tour kicked by a
// segment-local double bridge (Applegate, Cook & Rohe 2003), from the kicked cities, so that
// restarts stay cheap too and many fit in a time budget on thousands of cities.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { ChainSearch } from '../operators/local-search/chain-search.js';
import { CityQueue } from '../operators/local-search/city-queue.js';
import { chainSettings } from '../operators/local-search/lin-kernighan.js';
import { TourArray } from '../operators/local-search/tour-array.js';
import { neighborLists } from '../operators/local-search/tour-local-search.js';
import { doubleBridgeKick } from '../iterated-local-search/kicks.js';
import { isTabuLink, makeTabuLink } from './link-tabu.js';
import { endIteration, noteCurrent, type TabuState } from './search-state.js';
import { hashKey, moveTenure } from './tenure.js';
import { canonicalTour } from './canonical-tour.js';

/** Random cities added to each iteration's focus. */
const RANDOM_FOCUS = 2;
/** Most cities an iteration looks at (the changed ones first). */
const FOCUS_LIMIT = 24;
/** Candidate partners per city for the walk's 2-opt moves. */
const PARTNERS = 5;
/** Longest segment of the restart kick's double bridge. */
const KICK_SEGMENT = 50;

/**
 * Runs iterations until about `movesPerAsk` moves were evaluated, the iteration limit is
 * reached, or the current tour jumps (restart, escape) and must be evaluated.
 */
export function tourChunk(
  state: TabuState,
  space: Space<unknown>,
  moves: MoveModel,
  rng: Rng,
): void {
  const distance = moves.distance;
  const x = state.current as number[];
  const n = x.length;
  if (distance === undefined || n < 8) return;
  const params = state.params;
  const memory = state.tabuList;
  const tour = new TourArray(x);
  const nearest = neighborLists(moves, n);
  const partners = moves.candidates ?? nearest;
  let iteration = state.iteration;
  const search = new ChainSearch(
    tour,
    distance,
    partners,
    nearest,
    chainSettings({ forbidden: (a, b) => isTabuLink(memory, a, b, iteration) }),
  );
  const queue = new CityQueue(n);
  const touched = new Set<number>();
  const repair = (cities: Iterable<number>): number => {
    search.delta = 0;
    for (const city of cities) queue.push(city);
    queue.drain((city) => {
      const changed = search.improveCity(city);
      if (changed !== undefined) for (const c of changed) touched.add(c);
      return changed;
    });
    return search.delta;
  };
  const sync = (): void => {
    const order = tour.order;
    for (let k = 0; k < n; k++) x[k] = order[k] as number;
  };
  let value = state.currentValue;
  if (state.focus.length === 0) {
    // A new start (or restart): its local optimum first, from every city.
    value += repair(rng.shuffle(x.slice()));
    sync();
    noteCurrent(state, value, true);
    state.focus = [...touched].slice(0, FOCUS_LIMIT);
    if (state.focus.length === 0) state.focus = [rng.int(n)];
  }
  const maxIterations = params.maxIterations ?? Infinity;
  let work = 0;
  while (work < params.movesPerAsk && state.iteration < maxIterations) {
    iteration = state.iteration;
    if (
      params.diversification !== 'none' &&
      state.stagnation > 0 &&
      iteration - state.lastImprovement >= state.stagnation
    ) {
      value = restart(state, tour, distance, rng);
      sync();
    }
    const focus = state.focus;
    for (let r = 0; r < RANDOM_FOCUS; r++) focus.push(rng.int(n));
    // The best admissible 2-opt move that adds (a, c): removes (a, b) and (c, d), with b and d
    // the successors (or both the predecessors) of a and c; adds (a, c) and (b, d).
    let bestDelta = Infinity;
    let bestA = -1;
    let bestB = -1;
    let bestC = -1;
    let bestD = -1;
    const target = params.aspiration ? state.bestValue - value : -Infinity;
    for (const a of focus) {
      const list = partners[a] as readonly number[];
      const size = Math.min(PARTNERS, list.length);
      for (let side = 0; side < 2; side++) {
        const b = side === 0 ? tour.next(a) : tour.previous(a);
        const ab = distance(a, b);
        for (let k = 0; k < size; k++) {
          const c = list[k] as number;
          if (c === b) continue;
          const d = side === 0 ? tour.next(c) : tour.previous(c);
          if (d === a) continue;
          work++;
          const delta = distance(a, c) + distance(b, d) - ab - distance(c, d);
          if (delta >= bestDelta) continue;
          // A move that improves the best is aspired; any other must not bring back a tabu link.
          if (
            delta >= target &&
            (isTabuLink(memory, a, c, iteration) || isTabuLink(memory, b, d, iteration))
          )
            continue;
          bestDelta = delta;
          bestA = a;
          bestB = b;
          bestC = c;
          bestD = d;
        }
      }
    }
    touched.clear();
    if (bestA >= 0) {
      tour.twoOptMove(bestA, bestB, bestC, bestD);
      value += bestDelta;
      makeTabuLink(
        memory,
        bestA,
        bestB,
        iteration + moveTenure(state.tenure, params, iteration, rng),
      );
      makeTabuLink(
        memory,
        bestC,
        bestD,
        iteration + moveTenure(state.tenure, params, iteration, rng),
      );
      touched.add(bestA).add(bestB).add(bestC).add(bestD);
      value += repair([bestA, bestB, bestC, bestD]);
    }
    state.focus = [...touched].slice(0, FOCUS_LIMIT);
    state.iteration++;
    if (value < state.episodeBestValue || params.tenurePolicy === 'reactive') sync();
    noteCurrent(state, value, true);
    const hash = (): number => hashKey(canonicalTour(x));
    if (endIteration(state, space, rng, hash)) break;
  }
  if (!state.needsEvaluation) sync();
  moves.tally?.(work + search.evaluated);
}

// Puts the best tour, kicked by a segment-local double bridge, in `tour`; returns its length.
function restart(
  state: TabuState,
  tour: TourArray,
  distance: (a: number, b: number) => number,
  rng: Rng,
): number {
  const kick = doubleBridgeKick(state.best as number[], KICK_SEGMENT, rng);
  const n = kick.x.length;
  let value = 0;
  for (let k = 0; k < n; k++) {
    const city = kick.x[k] as number;
    tour.order[k] = city;
    value += distance(city, kick.x[k + 1 === n ? 0 : k + 1] as number);
  }
  tour.reindex();
  state.restarts++;
  state.lastImprovement = state.iteration;
  state.episodeBest = undefined;
  state.episodeBestValue = Infinity;
  state.focus = kick.touched ?? [rng.int(n)];
  return value;
}
