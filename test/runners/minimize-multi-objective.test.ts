// minimize() on multi-objective problems: the front of feasible non-dominated evaluations,
// failures and constraint violations left out, reference points checked, solvers refused.
import { describe, expect, it } from 'vitest';
import type { MultiObjectiveProblem } from '../../src/core/problem.js';
import { realSpace } from '../../src/core/spaces/index.js';
import { minimize } from '../../src/runners/minimize.js';

// cost = x, gain = x on [0, 1]: every point is Pareto-optimal. x > 0.9 fails; x < 0.1 is infeasible.
// No scalar evaluate: a multi-objective problem needs only evaluateObjectives.
const problem: MultiObjectiveProblem<number[]> = {
  name: 'line',
  space: realSpace({ lower: [0], upper: [1] }),
  objectives: [
    { name: 'cost', direction: 'minimize' },
    { name: 'gain', direction: 'maximize' },
  ],
  evaluateObjectives: (x) => {
    const v = x[0] as number;
    if (v > 0.9) throw new Error('too large');
    // gain = x is maximized: its minimized value is -x.
    return { values: [v, -v], violation: v < 0.1 ? 0.1 - v : 0 };
  },
};

describe('minimize on several objectives', () => {
  it('reports the feasible front in the user terms, failures counted, no single best', async () => {
    const result = await minimize(problem, 'nsga2', {
      budget: { evaluations: 200 },
      seed: 3,
      params: { populationSize: 20 },
      referencePoint: { cost: 1, gain: 0 },
    });
    expect(result.best).toBeUndefined();
    expect(result.bestValue).toBeNaN();
    expect(result.failedEvaluations).toBeGreaterThan(0);
    expect(result.paretoFront?.length).toBeGreaterThan(5);
    for (const entry of result.paretoFront ?? []) {
      const x = entry.parameters[0] as number;
      expect(x).toBeGreaterThanOrEqual(0.1);
      expect(x).toBeLessThanOrEqual(0.9);
      expect(entry.values.cost).toBeCloseTo(x, 12);
      expect(entry.values.gain).toBeCloseTo(x, 12);
    }
    // cost = gain: the dominated area against (1, 0) is at most 1/2 (the triangle under the line).
    expect(result.hypervolume).toBeGreaterThan(0.3);
    expect(result.hypervolume).toBeLessThanOrEqual(0.5);
    expect(result.referencePoint).toEqual({ cost: 1, gain: 0 });
    expect(result.referencePointDerived).toBe(false);
  });

  it('refuses single-objective solvers, target budgets and malformed reference points', async () => {
    await expect(
      minimize(problem, 'random-search', { budget: { evaluations: 10 } }),
    ).rejects.toThrow(
      'solver random-search optimizes one objective, and problem line has 2 (cost, gain); use gaussian-process, motpe, nsga2 or nsga3',
    );
    await expect(
      minimize(problem, 'nsga2', { budget: { evaluations: 10, target: 0 } }),
    ).rejects.toThrow('target and stagnation need a single objective');
    await expect(
      minimize(problem, 'nsga2', { budget: { evaluations: 10 }, referencePoint: [1] }),
    ).rejects.toThrow(
      'options.referencePoint must give a finite number for each objective (cost, gain)',
    );
  });

  it('refuses malformed objective declarations by their path, and fills in directions', async () => {
    const run = (objectives: unknown, rest: object = {}) =>
      minimize({ ...problem, objectives, ...rest } as never, 'nsga2', {
        budget: { evaluations: 8 },
        params: { populationSize: 4 },
      });
    await expect(run([{ name: 'a' }, { name: 'a' }])).rejects.toThrow(
      'minimize: problem.objectives[1].name must be unique (got "a" twice)',
    );
    await expect(run([{ name: 'a', direction: 'max' }, { name: 'b' }])).rejects.toThrow(
      'minimize: problem.objectives[0].direction must be "minimize" or "maximize" (got "max")',
    );
    await expect(run([{ name: 'a' }])).rejects.toThrow(
      'minimize: problem.objectives must be an array of at least 2 objectives',
    );
    await expect(run([])).rejects.toThrow('at least 2 objectives');
    await expect(
      run([{ name: 'a' }, { name: 'b' }], { evaluateObjectives: undefined }),
    ).rejects.toThrow('declares objectives and must have an evaluateObjectives function');
    await expect(
      minimize({ name: 'p', space: problem.space } as never, 'nsga2', {
        budget: { evaluations: 8 },
      }),
    ).rejects.toThrow(
      'minimize: problem p must have an evaluate function, or objectives and evaluateObjectives',
    );
    const result = await run([{ name: 'cost' }, { name: 'gain', direction: 'maximize' }]);
    expect(result.objectives).toEqual([
      { name: 'cost', direction: 'minimize' },
      { name: 'gain', direction: 'maximize' },
    ]);
  });
});
