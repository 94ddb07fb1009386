// The adaptive random topology of SPSO-2011 (Clerc 2012): each particle informs itself and K
// particles drawn at random (with repetition); the links are redrawn after an iteration that did
// not improve the swarm's best.
import type { Rng } from '../../core/rng.js';

/**
 * informedBy[i]: the particles whose personal bests particle i sees (itself included), in
 * increasing order. `reuse`, the previous links of a swarm of the same size, is overwritten
 * instead of allocating new lists.
 */
export function randomTopology(
  size: number,
  informants: number,
  rng: Rng,
  reuse?: number[][],
): number[][] {
  const informedBy = reuse?.length === size ? reuse : Array.from({ length: size }, () => []);
  for (let i = 0; i < size; i++) {
    const list = informedBy[i]!;
    list.length = 1;
    list[0] = i;
  }
  for (let j = 0; j < size; j++) {
    for (let k = 0; k < informants; k++) {
      const target = rng.int(size);
      const list = informedBy[target]!;
      if (!list.includes(j)) insertSorted(list, j);
    }
  }
  return informedBy;
}

/** Inserts `value` into the increasing list (lists are a few entries long). */
function insertSorted(list: number[], value: number): void {
  let i = list.length;
  list.push(value);
  while (i > 0 && list[i - 1]! > value) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = value;
}

/** The informant of particle i with the best personal value (lowest index on ties). */
export function bestInformant(
  informedBy: readonly number[],
  bestValues: readonly number[],
): number {
  let best = informedBy[0] as number;
  for (const j of informedBy) {
    if ((bestValues[j] as number) < (bestValues[best] as number)) best = j;
  }
  return best;
}
