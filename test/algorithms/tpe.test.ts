// The tree-structured Parzen estimator: its densities, and that the model beats random search
// on a small mixed problem with conditional parameters.
import { describe, expect, it } from 'vitest';
import { randomSearch } from '../../src/algorithms/random-search/random-search.js';
import { tpe } from '../../src/algorithms/tpe/tpe.js';
import {
  categoricalParzen,
  logNumericDensity,
  numericParzen,
  observationWeights,
  sampleNumeric,
} from '../../src/algorithms/tpe/parzen.js';
import { createRng } from '../../src/core/rng.js';
import { mixedSpace } from '../../src/core/spaces/index.js';
import type { Problem } from '../../src/core/problem.js';
import type { ParameterValues } from '../../src/core/space.js';
import { minimize } from '../../src/runners/minimize.js';

describe('Parzen estimators', () => {
  it('weigh recent observations fully and older ones less', () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const weights = observationWeights(35);
    expect(weights.slice(10)).toEqual(new Array(25).fill(1));
    for (let i = 1; i < 10; i++) expect(weights[i]).toBeGreaterThan(weights[i - 1]!);
  });

  it('integrate to one over the domain and stay inside it', () => {
    const density = numericParzen([0.2, 0.25, 0.9], [1, 1, 1], 0, 1, 1);
    let integral = 0;
    const steps = 20000;
    for (let k = 0; k < steps; k++)
      integral += Math.exp(logNumericDensity(density, (k + 0.5) / steps)) / steps;
    expect(integral).toBeCloseTo(1, 3);
    const rng = createRng(1);
    for (let k = 0; k < 1000; k++) {
      const x = sampleNumeric(density, rng);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    // Denser where the points are.
    expect(logNumericDensity(density, 0.22)).toBeGreaterThan(logNumericDensity(density, 0.6));
  });

  it('smooth categorical counts with the prior', () => {
    expect(categoricalParzen([0, 0, 2], [1, 1, 1], 3, 3).probabilities).toEqual([
      3 / 6,
      1 / 6,
      2 / 6,
    ]);
  });
});

describe('tpe', () => {
  const space = mixedSpace({
    parameters: {
      optimizer: { type: 'categorical', choices: ['a', 'b', 'c'] },
      rate: { type: 'real', low: 1e-4, high: 1, log: true },
      momentum: { type: 'real', low: 0, high: 1, when: { optimizer: 'a' } },
      size: { type: 'integer', low: 1, high: 64, log: true },
    },
  });
  // Best at optimizer a, rate 1e-2, momentum 0.9, size 8.
  const problem: Problem<ParameterValues> = {
    name: 'toy',
    space,
    evaluate: (x) =>
      (x.optimizer === 'a' ? 0 : 1) +
      Math.log10((x.rate as number) / 1e-2) ** 2 +
      (x.optimizer === 'a' ? ((x.momentum as number) - 0.9) ** 2 : 0) +
      0.1 * Math.log2((x.size as number) / 8) ** 2,
  };

  it('finds better configurations than random search with the same trials', async () => {
    const medians = async (solver: typeof tpe | typeof randomSearch) => {
      const values: number[] = [];
      for (let seed = 0; seed < 9; seed++) {
        values.push(
          (await minimize(problem, solver, { budget: { evaluations: 80 }, seed })).bestValue,
        );
      }
      return values.sort((a, b) => a - b)[4]!;
    };
    const [model, random] = [await medians(tpe), await medians(randomSearch)];
    expect(model).toBeLessThan(random);
  });

  it('settles on the best branch of a conditional space in most runs', async () => {
    let branchA = 0;
    for (let seed = 0; seed < 9; seed++) {
      const result = await minimize(problem, tpe, { budget: { evaluations: 100 }, seed });
      if (result.best?.optimizer === 'a' && 'momentum' in result.best) branchA++;
    }
    expect(branchA).toBeGreaterThanOrEqual(6);
  });
});
