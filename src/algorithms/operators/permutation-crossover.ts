// Recombination of permutations of 0..n-1: partially mapped crossover PMX (Goldberg & Lingle
// 1985), cycle crossover CX (Oliver, Smith & Holland 1987) and edge recombination ERX
// (Whitley, Starkweather & Fuquay 1989, with the shared-edge preference of Starkweather et al.
// 1991). Order crossover OX1 lives in ./permutation.ts.
import type { Rng } from '../../core/rng.js';
import { twoCutCrossover } from './permutation.js';

/** Position of each element: inverse[v] = i where x[i] = v. */
function inverseOf(x: readonly number[]): Int32Array {
  const inverse = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) inverse[x[i] as number] = i;
  return inverse;
}

/**
 * Partially mapped crossover: two random cut points delimit a segment; each child keeps one
 * parent's segment in place and takes every other position from the other parent, following
 * the segment's mapping where that parent's element is already used.
 */
export function partiallyMappedCrossover(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
): [number[], number[]] {
  return twoCutCrossover(a, b, rng, mappedChild);
}

/** The PMX child that keeps `keep[i..j]` and fills the rest from `fill`. */
export function mappedChild(
  keep: readonly number[],
  fill: readonly number[],
  i: number,
  j: number,
): number[] {
  const n = keep.length;
  const child = new Array<number>(n);
  const inSegment = new Uint8Array(n);
  const position = inverseOf(keep);
  for (let k = i; k <= j; k++) {
    child[k] = keep[k] as number;
    inSegment[keep[k] as number] = 1;
  }
  for (let k = 0; k < n; k++) {
    if (k >= i && k <= j) continue;
    let v = fill[k] as number;
    // keep[p] = v sits in the segment, where fill holds fill[p]: follow the mapping until free.
    while (inSegment[v] === 1) v = fill[position[v] as number] as number;
    child[k] = v;
  }
  return child;
}

/**
 * Cycle crossover: the positions split into cycles (follow a[p] to where it sits in b and
 * back); the children take alternate cycles from alternate parents, so every element of a
 * child stays at the position it holds in one of the parents.
 */
export function cycleCrossover(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
): [number[], number[]] {
  const n = a.length;
  const c1 = new Array<number>(n);
  const c2 = new Array<number>(n);
  const inA = inverseOf(a);
  const done = new Uint8Array(n);
  // Which parent the first cycle comes from is random, so that c1 is not always a-led.
  let fromA = rng.next() < 0.5;
  for (let start = 0; start < n; start++) {
    if (done[start] === 1) continue;
    let p = start;
    do {
      done[p] = 1;
      c1[p] = (fromA ? a[p] : b[p]) as number;
      c2[p] = (fromA ? b[p] : a[p]) as number;
      p = inA[b[p] as number] as number;
    } while (p !== start);
    fromA = !fromA;
  }
  return [c1, c2];
}

/**
 * Edge recombination: one child built as a tour from the union of the parents' edges (both
 * parents read as cycles). From the current element it moves to a neighbour joined to it in
 * both parents if there is one, otherwise to the neighbour with the fewest remaining edges
 * (ties at random), otherwise to a random unvisited element. Starts at `start`.
 */
export function edgeRecombination(
  a: readonly number[],
  b: readonly number[],
  start: number,
  rng: Rng,
): number[] {
  const n = a.length;
  if (n < 3) return a.slice();
  // Up to four neighbours per element; `shared` marks an edge present in both parents.
  const neighbours = new Int32Array(4 * n);
  const shared = new Uint8Array(4 * n);
  const degree = new Uint8Array(n);
  const link = (u: number, v: number): void => {
    for (let k = 4 * u; k < 4 * u + (degree[u] as number); k++) {
      if (neighbours[k] === v) {
        shared[k] = 1;
        return;
      }
    }
    const slot = 4 * u + (degree[u] as number);
    neighbours[slot] = v;
    shared[slot] = 0;
    degree[u] = (degree[u] as number) + 1;
  };
  for (const parent of [a, b]) {
    for (let k = 0; k < n; k++) {
      const u = parent[k] as number;
      const v = parent[(k + 1) % n] as number;
      link(u, v);
      link(v, u);
    }
  }
  const unlink = (u: number, v: number): void => {
    const base = 4 * u;
    const last = base + (degree[u] as number) - 1;
    for (let k = base; k <= last; k++) {
      if (neighbours[k] !== v) continue;
      neighbours[k] = neighbours[last] as number;
      shared[k] = shared[last] as number;
      degree[u] = (degree[u] as number) - 1;
      return;
    }
  };
  // Unvisited elements, for O(1) random picks and removals.
  const unvisited = Array.from({ length: n }, (_, i) => i);
  const slotOf = Int32Array.from(unvisited);
  const visit = (v: number): void => {
    const slot = slotOf[v] as number;
    const last = unvisited.pop() as number;
    if (last !== v) {
      unvisited[slot] = last;
      slotOf[last] = slot;
    }
  };
  const child = new Array<number>(n);
  let current = start;
  for (let step = 0; step < n; step++) {
    child[step] = current;
    visit(current);
    const base = 4 * current;
    const count = degree[current] as number;
    for (let k = base; k < base + count; k++) unlink(neighbours[k] as number, current);
    if (step === n - 1) break;
    current = count > 0 ? nextNeighbour(neighbours, shared, degree, base, count, rng) : -1;
    if (current < 0) current = unvisited[rng.int(unvisited.length)] as number;
  }
  return child;
}

function nextNeighbour(
  neighbours: Int32Array,
  shared: Uint8Array,
  degree: Uint8Array,
  base: number,
  count: number,
  rng: Rng,
): number {
  let best = -1;
  let bestScore = Infinity;
  let ties = 0;
  for (let k = base; k < base + count; k++) {
    const v = neighbours[k] as number;
    // A shared edge beats any degree; among equals, reservoir sampling picks uniformly.
    const score = shared[k] === 1 ? -1 : (degree[v] as number);
    if (score < bestScore) {
      bestScore = score;
      best = v;
      ties = 1;
    } else if (score === bestScore && rng.int(++ties) === 0) {
      best = v;
    }
  }
  return best;
}

/** Edge recombination for a pair: the first child starts at a[0], the second at b[0]. */
export function edgeCrossover(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
): [number[], number[]] {
  if (a.length < 3) return [a.slice(), b.slice()];
  return [
    edgeRecombination(a, b, a[0] as number, rng),
    edgeRecombination(b, a, b[0] as number, rng),
  ];
}
