// The optimizers as first-order solvers: registered under every name, exact gradient-descent
// steps, projection onto the box, failures, convergence and the gradient-evaluation budget.
import { describe, expect, it } from 'vitest';
import { solvers } from '../../src/algorithms/registry.js';
import type { Problem } from '../../src/core/problem.js';
import { realSpace } from '../../src/core/spaces/real.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';

const NAMES = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'adadelta',
  'rmsprop',
  'adam',
  'adamw',
  'adamax',
  'nadam',
  'ftrl',
];

function quadratic(lower = -10, upper = 10, center = [1, -2]): Problem<number[]> {
  return {
    name: 'quadratic',
    space: realSpace({ lower: center.map(() => lower), upper: center.map(() => upper) }),
    evaluate: (x) => x.reduce((s, v, i) => s + (v - (center[i] as number)) ** 2, 0),
    gradient: (x) => x.map((v, i) => 2 * (v - (center[i] as number))),
  };
}

async function trajectory(
  problem: Problem<number[]>,
  solver: string,
  params: object,
  evaluations: number,
) {
  const points: number[][] = [];
  const result = await minimize(problem, solver, {
    budget: { evaluations },
    params,
    seed: 1,
    onBatch: (b) => {
      points.push(...(b.candidates as number[][]));
    },
  });
  return { result, points };
}

describe('first-order solvers', () => {
  it('are registered under every optimizer name, need gradients and support real spaces only', () => {
    for (const name of NAMES) {
      const solver = solvers.get(name);
      expect(solver.requiresGradient, name).toBe(true);
      expect(solver.supports).toEqual(['real']);
    }
    expect(solvers.get('momentum').defaultParams).toMatchObject({ momentum: 0.9, nesterov: false });
    expect(solvers.get('nesterov').defaultParams).toMatchObject({ momentum: 0.9, nesterov: true });
  });

  it('sgd without momentum is plain gradient descent, one step per gradient evaluation', async () => {
    const { result, points } = await trajectory(
      quadratic(),
      'sgd',
      { learningRate: 0.1, initialPoint: [3, 3] },
      5,
    );
    expect(result.evaluations).toBe(5);
    let x = [3, 3];
    for (const point of points) {
      expect(point).toEqual(x);
      x = x.map((v, i) => v - 0.1 * 2 * (v - [1, -2][i]!));
    }
  });

  it('minimizes Rosenbrock with Adam (the shipped config)', async () => {
    const problem = (await buildProblem(
      { type: 'rosenbrock', dimension: 4 },
      { baseDir: '.' },
    )) as Problem<number[]>;
    const result = await minimize(problem, 'adam', {
      budget: { evaluations: 8000 },
      params: { learningRate: 0.01 },
      seed: 1,
    });
    expect(result.bestValue).toBeLessThan(1e-6);
  });

  it.each(NAMES)('%s decreases a quadratic and stays in the box', async (name) => {
    const problem = quadratic(-10, 10, [9.9, -9.9]);
    const { result, points } = await trajectory(
      problem,
      name,
      { learningRate: 0.05, initialPoint: [0, 0] },
      300,
    );
    for (const p of points) for (const v of p) expect(Math.abs(v)).toBeLessThanOrEqual(10);
    expect(result.bestValue).toBeLessThan(problem.evaluate([0, 0]) as number);
  });

  it('projects steps that leave the box onto it', async () => {
    const problem = quadratic(-1, 1, [5, 5]);
    const { points } = await trajectory(
      problem,
      'sgd',
      { learningRate: 1, initialPoint: [0, 0] },
      3,
    );
    expect(points[1]).toEqual([1, 1]);
    expect(points[2]).toEqual([1, 1]);
  });

  it('converges when the gradient falls within the tolerance', async () => {
    const { result } = await trajectory(
      quadratic(),
      'sgd',
      { learningRate: 0.5, gradientTolerance: 1e-12 },
      100,
    );
    expect(result.stopReason).toBe('converged');
    expect(result.evaluations).toBe(2);
    expect(result.bestValue).toBe(0);
  });

  it('backs off towards the last good point after a failed evaluation', async () => {
    // Values fail beyond x = 2: a step from 0 to 4 is halved back towards 0 until it succeeds.
    const problem: Problem<number[]> = {
      name: 'cliff',
      space: realSpace({ lower: [-10], upper: [10] }),
      evaluate: ([x = 0]) => (x > 2 ? NaN : (x - 5) ** 2),
      gradient: ([x = 0]) => [2 * (x - 5)],
    };
    const { points } = await trajectory(
      problem,
      'sgd',
      { learningRate: 0.4, initialPoint: [0] },
      3,
    );
    expect(points.map((p) => p[0])).toEqual([0, 4, 2]);
  });

  it('refuses an initial point of the wrong length', async () => {
    await expect(
      minimize(quadratic(), 'adam', { budget: { evaluations: 3 }, params: { initialPoint: [1] } }),
    ).rejects.toThrow('solver adam: initialPoint must hold 2 numbers, one per variable (got 1)');
  });
});
