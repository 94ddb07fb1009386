// Down-sampling large studies for drawing: at most a fixed number of trials per chart, always
// keeping the best ones, the rest evenly spread over the study (deterministic).
import type { ReportTrial } from './study-model.js';

/** Trials drawn per scatter-like chart at most. */
export const DRAWN_TRIALS = 2000;

/** Share of the drawn trials reserved for the best ones. */
const BEST_SHARE = 0.25;

/**
 * At most `limit` of `trials` (in number order): the best complete trials first (a quarter of
 * the limit), then every k-th of the others. `bestFirst` orders trials best first.
 */
export function drawnTrials(
  trials: readonly ReportTrial[],
  sign: 1 | -1,
  limit = DRAWN_TRIALS,
): ReportTrial[] {
  if (trials.length <= limit) return trials.slice();
  const ranked = trials
    .filter((t) => t.value !== null)
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.number - b.number);
  const keep = new Set<number>(
    ranked.slice(0, Math.floor(limit * BEST_SHARE)).map((t) => t.number),
  );
  const others = trials.filter((t) => !keep.has(t.number));
  const room = limit - keep.size;
  const stride = others.length / room;
  for (let k = 0; k < room; k++) keep.add((others[Math.floor(k * stride)] as ReportTrial).number);
  return trials.filter((t) => keep.has(t.number));
}
