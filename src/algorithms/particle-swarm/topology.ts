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
  // filled[i]: entries written into list i so far; last[i]: the particle written last (-1: none).
  const filled = new Array<number>(size).fill(0);
  const last = new Array<number>(size).fill(-1);
  for (let j = 0; j < size; j++) {
    for (let k = 0; k < informants; k++) {
      const target = rng.int(size);
      const previous = last[target]!;
      // j enters lists only in its own turn: it is already in this one if it is the owner or
      // was written last.
      if (target === j || previous === j) continue;
      last[target] = j;
      const list = informedBy[target]!;
      let at = filled[target]!;
      // j is larger than every entry so far; the owner goes just before the first larger one.
      if (j > target && previous < target) list[at++] = target;
      list[at++] = j;
      filled[target] = at;
    }
  }
  for (let i = 0; i < size; i++) {
    const list = informedBy[i]!;
    let at = filled[i]!;
    if (last[i]! < i) list[at++] = i;
    // pop, not a smaller length: setting the length is a call into the runtime.
    while (list.length > at) list.pop();
  }
  return informedBy;
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
