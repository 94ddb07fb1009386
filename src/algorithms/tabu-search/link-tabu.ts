// Tabu links for tours: a removed link may not come back for a while (Glover 1990; Knox 1994
// for the TSP), stored per city in a few slots (partner, iteration until which the link is
// tabu), so that the memory grows as O(n) rather than O(n^2) edges. A link whose slots were
// taken by newer tabu links is simply forgotten early.

/** Slots per city. */
export const LINK_SLOTS = 4;

/** A fresh tabu memory for `size` cities (plain data: partner, until; -1 when empty). */
export function createLinkTabu(size: number): number[] {
  return new Array<number>(size * LINK_SLOTS * 2).fill(-1);
}

/** True when the link (a, b) is tabu at `iteration`. */
export function isTabuLink(memory: readonly number[], a: number, b: number, iteration: number) {
  const base = a * LINK_SLOTS * 2;
  for (let s = 0; s < LINK_SLOTS; s++) {
    const at = base + 2 * s;
    if (memory[at] === b) return (memory[at + 1] as number) >= iteration;
  }
  return false;
}

/** Makes the link (a, b) tabu until iteration `until` (included). */
export function makeTabuLink(memory: number[], a: number, b: number, until: number): void {
  record(memory, a, b, until);
  record(memory, b, a, until);
}

// Writes (partner, until) into the city's slot for that partner, or its oldest slot.
function record(memory: number[], city: number, partner: number, until: number): void {
  const base = city * LINK_SLOTS * 2;
  let slot = base;
  for (let s = 0; s < LINK_SLOTS; s++) {
    const at = base + 2 * s;
    if (memory[at] === partner) {
      slot = at;
      break;
    }
    if ((memory[at + 1] as number) < (memory[slot + 1] as number)) slot = at;
  }
  memory[slot] = partner;
  memory[slot + 1] = until;
}
