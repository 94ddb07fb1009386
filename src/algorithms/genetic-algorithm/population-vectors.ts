// The de-duplication memory of the genetic algorithm on spaces whose candidates are number
// vectors (real, integer, binary, permutation): the population's vectors in a VectorSet, compared
// by their bits as the string keys of other spaces compare, without a key per candidate. A cache
// beside the state, rebuilt from it whenever it is missing (a resumed run, a new population).
import type { CandidateSet } from './distinct.js';
import { VectorSet } from './vector-set.js';

type Vector = readonly number[];

// Generational model: one set per space, refilled from the population at each generation.
const generations = new WeakMap<object, VectorSet>();

/** The population's vectors, to which the children bred from it are added (generational). */
export function generationVectors(
  space: object,
  dimension: number,
  population: readonly Vector[],
): CandidateSet<Vector> {
  let set = generations.get(space);
  if (set === undefined) {
    set = new VectorSet(dimension, 2 * population.length);
    generations.set(space, set);
  }
  set.clear();
  for (const x of population) set.add(x);
  return set;
}

// Steady-state model: the members' multiset, kept in step with the population array by
// replaceVector, and the siblings of the current step.
const steps = new WeakMap<readonly Vector[], { members: VectorSet; siblings: VectorSet }>();

/** The population's vectors plus the siblings added during one step (steady-state). */
export function stepVectors(
  dimension: number,
  population: readonly Vector[],
): CandidateSet<Vector> {
  let memory = steps.get(population);
  if (memory === undefined) {
    const members = new VectorSet(dimension, population.length);
    for (const x of population) members.add(x);
    memory = { members, siblings: new VectorSet(dimension) };
    steps.set(population, memory);
  }
  const { members, siblings } = memory;
  siblings.clear();
  return {
    has: (x) => members.has(x) || siblings.has(x),
    add: (x) => siblings.add(x),
  };
}

/** population[index] = x, keeping the steady-state memory in step. */
export function replaceVector(population: Vector[], index: number, x: Vector): void {
  const memory = steps.get(population);
  if (memory !== undefined) {
    memory.members.remove(population[index] as Vector);
    memory.members.add(x);
  }
  population[index] = x;
}
