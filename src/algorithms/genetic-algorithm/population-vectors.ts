// The de-duplication memory of the genetic algorithm on spaces whose candidates are number
// vectors (real, integer, binary, permutation): the population's vectors in a VectorSet, compared
// by their bits as the string keys of other spaces compare, without a key per candidate. A cache
// beside the state, rebuilt from it whenever it is missing (a resumed run, a new population).
import type { CandidateSet } from './distinct.js';
import { VectorSet } from './vector-set.js';

type Vector = readonly number[];

// Generational model: one memory per space. The next population is usually this generation's
// elites followed by all of its children, so the children also go into a second set as they are
// added, and the next generation starts from that set plus the elites instead of re-adding the
// whole population; any other population (a resumed run, polished offspring, another run on the
// same space) is added in full.
class GenerationMemory implements CandidateSet<Vector> {
  current: VectorSet;
  next: VectorSet;
  /** The vectors added since the last start, in order. */
  readonly children: Vector[] = [];

  constructor(dimension: number, expected: number) {
    this.current = new VectorSet(dimension, expected);
    this.next = new VectorSet(dimension, expected);
  }

  start(population: readonly Vector[]): void {
    const elites = population.length - this.children.length;
    let carried = elites >= 0 && this.children.length > 0;
    for (let j = 0; carried && j < this.children.length; j++) {
      carried = population[elites + j] === this.children[j];
    }
    if (carried) {
      const previous = this.current;
      this.current = this.next;
      this.next = previous;
    } else {
      this.current.clear();
    }
    for (let i = 0; i < (carried ? elites : population.length); i++) {
      this.current.add(population[i] as Vector);
    }
    this.next.clear();
    this.children.length = 0;
  }

  has(x: Vector): boolean {
    return this.current.has(x);
  }

  add(x: Vector): void {
    this.current.addWith(x, this.next);
    this.children.push(x);
  }
}

const generations = new WeakMap<object, GenerationMemory>();

/** The population's vectors, to which the children bred from it are added (generational). */
export function generationVectors(
  space: object,
  dimension: number,
  population: readonly Vector[],
): CandidateSet<Vector> {
  let memory = generations.get(space);
  if (memory === undefined) {
    memory = new GenerationMemory(dimension, 2 * population.length);
    generations.set(space, memory);
  }
  memory.start(population);
  return memory;
}

// Steady-state model: the members' multiset, kept in step with the population array by
// replaceVector, and the siblings of the current step; one object per population array, reused
// at every step (no closures per step).
class StepMemory implements CandidateSet<Vector> {
  readonly members: VectorSet;
  readonly siblings: VectorSet;

  constructor(dimension: number, population: readonly Vector[]) {
    this.members = new VectorSet(dimension, population.length);
    for (const x of population) this.members.add(x);
    this.siblings = new VectorSet(dimension);
  }

  has(x: Vector): boolean {
    return this.members.has(x) || this.siblings.has(x);
  }

  add(x: Vector): void {
    this.siblings.add(x);
  }
}

const steps = new WeakMap<readonly Vector[], StepMemory>();

/** The population's vectors plus the siblings added during one step (steady-state). */
export function stepVectors(
  dimension: number,
  population: readonly Vector[],
): CandidateSet<Vector> {
  let memory = steps.get(population);
  if (memory === undefined) {
    memory = new StepMemory(dimension, population);
    steps.set(population, memory);
  }
  memory.siblings.clear();
  return memory;
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
