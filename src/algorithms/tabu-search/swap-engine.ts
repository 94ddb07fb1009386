// The swap engine: robust tabu search on the full swap neighbourhood of a permutation
// (Taillard 1991). Every iteration scans all n(n-1)/2 swaps through the problem's swap-delta
// table (updated in O(n^2) per move) or its O(n) swap delta, takes the best admissible one,
// and forbids each of the two elements to return to the position it left.
import type { MoveModel } from '../../core/problem.js';
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';
import { endIteration, noteCurrent, type TabuState } from './search-state.js';
import { hashKey, moveTenure } from './tenure.js';

/**
 * Runs iterations until about `movesPerAsk` swap deltas were examined, the iteration limit is
 * reached, or the current solution jumps (restart, escape) and must be evaluated.
 */
export function swapChunk(
  state: TabuState,
  space: Space<unknown>,
  moves: MoveModel,
  rng: Rng,
): void {
  const params = state.params;
  const x = state.current as number[];
  const n = x.length;
  if (n < 2) return;
  const tabu = state.tabuList;
  const model = moves.swapTable;
  const swapDelta = moves.swap;
  let table = state.table;
  if (model !== undefined && (table === null || table.length < n * n)) {
    table = model.create(x);
    state.table = table;
  }
  const deltas: number[] = table ?? new Array<number>(n * n).fill(0);
  const pairs = (n * (n - 1)) / 2;
  const maxIterations = params.maxIterations ?? Infinity;
  const hash = (): number => hashKey(x);
  let work = 0;
  while (work < params.movesPerAsk && state.iteration < maxIterations) {
    if (model === undefined && swapDelta !== undefined) {
      for (let i = 0; i < n - 1; i++)
        for (let j = i + 1; j < n; j++) deltas[i * n + j] = swapDelta(x, i, j);
    }
    work += pairs;
    const iteration = state.iteration;
    const current = state.currentValue;
    // A move improving the best is aspired; so is one placing an element where it has not
    // been for `longTerm` iterations (Taillard's long-term diversification).
    const target = params.aspiration ? state.bestValue - current : -Infinity;
    const horizon = state.longTerm > 0 ? iteration - state.longTerm : -Infinity;
    let r = -1;
    let s = -1;
    let bestDelta = Infinity;
    let aspired = false;
    for (let i = 0; i < n - 1; i++) {
      const row = i * n;
      const xi = x[i] as number;
      for (let j = i + 1; j < n; j++) {
        const delta = deltas[row + j] as number;
        const toI = tabu[row + (x[j] as number)] as number;
        const toJ = tabu[j * n + xi] as number;
        if (delta < target || toI < horizon || toJ < horizon) {
          if (!aspired || delta < bestDelta) {
            aspired = true;
            bestDelta = delta;
            r = i;
            s = j;
          }
        } else if (!aspired && delta < bestDelta && (toI < iteration || toJ < iteration)) {
          bestDelta = delta;
          r = i;
          s = j;
        }
      }
    }
    if (r < 0) {
      // Every move is tabu: make a random one.
      r = rng.int(n - 1);
      s = r + 1 + rng.int(n - 1 - r);
      bestDelta = deltas[r * n + s] as number;
    }
    const xr = x[r] as number;
    x[r] = x[s] as number;
    x[s] = xr;
    // x[s] now holds what left position r: it may not return there for a while, and the same
    // for position s.
    tabu[r * n + xr] = iteration + moveTenure(state.tenure, params, iteration, rng);
    tabu[s * n + (x[r] as number)] = iteration + moveTenure(state.tenure, params, iteration, rng);
    if (model !== undefined) model.update(deltas, x, r, s);
    state.iteration++;
    noteCurrent(state, state.currentValue + bestDelta, true);
    if (endIteration(state, space, rng, hash)) return;
  }
}
