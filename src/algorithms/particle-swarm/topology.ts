// The adaptive random topology of SPSO-2011 (Clerc 2012): each particle informs itself and K
// particles drawn at random (with repetition); the links are redrawn after an iteration that did
// not improve the swarm's best.
import type { Rng } from '../../core/rng.js';

/** informedBy[i]: the particles whose personal bests particle i sees (itself included). */
export function randomTopology(size: number, informants: number, rng: Rng): number[][] {
  const informedBy: number[][] = Array.from({ length: size }, (_, i) => [i]);
  for (let j = 0; j < size; j++) {
    for (let k = 0; k < informants; k++) {
      const target = rng.int(size);
      const list = informedBy[target] as number[];
      if (!list.includes(j)) list.push(j);
    }
  }
  for (const list of informedBy) list.sort((a, b) => a - b);
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
