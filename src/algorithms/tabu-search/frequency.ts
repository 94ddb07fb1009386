// Frequency-based diversification (Glover 1990, long-term memory): a restart built from the
// attributes the search has used least, so that it explores regions it has neglected.
import type { Rng } from '../../core/rng.js';
import type { TabuState } from './search-state.js';

/**
 * A new solution from the residence frequencies: on bits, each bit takes 1 with the share of
 * iterations it spent at 0; on permutations, positions in random order take the value that
 * has sat there least among those still free (ties broken at random).
 */
export function frequencyRestart(state: TabuState, rng: Rng): number[] {
  const f = state.frequency;
  const total = Math.max(1, state.frequencyIterations);
  if (state.engine === 'flip' || state.move === 'flip') {
    return Array.from({ length: state.size }, (_, i) =>
      rng.next() < 1 - (f[i] as number) / total ? 1 : 0,
    );
  }
  const n = state.size;
  const x = new Array<number>(n).fill(-1);
  const free = new Uint8Array(n).fill(1);
  for (const position of rng.permutation(n)) {
    let chosen = -1;
    let least = Infinity;
    let ties = 0;
    for (let value = 0; value < n; value++) {
      if (free[value] === 0) continue;
      const count = f[position * n + value] as number;
      if (count < least) {
        least = count;
        chosen = value;
        ties = 1;
      } else if (count === least && rng.int(++ties) === 0) {
        chosen = value;
      }
    }
    x[position] = chosen;
    free[chosen] = 0;
  }
  return x;
}
