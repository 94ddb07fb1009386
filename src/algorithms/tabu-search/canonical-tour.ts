// One spelling of a cyclic tour for hashing visited solutions: the tour written from city 0 in
// the direction of its smaller neighbour, so that rotations and reversals of one cycle hash alike.

/** The canonical form of tour `x`; `start` is city 0's position when the caller knows it. */
export function canonicalTour(x: readonly number[], start = x.indexOf(0)): number[] {
  const n = x.length;
  const next = x[(start + 1) % n] as number;
  const previous = x[(start - 1 + n) % n] as number;
  const step = next < previous ? 1 : n - 1;
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = x[(start + k * step) % n] as number;
  return out;
}
