// The genetic algorithm's state is plain data: a run continued from a JSON copy of its state
// (and of its generator's) asks exactly what the uninterrupted run asks, although the caches
// kept beside the state (de-duplication sets, the steady-state worst-member heap) start empty.
import { describe, expect, it } from 'vitest';
import {
  geneticAlgorithm,
  type GeneticAlgorithmParams,
} from '../../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { resolveParams } from '../../src/config/params.js';
import { createRng, restoreRng, type Rng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import type { Space } from '../../src/core/space.js';
import { permutationSpace, realSpace } from '../../src/core/spaces/index.js';
import { exampleObjective } from '../helpers/spaces.js';

type State = ReturnType<typeof geneticAlgorithm.init>;

function step<X>(state: State, context: SolverContext<X>, rng: Rng, objective: (x: X) => number) {
  const asked = geneticAlgorithm.ask<X>(state, context, rng);
  geneticAlgorithm.tell(state, context, asked, asked.map(objective), rng);
  return asked;
}

const SPACES: [string, Space<number[]>][] = [
  ['real', realSpace({ lower: [-2, -2, -2, -2], upper: [2, 2, 2, 2] })],
  ['permutation', permutationSpace({ size: 6 })],
];

describe('genetic algorithm resume', () => {
  for (const [kind, space] of SPACES) {
    for (const model of ['generational', 'steady-state'] as const) {
      it(`${kind}, ${model}: a JSON copy of the state continues the same run`, () => {
        const context: SolverContext<number[]> = { space, gradients: false, budget: {} };
        const objective = exampleObjective(space) as (x: number[]) => number;
        const overrides: Partial<GeneticAlgorithmParams> = { model, populationSize: 12 };
        const params = resolveParams(geneticAlgorithm, overrides, 'test');
        const rng = createRng(5);
        const state = geneticAlgorithm.init(context, params, rng);
        for (let k = 0; k < 15; k++) step(state, context, rng, objective);
        const copy = JSON.parse(JSON.stringify(state)) as State;
        const copyRng = restoreRng(JSON.parse(JSON.stringify(rng.getState())));
        for (let k = 0; k < 15; k++) {
          const original = step(state, context, rng, objective);
          expect(step(copy, context, copyRng, objective)).toEqual(original);
        }
        expect(copy.values).toEqual(state.values);
      });
    }
  }
});
