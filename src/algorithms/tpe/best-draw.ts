// The TPE's choice among the draws from the good density: the one of largest log l(x) - log g(x),
// finishing the rest density's log-sum-exp only for the draws that can still win.
import {
  largestTerms,
  logParzenDensities,
  termsLogDensity,
  termsLogDensityLowerBound,
} from './parzen-density.js';
import type { ParzenEstimator } from './parzen.js';

// Per-draw densities, bounds and order, reused from group to group and ask to ask.
const scratch = {
  logGood: new Float64Array(0),
  tops: new Float64Array(0),
  bounds: new Float64Array(0),
  order: [] as number[],
};

/**
 * The index of the draw of largest log l(x) - log g(x), the first one on ties, as scoring every
 * draw would find it, but finishing the rest density's log-sum-exp only where it can matter: the
 * largest term of g at a draw bounds log g from below, so log l - (largest term) bounds the score
 * from above. Draws are finished in order of that bound, and once the bound falls below the best
 * score found the rest cannot win. A draw whose bound is above the best score is first checked
 * against a tighter one (log g bounded within 1/16 by counting its terms in sixteenths below the
 * largest, no exponential per term) and finished only if that one leaves it a chance. At 1,000
 * trials this skips most of the exponentials (bench/README.md, "Sampler speed"). Any non-finite
 * density falls back to scoring every draw.
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
  }
  const { logGood, tops, bounds, order } = scratch;
  logParzenDensities(l, draws, logGood);
  largestTerms(g, draws, tops);
  order.length = count;
  for (let c = 0; c < count; c++) {
    order[c] = c;
    bounds[c] = (logGood[c] as number) - (tops[c] as number);
    if (!Number.isFinite(bounds[c])) return scoreEveryDraw(g, count);
  }
  // By bound, largest first; equal bounds stay in draw order (an insertion sort, stable, and
  // without the garbage of Array.prototype.sort for a few dozen draws).
  for (let at = 1; at < count; at++) {
    const c = order[at] as number;
    const bound = bounds[c] as number;
    let to = at;
    while (to > 0 && (bounds[order[to - 1] as number] as number) < bound) {
      order[to] = order[to - 1] as number;
      to--;
    }
    order[to] = c;
  }
  let chosen = -1;
  let bestScore = -Infinity;
  for (let at = 0; at < count; at++) {
    const c = order[at] as number;
    if (chosen >= 0) {
      if ((bounds[c] as number) < bestScore) break;
      // A tighter bound, still without an exponential per component.
      const top = tops[c] as number;
      if ((logGood[c] as number) - termsLogDensityLowerBound(g, c, top) < bestScore) continue;
    }
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
