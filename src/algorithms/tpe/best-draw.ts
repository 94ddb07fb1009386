// The TPE's choice among the draws from the good density: the one of largest log l(x) - log g(x),
// finishing the rest density's log-sum-exp only for the draws that can still win.
import {
  largestTerms,
  logParzenDensities,
  termsLogDensity,
  termsLogDensityBounds,
} from './parzen-density.js';
import type { ParzenEstimator } from './parzen.js';

// Per-draw densities, bounds and orders, reused from group to group and ask to ask.
const scratch = {
  logGood: new Float64Array(0),
  tops: new Float64Array(0),
  bounds: new Float64Array(0),
  highs: new Float64Array(0),
  order: [] as number[],
  contenders: [] as number[],
  density: new Float64Array(2),
};

// Sorts `order` by `keys`, largest first, equal keys in their order (an insertion sort: stable,
// and without the garbage of Array.prototype.sort for a few dozen draws).
function sortByKeyDescending(order: number[], keys: Float64Array): void {
  for (let at = 1; at < order.length; at++) {
    const c = order[at] as number;
    const key = keys[c] as number;
    let to = at;
    while (to > 0 && (keys[order[to - 1] as number] as number) < key) {
      order[to] = order[to - 1] as number;
      to--;
    }
    order[to] = c;
  }
}

/**
 * The index of the draw of largest log l(x) - log g(x), the first one on ties, as scoring every
 * draw would find it, but finishing the rest density's log-sum-exp (an exponential per kernel)
 * only where it can matter. Two bounds of log g rule draws out first: its largest term bounds it
 * from below, so log l - (largest term) bounds the score from above; and counting its terms in
 * bins of 1/64 below the largest (no exponential per term) brackets it within about 1/64. Draws
 * are bracketed in order of the first bound until that falls below the best score certain so
 * far; those whose bracket still reaches that score are finished, highest first, until the rest
 * cannot win. At 1,000 trials this skips most of the exponentials (bench/README.md, "Sampler
 * speed"). Any non-finite density falls back to scoring every draw.
 */
export function bestDraw(
  l: ParzenEstimator,
  g: ParzenEstimator,
  draws: readonly (readonly number[])[],
): number {
  const count = draws.length;
  if (scratch.logGood.length < count) {
    scratch.logGood = new Float64Array(count);
    scratch.tops = new Float64Array(count);
    scratch.bounds = new Float64Array(count);
    scratch.highs = new Float64Array(count);
  }
  const { logGood, tops, bounds, highs, order, contenders, density } = scratch;
  logParzenDensities(l, draws, logGood);
  largestTerms(g, draws, tops);
  order.length = count;
  for (let c = 0; c < count; c++) {
    order[c] = c;
    bounds[c] = (logGood[c] as number) - (tops[c] as number);
    if (!Number.isFinite(bounds[c])) return scoreEveryDraw(g, count);
  }
  sortByKeyDescending(order, bounds);
  // Bracket the scores; `floor` is the best score certain so far (a lower bound of the winner's).
  let floor = -Infinity;
  contenders.length = 0;
  for (let at = 0; at < count; at++) {
    const c = order[at] as number;
    if ((bounds[c] as number) < floor) break;
    termsLogDensityBounds(g, c, tops[c] as number, density);
    const low = (logGood[c] as number) - (density[1] as number);
    highs[c] = (logGood[c] as number) - (density[0] as number);
    if (low > floor) floor = low;
    contenders.push(c);
  }
  sortByKeyDescending(contenders, highs);
  let chosen = -1;
  let bestScore = -Infinity;
  for (const c of contenders) {
    if ((highs[c] as number) < (chosen < 0 ? floor : bestScore)) break;
    const score = (logGood[c] as number) - termsLogDensity(g, c, tops[c] as number);
    if (chosen < 0 || score > bestScore || (score === bestScore && c < chosen)) {
      bestScore = score;
      chosen = c;
    }
  }
  return chosen;
}

// The plain rule: every draw scored, the first of the largest scores kept (logGood holds l's log
// densities, tops the largest terms of g, whose terms are in the density module's scratch).
function scoreEveryDraw(g: ParzenEstimator, count: number): number {
  const { logGood, tops } = scratch;
  let chosen = 0;
  let bestScore = (logGood[0] as number) - termsLogDensity(g, 0, tops[0] as number);
  for (let c = 1; c < count; c++) {
    const score = (logGood[c] as number) - termsLogDensity(g, c, tops[c] as number);
    if (score > bestScore) {
      bestScore = score;
      chosen = c;
    }
  }
  return chosen;
}
