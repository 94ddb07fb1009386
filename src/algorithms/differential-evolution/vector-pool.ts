// Spare vectors of differential evolution: the ones the population no longer holds (defeated
// trials, replaced parents and archive members, members removed by the size reduction) become
// the next trial vectors, so that a generation allocates no vector per trial. Module memory,
// never part of the state: a vector is released once, when the state drops its only reference.

const spares: number[][] = [];
// Enough for the largest generations; beyond it, vectors are left to the garbage collector.
const MAX_SPARES = 4096;

/** Hands a vector the state no longer references to the next generation (undefined: none). */
export function releaseVector(vector: number[] | undefined): void {
  if (vector !== undefined && spares.length < MAX_SPARES) spares.push(vector);
}

/** A vector of `dimension` coordinates to overwrite: a spare one, or a new one. */
export function takeVector(dimension: number): number[] {
  const spare = spares.pop();
  return spare !== undefined && spare.length === dimension ? spare : packedVector(dimension);
}

/**
 * A vector of `dimension` zeros with packed double elements. `new Array(n)` makes a holey array:
 * the loops over trial, parent and donor vectors then run on several element kinds and are
 * compiled for all of them.
 */
export function packedVector(dimension: number): number[] {
  const vector: number[] = [];
  for (let i = 0; i < dimension; i++) vector.push(0.5);
  return vector;
}
