// One generation's offspring of the genetic algorithm: parent selection, crossover, mutation,
// move-model local search and de-duplication against the population and the siblings.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import {
  rankSelection,
  rouletteSelection,
  tournamentSelection,
  truncationSelection,
} from '../operators/selection.js';
import { distinctChild, isVectorSpace, keyedCandidates, type CandidateSet } from './distinct.js';
import { improveOffspring, improvesOffspring } from './memetic.js';
import type { GeneticAlgorithmParams } from './params.js';
import { stepKeys } from './population-keys.js';
import { generationVectors, stepVectors } from './population-vectors.js';
import type { GeneticAlgorithmState } from './survival.js';
import { variationFor } from './variation.js';
import { worstIndex } from './worst-member.js';

/** Selects parents and breeds `count` children: crossover, mutation, local search, de-duplication. */
export function breed<X>(
  state: GeneticAlgorithmState,
  context: SolverContext<X>,
  count: number,
  rng: Rng,
): X[] {
  const { space } = context;
  const params = state.params;
  const variation = variationFor(space, params);
  const population = state.population as X[];
  // Steady-state: the worst member's value is at hand; when finite, so is every value.
  const allFinite =
    params.model === 'steady-state' && Number.isFinite(state.values[worstIndex(state.values)]);
  const parents = selectParents(state.values, 2 * Math.ceil(count / 2), params, rng, allFinite);
  const seen = duplicateMemory(state, space);
  // Without a move-model search (real spaces, or none), improving a child is the identity: no
  // call, no closure, no pair of parents per child.
  const improves = improvesOffspring(context, params);
  const improve = improves ? (x: X): X => improveOffspring(context, params, x, rng) : undefined;
  const children: X[] = [];
  for (let k = 0; children.length < count; k += 2) {
    const a = population[parents[k] as number] as X;
    const b = population[parents[k + 1] as number] as X;
    const crossed = rng.next() < params.crossoverRate;
    const pair: [X, X] = crossed ? variation.crossover(a, b, rng) : [a, b];
    for (let side = 0; side < 2 && children.length < count; side++) {
      const raw = pair[side] as X;
      let child = raw;
      if (rng.next() < params.mutationProbability) {
        child = crossed ? variation.mutateChild(raw, rng) : variation.mutate(raw, rng);
      }
      if (improves) child = improveOffspring(context, params, child, rng, [a, b]);
      if (seen !== undefined) child = distinctChild(space, child, seen, variation, rng, improve);
      children.push(child);
    }
  }
  return children;
}

/** What a child must differ from, when `deduplicate` is on: the population and its siblings. */
function duplicateMemory<X>(
  state: GeneticAlgorithmState,
  space: SolverContext<X>['space'],
): CandidateSet<X> | undefined {
  const params = state.params;
  if (!params.deduplicate) return undefined;
  const steady = params.model === 'steady-state';
  if (isVectorSpace(space)) {
    const population = state.population as number[][];
    const vectors = steady
      ? stepVectors(space.dimension, population)
      : generationVectors(space, space.dimension, population);
    return vectors as unknown as CandidateSet<X>;
  }
  const keys = steady ? stepKeys(state.keys) : new Set(state.keys);
  return keyedCandidates((x: X) => space.key(x), keys, state.askedKeys);
}

function selectParents(
  values: readonly number[],
  count: number,
  params: GeneticAlgorithmParams,
  rng: Rng,
  allFinite: boolean,
): number[] {
  switch (params.selection) {
    case 'tournament':
      return tournamentSelection(values, count, params.tournamentSize, rng, allFinite);
    case 'roulette':
      return rouletteSelection(values, count, rng);
    case 'rank':
      return rankSelection(values, count, params.rankPressure, rng);
    case 'truncation':
      return truncationSelection(values, count, params.truncationFraction, rng);
  }
}
