// The genetic algorithm's state and its survival step: evaluated offspring enter the
// population generationally with elitism (De Jong 1975) or one by one in place of the worst
// member (steady-state, Whitley 1989's GENITOR), keeping the de-duplication keys in step.
import type { SolverContext } from '../../core/solver.js';
import { bestRanked } from '../operators/ranking.js';
import { isVectorSpace } from './distinct.js';
import type { PolishState } from './memetic.js';
import type { GeneticAlgorithmParams } from './params.js';
import { replaceKey } from './population-keys.js';
import { replaceVector } from './population-vectors.js';
import { replaceWorst, worstIndex } from './worst-member.js';

/** The solver's state: plain data. */
export interface GeneticAlgorithmState {
  params: GeneticAlgorithmParams;
  population: unknown[];
  values: number[];
  /**
   * Keys of the population's members, kept when `deduplicate` is on and the candidates are not
   * number vectors (those are compared by their bits, population-vectors.ts).
   */
  keys: string[];
  /** Keys of the candidates of the last ask (de-duplication): tell need not recompute them. */
  askedKeys: string[];
  /** Completed generations (generational) or steps (steady-state). */
  generation: number;
  initialized: boolean;
  /** Offspring waiting for a continuous local search to finish, with its runs. */
  polish: PolishState | undefined;
}

/** Puts evaluated offspring into the population, as the model says. */
export function survive<X>(
  state: GeneticAlgorithmState,
  context: SolverContext<X>,
  offspring: X[],
  values: number[],
  offspringKeys?: string[],
): void {
  const space = context.space;
  const vectors = isVectorSpace(space);
  const dedup = state.params.deduplicate && !vectors;
  const keys = dedup ? (offspringKeys ?? offspring.map((x) => space.key(x))) : [];
  if (state.params.model === 'steady-state') {
    for (let k = 0; k < offspring.length; k++) {
      const worst = worstIndex(state.values);
      const value = values[k] as number;
      // The child enters when no worse than the worst member, so the best is never lost.
      if (!(value <= (state.values[worst] as number))) continue;
      if (vectors) replaceVector(state.population as number[][], worst, offspring[k] as number[]);
      else state.population[worst] = offspring[k];
      replaceWorst(state.values, value);
      if (dedup) replaceKey(state.keys, worst, keys[k] as string);
    }
  } else {
    const elites = bestRanked(state.values, elitesOf(state.params));
    const population: unknown[] = elites.map((i) => state.population[i]);
    const next = elites.map((i) => state.values[i] as number);
    const memberKeys = dedup ? elites.map((i) => state.keys[i] as string) : [];
    for (let k = 0; k < offspring.length && population.length < state.params.populationSize; k++) {
      population.push(offspring[k]);
      next.push(values[k] as number);
      if (dedup) memberKeys.push(keys[k] as string);
    }
    state.population = population;
    state.values = next;
    state.keys = memberKeys;
  }
  state.generation++;
}

/** Members the generational model keeps: `elitism`, or a fifth of the population when null. */
export function elitesOf(params: GeneticAlgorithmParams): number {
  return params.elitism ?? Math.round(params.populationSize / 5);
}
