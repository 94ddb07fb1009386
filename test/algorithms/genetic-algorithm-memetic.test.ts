// The genetic algorithm's memetic mode: offspring are local optima of the move model on tours,
// assignments and bit strings; real spaces polish evaluated offspring with the local optimizer.
import { describe, expect, it } from 'vitest';
import {
  geneticAlgorithm,
  type GeneticAlgorithmParams,
} from '../../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { resolveParams } from '../../src/config/params.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import type { Problem } from '../../src/core/problem.js';
import { createRng, restoreRng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { binarySpace, integerSpace, realSpace } from '../../src/core/spaces/index.js';
import { qapProblem } from '../../src/problems/qap/problem.js';
import { tspProblem } from '../../src/problems/tsp/problem.js';
import { minimize } from '../../src/runners/minimize.js';

function contextOf<X>(problem: Problem<X>): SolverContext<X> {
  return {
    space: problem.space,
    gradients: false,
    budget: {},
    ...(problem.moves === undefined ? {} : { moves: problem.moves }),
  };
}

function params(overrides: Partial<GeneticAlgorithmParams>): GeneticAlgorithmParams {
  return resolveParams(geneticAlgorithm, overrides, 'test');
}

/** Everything asked in the first generations (initial population included), driven by hand. */
function offspringOf<X>(
  problem: Problem<X>,
  overrides: Partial<GeneticAlgorithmParams>,
  generations: number,
): X[] {
  const context = contextOf(problem);
  const rng = createRng(7);
  const state = geneticAlgorithm.init(context, params(overrides), rng);
  const offspring: X[] = [];
  for (let g = 0; g <= generations; g++) {
    const asked = geneticAlgorithm.ask(state, context, rng);
    offspring.push(...asked);
    const values = asked.map((x) => problem.evaluate(x) as number);
    geneticAlgorithm.tell(state, context, asked, values, rng);
  }
  return offspring;
}

describe('genetic-algorithm memetic mode', () => {
  it('makes every tour (initial and offspring) 2-opt optimal (checked by brute force) with two-opt', () => {
    const problem = tspProblem({ instance: 'eil51' });
    const twoOpt = problem.moves?.twoOpt as (x: readonly number[], i: number, j: number) => number;
    const offspring = offspringOf(
      problem,
      { populationSize: 10, localSearch: 'two-opt', crossover: 'edge' },
      3,
    );
    expect(offspring.length).toBe(10 + 3 * 8);
    for (const tour of offspring) {
      let bestDelta = 0;
      for (let i = 0; i < tour.length - 1; i++)
        for (let j = i + 1; j < tour.length; j++)
          bestDelta = Math.min(bestDelta, twoOpt(tour, i, j));
      expect(bestDelta).toBeGreaterThanOrEqual(-1e-9);
    }
    // Without local search, the same offspring are far from 2-opt optimal.
    const plain = offspringOf(problem, { populationSize: 10, crossover: 'edge' }, 1);
    const improvable = plain.filter((tour) => {
      for (let i = 0; i < tour.length - 1; i++)
        for (let j = i + 1; j < tour.length; j++) if (twoOpt(tour, i, j) < -1e-9) return true;
      return false;
    });
    expect(improvable.length).toBe(plain.length);
  });

  it('reaches a near-optimal tour on eil51 within a small budget, counting move evaluations', async () => {
    const problem = tspProblem({ instance: 'eil51' });
    const result = await minimize(problem, geneticAlgorithm, {
      budget: { evaluations: 600 },
      params: { populationSize: 20, localSearch: 'auto', crossover: 'edge' },
      seed: 1,
    });
    expect(result.moveEvaluations).toBeGreaterThan(0);
    expect(result.gapPercent).toBeLessThan(2);
  });

  it('makes every assignment offspring a swap local optimum with swap (QAP)', () => {
    const problem = qapProblem({ instance: 'nug12' });
    const swap = problem.moves?.swap as (x: readonly number[], i: number, j: number) => number;
    const offspring = offspringOf(
      problem,
      { populationSize: 10, localSearch: 'auto', crossover: 'pmx' },
      2,
    );
    for (const x of offspring) {
      for (let i = 0; i < x.length - 1; i++)
        for (let j = i + 1; j < x.length; j++) expect(swap(x, i, j)).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it('makes every bit-string offspring a flip local optimum with flip', () => {
    // A separable objective with a flip delta: bit i costs weights[i] when set.
    const weights = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? -1 : 1) * (1 + i));
    const value = (x: readonly number[]): number =>
      x.reduce((s, b, i) => s + b * (weights[i] as number), 0);
    const problem: Problem<number[]> = {
      name: 'weighted-bits',
      space: binarySpace({ size: 24 }),
      evaluate: value,
      moves: { flip: (x, i) => ((x[i] as number) === 1 ? -1 : 1) * (weights[i] as number) },
    };
    const optimum = weights.reduce((s, w) => s + Math.min(0, w), 0);
    for (const x of offspringOf(problem, { populationSize: 8, localSearch: 'flip' }, 2))
      expect(value(x)).toBe(optimum);
  });

  it('polishes real offspring with the local optimizer, batching the runs, and keeps gains', async () => {
    const sphere: Problem<number[]> = {
      name: 'sphere',
      space: realSpace({ lower: new Array(6).fill(-5), upper: new Array(6).fill(5) }),
      evaluate: (x) => x.reduce((s, v) => s + (v - 1.5) * (v - 1.5), 0),
    };
    const memetic = await minimize(sphere, geneticAlgorithm, {
      budget: { evaluations: 3000 },
      params: { populationSize: 10, localSearch: 'quasi-newton', localSearchRate: 0.5 },
      seed: 2,
    });
    const plain = await minimize(sphere, geneticAlgorithm, {
      budget: { evaluations: 3000 },
      params: { populationSize: 10 },
      seed: 2,
    });
    expect(memetic.bestValue).toBeLessThan(1e-8);
    expect(memetic.bestValue).toBeLessThan(plain.bestValue);

    // By hand: after the offspring batch, the next asks are the local runs' points, and the
    // generation completes only when they are done.
    const context = contextOf(sphere);
    const rng = createRng(3);
    const state = geneticAlgorithm.init(
      context,
      params({ populationSize: 6, elitism: 1, localSearch: 'pattern', localSearchBudget: 30 }),
      rng,
    );
    const step = (): number[][] => {
      const asked = geneticAlgorithm.ask(state, context, rng);
      for (const x of asked) expect(sphere.space.contains(x)).toBe(true);
      geneticAlgorithm.tell(
        state,
        context,
        asked,
        asked.map((x) => sphere.evaluate(x)) as number[],
        rng,
      );
      return asked;
    };
    step(); // initial population
    expect(step()).toHaveLength(5); // offspring
    expect(state.generation).toBe(0);
    let polishEvaluations = 0;
    while (state.generation === 0) polishEvaluations += step().length;
    expect(polishEvaluations).toBeGreaterThan(0);
    expect(polishEvaluations).toBeLessThanOrEqual(5 * 30);
    expect(state.polish).toBeUndefined();
  });

  it('keeps a polishing state that survives a JSON round trip', () => {
    const sphere: Problem<number[]> = {
      name: 'sphere',
      space: realSpace({ lower: [-5, -5, -5], upper: [5, 5, 5] }),
      evaluate: (x) => x.reduce((s, v) => s + v * v, 0),
    };
    const context = contextOf(sphere);
    const rng = createRng(4);
    const state = geneticAlgorithm.init(
      context,
      params({ populationSize: 6, localSearch: 'quasi-newton' }),
      rng,
    );
    const step = (s: typeof state, r: typeof rng): number[][] => {
      const asked = geneticAlgorithm.ask(s, context, r);
      geneticAlgorithm.tell(s, context, asked, asked.map((x) => sphere.evaluate(x)) as number[], r);
      return asked;
    };
    step(state, rng);
    step(state, rng);
    expect(state.polish).toBeDefined();
    const copy = parseState<typeof state>(stringifyState(state));
    const rngCopy = restoreRng(rng.getState());
    for (let k = 0; k < 6; k++) expect(step(copy, rngCopy)).toEqual(step(state, rng));
  });

  it('refuses a local search that cannot run on the problem', async () => {
    const real: Problem<number[]> = {
      name: 'bowl',
      space: realSpace({ lower: [0], upper: [1] }),
      evaluate: (x) => (x[0] as number) ** 2,
    };
    await expect(
      minimize(real, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { localSearch: 'two-opt' },
      }),
    ).rejects.toThrow(
      'genetic-algorithm: localSearch two-opt works on permutation problems whose move model has distance (tours); this real problem has none',
    );
    const integers: Problem<number[]> = {
      name: 'integers',
      space: integerSpace({ lower: [0], upper: [9] }),
      evaluate: (x) => x[0] as number,
    };
    await expect(
      minimize(integers, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { localSearch: 'auto' },
      }),
    ).rejects.toThrow(
      'genetic-algorithm: localSearch auto works on real spaces and on problems with a move model (distance for tours, swap for assignments, flip for bits); this integer problem has none',
    );
    const tours = tspProblem({ instance: 'eil51' });
    await expect(
      minimize(tours, geneticAlgorithm, {
        budget: { evaluations: 10 },
        params: { localSearch: 'quasi-newton' },
      }),
    ).rejects.toThrow(
      'genetic-algorithm: localSearch quasi-newton works on real spaces; this space is permutation',
    );
  });
});
