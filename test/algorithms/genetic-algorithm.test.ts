// The genetic algorithm: models, elitism, de-duplication, operator choice per space, errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVectorSpace } from '../../src/algorithms/genetic-algorithm/distinct.js';
import { VectorSet } from '../../src/algorithms/genetic-algorithm/vector-set.js';
import {
  geneticAlgorithm,
  type GeneticAlgorithmParams,
} from '../../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { isPermutation } from '../../src/algorithms/operators/permutation.js';
import { resolveParams } from '../../src/config/params.js';
import { ParameterError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import type { Space } from '../../src/core/space.js';
import { binarySpace, permutationSpace, realSpace } from '../../src/core/spaces/index.js';
import { minimize } from '../../src/runners/minimize.js';
import { contractProblem } from '../helpers/solver-contract.js';
import { exampleObjective, exampleSpaces, spaceArbitrary } from '../helpers/spaces.js';

type State = ReturnType<typeof geneticAlgorithm.init>;

function contextOf<X>(space: Space<X>): SolverContext<X> {
  return { space, gradients: false, budget: {} };
}

function params(overrides: Partial<GeneticAlgorithmParams>): GeneticAlgorithmParams {
  return resolveParams(geneticAlgorithm, overrides, 'test');
}

/** Drives init + generations by hand; returns the state after each tell. */
function* generations(
  space: Space<unknown>,
  overrides: Partial<GeneticAlgorithmParams>,
  objective: (x: unknown) => number = exampleObjective(space),
  seed = 1,
): Generator<{ state: State; asked: unknown[] }> {
  const context = contextOf(space);
  const rng = createRng(seed);
  const state = geneticAlgorithm.init(context, params(overrides), rng);
  for (;;) {
    const asked = geneticAlgorithm.ask(state, context, rng);
    geneticAlgorithm.tell(state, context, asked, asked.map(objective), rng);
    yield { state, asked };
  }
}

const sphere = realSpace({ lower: [-5, -5, -5, -5], upper: [5, 5, 5, 5] });

describe('genetic-algorithm', () => {
  it('asks the population first, then populationSize - elitism offspring per generation', () => {
    const run = generations(sphere, { populationSize: 20, elitism: 3 });
    expect(run.next().value?.asked).toHaveLength(20);
    for (let g = 0; g < 5; g++) {
      const { state, asked } = run.next().value as { state: State; asked: unknown[] };
      expect(asked).toHaveLength(17);
      expect(state.population).toHaveLength(20);
      expect(state.generation).toBe(g + 1);
    }
  });

  it('keeps a fifth of the population as elites by default', () => {
    const run = generations(sphere, { populationSize: 20 });
    run.next();
    expect(run.next().value?.asked).toHaveLength(16);
  });

  it('elitism keeps the best members of each generation', () => {
    const run = generations(sphere, { populationSize: 16, elitism: 2 });
    let previous = (run.next().value as { state: State }).state;
    let snapshot = { population: previous.population.slice(), values: previous.values.slice() };
    for (let g = 0; g < 30; g++) {
      const { state } = run.next().value as { state: State };
      const order = snapshot.values.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
      for (const [value, i] of order.slice(0, 2)) {
        const at = state.population.findIndex(
          (x) => JSON.stringify(x) === JSON.stringify(snapshot.population[i]),
        );
        expect(at).toBeGreaterThanOrEqual(0);
        expect(state.values[at]).toBe(value);
      }
      expect(Math.min(...state.values)).toBeLessThanOrEqual(Math.min(...snapshot.values));
      previous = state;
      snapshot = { population: previous.population.slice(), values: previous.values.slice() };
    }
  });

  it('without elitism the whole population is replaced', () => {
    const run = generations(sphere, { populationSize: 10, elitism: 0 });
    run.next();
    const { state, asked } = run.next().value as { state: State; asked: unknown[] };
    expect(asked).toHaveLength(10);
    expect(state.population).toEqual(asked);
  });

  it('steady-state breeds one pair per step and replaces at most the two worst', () => {
    const run = generations(sphere, { populationSize: 12, model: 'steady-state' });
    let { state } = run.next().value as { state: State };
    for (let step = 0; step < 40; step++) {
      const before = { population: state.population.slice(), values: state.values.slice() };
      const next = run.next().value as { state: State; asked: unknown[] };
      state = next.state;
      expect(next.asked).toHaveLength(2);
      const changed = before.population
        .map((x, i) => (x === state.population[i] ? -1 : i))
        .filter((i) => i >= 0);
      expect(changed.length).toBeLessThanOrEqual(2);
      const sorted = before.values.slice().sort((a, b) => a - b);
      for (const i of changed) {
        expect(next.asked).toContain(state.population[i]);
        // Only a worst member is replaced, and never by something worse.
        expect(before.values[i]).toBeGreaterThanOrEqual(sorted[sorted.length - 2] as number);
        expect(state.values[i]).toBeLessThanOrEqual(before.values[i] as number);
      }
      expect(Math.min(...state.values)).toBeLessThanOrEqual(Math.min(...before.values));
    }
  });

  it('de-duplication keeps offspring distinct from the population and from each other', () => {
    // A small binary space where duplicates are frequent without de-duplication.
    const space = binarySpace({ size: 10 }) as Space<unknown>;
    const count = (dedup: boolean): number => {
      const run = generations(space, { populationSize: 30, elitism: 1, deduplicate: dedup });
      let duplicates = 0;
      let { state } = run.next().value as { state: State };
      expect(new Set(state.population.map((x) => space.key(x))).size).toBe(
        dedup ? 30 : new Set(state.population.map((x) => space.key(x))).size,
      );
      for (let g = 0; g < 20; g++) {
        const members = new Set(state.population.map((x) => space.key(x)));
        const next = run.next().value as { state: State; asked: unknown[] };
        const keys = next.asked.map((x) => space.key(x));
        duplicates += keys.filter((k) => members.has(k)).length + keys.length - new Set(keys).size;
        state = next.state;
      }
      return duplicates;
    };
    expect(count(true)).toBe(0);
    expect(count(false)).toBeGreaterThan(0);
  });

  it('de-duplicates number vectors by their bits, as space.key tells candidates apart', () => {
    fc.assert(
      fc.property(spaceArbitrary, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (space, seed) => {
        if (!isVectorSpace(space)) return;
        const rng = createRng(seed);
        const a = space.sample(rng) as number[];
        const others = [a.slice(), space.neighbor(a, rng), space.sample(rng), space.mutate(a, rng)];
        const set = new VectorSet(space.dimension);
        set.add(a);
        for (const b of others) {
          expect(set.has(b as number[])).toBe(space.key(a) === space.key(b));
        }
      }),
    );
  });

  it('runs every crossover and mutation on the spaces they fit, staying in the space', async () => {
    const spaces = exampleSpaces();
    const cases: [keyof typeof spaces, Partial<GeneticAlgorithmParams>][] = [
      ['real', { crossover: 'sbx', mutation: 'polynomial' }],
      ['real', { crossover: 'blend', mutation: 'gaussian' }],
      ['real', { crossover: 'arithmetic', mutation: 'uniform' }],
      ['real', { crossover: 'two-point' }],
      ['integer', { crossover: 'sbx', mutation: 'polynomial' }],
      ['integer', { crossover: 'blend', mutation: 'gaussian' }],
      ['integer', { crossover: 'one-point', mutation: 'uniform' }],
      ['permutation', { crossover: 'pmx', mutation: 'swap' }],
      ['permutation', { crossover: 'cycle', mutation: 'insertion' }],
      ['permutation', { crossover: 'edge', mutation: 'inversion' }],
      ['binary', { crossover: 'one-point', mutation: 'bit-flip' }],
      ['binary', { crossover: 'two-point' }],
      ['categorical', { crossover: 'two-point' }],
      ['mixed', { crossover: 'one-point' }],
      ['mixed', { crossover: 'two-point', selection: 'rank' }],
      ['real', { selection: 'roulette' }],
      ['real', { selection: 'truncation', model: 'steady-state' }],
    ];
    for (const [kind, overrides] of cases) {
      const space = spaces[kind];
      const seen: unknown[] = [];
      const result = await minimize(contractProblem(space), geneticAlgorithm, {
        budget: { evaluations: 300 },
        params: { populationSize: 20, ...overrides },
        seed: 3,
        onBatch: (record) => {
          seen.push(...record.candidates);
        },
      });
      expect(result.evaluations).toBe(300);
      for (const x of seen)
        expect(space.contains(x), `${kind} ${JSON.stringify(overrides)}`).toBe(true);
    }
  });

  it('runs any model, selection and population on any space, tiny ones included', async () => {
    await fc.assert(
      fc.asyncProperty(
        spaceArbitrary,
        fc.record({
          populationSize: fc.integer({ min: 2, max: 12 }),
          model: fc.constantFrom('generational' as const, 'steady-state' as const),
          selection: fc.constantFrom(
            'tournament' as const,
            'roulette' as const,
            'rank' as const,
            'truncation' as const,
          ),
          elitism: fc.constantFrom(null, 0, 1),
          crossoverRate: fc.constantFrom(0, 0.5, 1),
          deduplicate: fc.boolean(),
        }),
        fc.integer({ min: 0, max: 1000 }),
        async (space, overrides, seed) => {
          const seen: unknown[] = [];
          const result = await minimize(contractProblem(space), geneticAlgorithm, {
            budget: { evaluations: 60 },
            params: overrides,
            seed,
            onBatch: (record) => {
              seen.push(...record.candidates);
            },
          });
          expect(result.evaluations).toBe(60);
          for (const x of seen) expect(space.contains(x)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses an operator that does not fit the space, naming it and the space', async () => {
    const problem = contractProblem(sphere);
    await expect(
      minimize(problem, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { crossover: 'pmx' },
      }),
    ).rejects.toThrow(
      new ParameterError(
        'genetic-algorithm: crossover pmx works on permutation spaces; this space is real',
      ),
    );
    const tours = contractProblem(permutationSpace({ size: 6 }));
    await expect(
      minimize(tours, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { crossover: 'sbx' },
      }),
    ).rejects.toThrow(
      'genetic-algorithm: crossover sbx works on real and integer spaces; this space is permutation',
    );
    await expect(
      minimize(tours, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { mutation: 'bit-flip' },
      }),
    ).rejects.toThrow(
      'genetic-algorithm: mutation bit-flip works on binary spaces; this space is permutation',
    );
    await expect(
      minimize(problem, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { populationSize: 10, elitism: 10 },
      }),
    ).rejects.toThrow(
      'solver genetic-algorithm: invalid parameters: /elitism must be less than populationSize (got 10 with populationSize 10)',
    );
    await expect(
      minimize(problem, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { selection: 'best' },
      }),
    ).rejects.toThrow(ParameterError);
  });

  it('solves easy problems of each main kind', async () => {
    const onemax = {
      name: 'onemax',
      space: binarySpace({ size: 40 }),
      evaluate: (x: number[]) => x.reduce((s, v) => s + v, 0),
    };
    const bits = await minimize(onemax, geneticAlgorithm, {
      budget: { evaluations: 6000 },
      seed: 1,
    });
    expect(bits.bestValue).toBe(0);

    const sorting = {
      name: 'sorting',
      space: permutationSpace({ size: 12 }),
      evaluate: (x: number[]) => x.reduce((s, v, i) => s + Math.abs(v - i), 0),
    };
    // A positional objective: cycle crossover keeps positions, which is what it needs.
    const sorted = await minimize(sorting, geneticAlgorithm, {
      budget: { evaluations: 8000 },
      params: { crossover: 'cycle' },
      seed: 1,
    });
    expect(sorted.bestValue).toBe(0);
    expect(isPermutation(sorted.best as number[], 12)).toBe(true);

    const bowl = {
      name: 'sphere',
      space: realSpace({ lower: new Array(5).fill(-5), upper: new Array(5).fill(5) }),
      evaluate: (x: number[]) => x.reduce((s, v) => s + (v - 1) * (v - 1), 0),
    };
    const real = await minimize(bowl, geneticAlgorithm, {
      budget: { evaluations: 20000 },
      seed: 1,
    });
    expect(real.bestValue).toBeLessThan(1e-4);
  });

  it('never breeds from failures while finite members exist', () => {
    // Half the space fails: members whose first coordinate is positive.
    const objective = (x: unknown): number => (((x as number[])[0] as number) > 0 ? Infinity : 1);
    const run = generations(
      sphere,
      { populationSize: 20, crossoverRate: 0, mutationRate: 0, deduplicate: false },
      objective,
    );
    run.next();
    for (let g = 0; g < 5; g++) {
      // With neither crossover nor mutation, every child is a copy of a selected parent.
      const { asked } = run.next().value as { asked: unknown[] };
      for (const x of asked) expect(objective(x)).toBe(1);
    }
  });
});
