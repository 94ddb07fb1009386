// Spare arrays of differential evolution: the vectors the population no longer holds (defeated
// trials, replaced parents and archive members, members removed by the size reduction) become
// the next trial vectors, and a told generation's lists (its trial list, F and CR values) the
// next generation's, so that a generation allocates no vector per trial and, mostly, no list.
// Module memory, never part of the state: an array is released once, when the state drops its
// only reference.

const spares: number[][] = [];
// Enough for the largest generations; beyond it, vectors are left to the garbage collector.
const MAX_SPARES = 4096;
// Lists of numbers (F, CR: packed doubles) and of vectors, kept apart so that neither changes
// its element kind. A few of each cover one generation in flight.
const spareNumberLists: number[][] = [];
const spareVectorLists: number[][][] = [];
const MAX_SPARE_LISTS = 4;

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

/** A packed list of `length` numbers to overwrite (a released one cut to length, or a new one). */
export function takeNumberList(length: number): number[] {
  const spare = spareNumberLists.pop();
  if (spare === undefined || spare.length < length) return packedVector(length);
  // Shortening keeps the elements packed (lengthening would leave holes).
  spare.length = length;
  return spare;
}

/** A list of `length` vectors to overwrite, every entry `filler` until then. */
export function takeVectorList(length: number, filler: number[]): number[][] {
  const spare = spareVectorLists.pop();
  if (spare !== undefined && spare.length >= length) {
    spare.length = length;
    return spare;
  }
  const list: number[][] = [];
  for (let i = 0; i < length; i++) list.push(filler);
  return list;
}

/** Hands a told generation's lists to the next one (their contents are no longer needed). */
export function releaseLists(vectors: number[][], weights: number[], rates: number[]): void {
  if (vectors.length > 0 && spareVectorLists.length < MAX_SPARE_LISTS) {
    spareVectorLists.push(vectors);
  }
  releaseNumberList(weights);
  releaseNumberList(rates);
}

function releaseNumberList(list: number[]): void {
  if (list.length > 0 && spareNumberLists.length < MAX_SPARE_LISTS) spareNumberLists.push(list);
}
