// Differential evolution as a solver: L-SHADE's population reduction, failures, determinism,
// every strategy and bound rule, permutations through random keys, and parameter errors.
import { describe, expect, it } from 'vitest';
import {
  differentialEvolution,
  type DifferentialEvolutionParams,
  type DifferentialEvolutionState,
} from '../../src/algorithms/differential-evolution/differential-evolution.js';
import { BOUND_HANDLINGS } from '../../src/algorithms/operators/de-bounds.js';
import { MUTATION_STRATEGIES } from '../../src/algorithms/operators/de-mutation.js';
import { resolveParams } from '../../src/config/params.js';
import { ParameterError } from '../../src/core/errors.js';
import type { Problem } from '../../src/core/problem.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import { createRng, restoreRng, type Rng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { integerSpace, permutationSpace, realSpace } from '../../src/core/spaces/index.js';
import type { Space } from '../../src/core/space.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';
import { poolEvaluator } from '../../src/runners/pool-evaluator.js';

const sphere = (d: number, low = -5, high = 5): Problem<number[]> => ({
  name: `sphere-${d}`,
  space: realSpace({
    lower: new Array<number>(d).fill(low),
    upper: new Array<number>(d).fill(high),
  }),
  evaluate: (x) => x.reduce((s, v) => s + v * v, 0),
});

function params(given: Partial<DifferentialEvolutionParams> = {}): DifferentialEvolutionParams {
  return resolveParams(differentialEvolution, given, 'test');
}

describe('differential-evolution', () => {
  it('L-SHADE shrinks its population linearly to the minimum at the end of the budget', async () => {
    const sizes: number[] = [];
    const result = await minimize(sphere(5), differentialEvolution, {
      budget: { evaluations: 6000 },
      params: { polish: false },
      seed: 4,
      onBatch: (record) => {
        sizes.push(record.candidates.length);
      },
    });
    expect(sizes[0]).toBe(90); // 18 x d
    for (let k = 1; k < sizes.length; k++)
      expect(sizes[k]).toBeLessThanOrEqual(sizes[k - 1] as number);
    // The last whole generations run at the minimum size 4 (the runner may cut the last batch).
    expect(sizes.slice(-3, -1)).toEqual([4, 4]);
    expect(result.evaluations).toBe(6000);
    expect(result.bestValue).toBeLessThan(1e-12);
  });

  it('caps the automatic population at a tenth of a small evaluation budget', async () => {
    const sizes: number[] = [];
    await minimize(sphere(7), differentialEvolution, {
      budget: { evaluations: 200 },
      params: { variant: 'shade', polish: false },
      seed: 1,
      onBatch: (record) => {
        sizes.push(record.candidates.length);
      },
    });
    expect(sizes).toEqual(new Array<number>(10).fill(20)); // not 18 x 7 = 126
  });

  it('keeps a constant population without an evaluation budget, and as SHADE', async () => {
    for (const [variant, budget] of [
      ['lshade', { target: 1e-6, stagnation: 100_000 }],
      ['shade', { evaluations: 3000 }],
    ] as const) {
      const sizes: number[] = [];
      await minimize(sphere(3), differentialEvolution, {
        budget,
        params: { variant, polish: false },
        seed: 1,
        onBatch: (record) => {
          sizes.push(record.candidates.length);
        },
      });
      expect(sizes.length).toBeGreaterThan(5);
      // Every batch but the last (which the runner may cut) is the whole population, 18 x 3.
      expect(new Set(sizes.slice(0, -1))).toEqual(new Set([54]));
    }
  });

  it('never lets a failed trial replace its parent, and keeps the memory finite', () => {
    const problem = sphere(4);
    const context: SolverContext<number[]> = {
      space: problem.space,
      gradients: false,
      budget: { evaluations: 5000 },
    };
    const rng = createRng(8);
    const state: DifferentialEvolutionState = differentialEvolution.init(
      context,
      params({ polish: false }),
      rng,
    );
    let generation = 0;
    while (state.evaluations < 5000) {
      const xs = differentialEvolution.ask(state, context, rng);
      // Half the initial population fails; later, every third trial fails.
      const values = xs.map((x, i) =>
        generation === 0
          ? i % 2 === 0
            ? Infinity
            : (problem.evaluate(x) as number)
          : i % 3 === 0
            ? Infinity
            : (problem.evaluate(x) as number),
      );
      const before = state.vectors.map((v) => v.slice());
      const beforeValues = state.values.slice();
      differentialEvolution.tell(state, context, xs, values, rng);
      if (generation > 0 && state.vectors.length === before.length) {
        values.forEach((v, i) => {
          if (v === Infinity) {
            expect(state.vectors[i]).toEqual(before[i]);
            expect(state.values[i]).toBe(beforeValues[i]);
          }
        });
      }
      for (const f of state.memory.differentialWeights) expect(Number.isFinite(f)).toBe(true);
      for (const cr of state.memory.crossoverRates)
        expect(cr === null || Number.isFinite(cr)).toBe(true);
      generation++;
    }
    expect(Math.min(...state.values)).toBeLessThan(1e-6);
  });

  it('gives the same run for the same seed with every variant', async () => {
    for (const variant of ['lshade', 'shade', 'jade', 'classic'] as const) {
      const run = () =>
        minimize(sphere(4), differentialEvolution, {
          budget: { evaluations: 1500 },
          params: { variant, boundHandling: 'reinitialize' },
          seed: 17,
        });
      const [a, b] = [await run(), await run()];
      expect(b.bestValue).toBe(a.bestValue);
      expect(b.best).toEqual(a.best);
      expect(b.trace).toEqual(
        a.trace.map((p) => ({ ...p, elapsedMs: expect.any(Number) as number })),
      );
    }
  });

  it('converges on sphere with every strategy and crossover (classic variant)', async () => {
    for (const strategy of MUTATION_STRATEGIES) {
      for (const crossover of ['binomial', 'exponential'] as const) {
        const result = await minimize(sphere(3), differentialEvolution, {
          budget: { evaluations: 3000 },
          params: {
            variant: 'classic',
            strategy,
            crossover,
            populationSize: 20,
            differentialWeight: [0.5, 1],
            crossoverRate: crossover === 'exponential' ? 0.95 : 0.9,
          },
          seed: 2,
        });
        expect(result.bestValue, `${strategy}/${crossover}`).toBeLessThan(1e-4);
      }
    }
  });

  it('reaches an optimum on the bound with every bound rule, asking only points in the box', async () => {
    const problem: Problem<number[]> = {
      name: 'linear',
      space: realSpace({ lower: [-1, -1, -1], upper: [2, 2, 2] }),
      evaluate: (x) => x.reduce((s, v) => s + v, 0) + 3,
    };
    for (const boundHandling of BOUND_HANDLINGS) {
      const asked: number[][] = [];
      const result = await minimize(problem, differentialEvolution, {
        budget: { evaluations: 3000 },
        params: { boundHandling },
        seed: 6,
        onBatch: (record) => {
          asked.push(...record.candidates);
        },
      });
      for (const x of asked) expect(problem.space.contains(x)).toBe(true);
      expect(result.bestValue, boundHandling).toBeLessThan(1e-3);
    }
  });

  it('finds the identity on a displacement objective over permutations (random keys)', async () => {
    const problem: Problem<number[]> = {
      name: 'displacement',
      space: permutationSpace({ size: 8 }),
      evaluate: (x) => x.reduce((s, v, i) => s + Math.abs(v - i), 0),
    };
    const result = await minimize(problem, differentialEvolution, {
      budget: { evaluations: 20_000, target: 0 },
      seed: 3,
    });
    expect(result.bestValue).toBe(0);
    expect(result.best).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('learns from the mutation memory: SHADE and JADE both solve rastrigin d = 5', async () => {
    const rastrigin: Problem<number[]> = {
      ...sphere(5, -5.12, 5.12),
      evaluate: (x) =>
        10 * x.length + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0),
    };
    for (const variant of ['lshade', 'shade', 'jade'] as const) {
      const result = await minimize(rastrigin, differentialEvolution, {
        budget: { evaluations: 30_000 },
        params: { variant },
        seed: 1,
      });
      expect(result.bestValue, variant).toBeLessThan(1e-8);
    }
  });

  it('polishes the best vector with the local optimizer in the last share of the budget', async () => {
    // An ill-conditioned ellipsoid: the evolution gets close, the quasi-Newton polish finishes.
    const ellipsoid: Problem<number[]> = {
      ...sphere(6),
      evaluate: (x) => x.reduce((s, v, i) => s + 3 ** i * (v - 0.3) ** 2, 0),
    };
    const run = (polish: boolean) =>
      minimize(ellipsoid, differentialEvolution, {
        budget: { evaluations: 3000 },
        params: { polish },
        seed: 12,
      });
    const [plain, polished] = [await run(false), await run(true)];
    expect(polished.evaluations).toBe(3000);
    expect(polished.bestValue).toBeLessThan(1e-10);
    expect(polished.bestValue).toBeLessThan(plain.bestValue * 1e-3);
  });

  it('enters the polish phase at the horizon on real spaces only', () => {
    const drive = (space: Space<number[]>, evaluate: (x: number[]) => number): string[] => {
      const context: SolverContext<number[]> = {
        space,
        gradients: false,
        budget: { evaluations: 2000 },
      };
      const rng = createRng(2);
      const state = differentialEvolution.init(context, params({ populationSize: 20 }), rng);
      const phases: string[] = [];
      while (state.evaluations < 2000) {
        const xs = differentialEvolution.ask(state, context, rng);
        if (xs.length === 0 || state.evaluations + xs.length > 2000) break;
        if (state.phase === 'polish') expect(state.evaluations).toBeGreaterThanOrEqual(1900);
        differentialEvolution.tell(state, context, xs, xs.map(evaluate), rng);
        phases.push(state.phase);
      }
      return phases;
    };
    const real = drive(sphere(3).space, (x) => x.reduce((s, v) => s + v * v, 0));
    expect(real).toContain('polish');
    const integer = drive(integerSpace({ lower: [-5, -5, -5], upper: [5, 5, 5] }), (x) =>
      x.reduce((s, v) => s + v * v, 0),
    );
    expect(integer).not.toContain('polish');
  });

  it('keeps a state that survives a JSON round trip in the middle of the polish', () => {
    const problem = sphere(3);
    const context: SolverContext<number[]> = {
      space: problem.space,
      gradients: false,
      budget: { evaluations: 2000 },
    };
    const rng = createRng(5);
    const state = differentialEvolution.init(context, params({ populationSize: 20 }), rng);
    const step = (s: DifferentialEvolutionState, r: Rng): number[][] => {
      const xs = differentialEvolution.ask(s, context, r);
      differentialEvolution.tell(
        s,
        context,
        xs,
        xs.map((x) => problem.evaluate(x) as number),
        r,
      );
      return xs;
    };
    while (state.phase !== 'polish') step(state, rng);
    step(state, rng);
    const copy = parseState<DifferentialEvolutionState>(stringifyState(state));
    const rngCopy = restoreRng(rng.getState());
    for (let k = 0; k < 5; k++) expect(step(copy, rngCopy)).toEqual(step(state, rng));
    expect(copy).toEqual(state);
  });

  it('gives the same run on two worker threads as in this thread (one generation per batch)', async () => {
    const problem = await buildProblem(
      { type: 'rastrigin', dimension: 6, shifted: true },
      { baseDir: '.' },
    );
    const run = async (pooled: boolean) => {
      const evaluator = pooled ? poolEvaluator(problem, { workers: 2 }) : undefined;
      try {
        return await minimize(problem, differentialEvolution, {
          budget: { evaluations: 1000 },
          seed: 9,
          ...(evaluator === undefined ? {} : { evaluator }),
        });
      } finally {
        await evaluator?.close();
      }
    };
    const [inThread, pooled] = [await run(false), await run(true)];
    expect(pooled.best).toEqual(inThread.best);
    expect(pooled.bestValue).toBe(inThread.bestValue);
    expect(pooled.trace.map((p) => [p.evaluations, p.value])).toEqual(
      inThread.trace.map((p) => [p.evaluations, p.value]),
    );
  });

  it('refuses a population too small for the strategy, naming the minimum', () => {
    const context: SolverContext<number[]> = {
      space: sphere(3).space,
      gradients: false,
      budget: {},
    };
    expect(() =>
      differentialEvolution.init(
        context,
        params({ strategy: 'rand/2', populationSize: 5 }),
        createRng(1),
      ),
    ).toThrow(ParameterError);
    expect(() =>
      differentialEvolution.init(
        context,
        params({ strategy: 'rand/2', populationSize: 5 }),
        createRng(1),
      ),
    ).toThrow('differential-evolution: populationSize must be >= 6 for strategy rand/2 (got 5)');
    expect(() => params({ pBestRate: 2 })).toThrow(/pBestRate/);
  });

  it('refuses a minimum population above the population and a reversed F range', () => {
    expect(() => params({ populationSize: 10, minPopulationSize: 50 })).toThrow(
      'test: invalid parameters: /minPopulationSize must be <= populationSize (got 50 with populationSize 10)',
    );
    expect(() => params({ differentialWeight: [1.5, 0.5] })).toThrow(
      'test: invalid parameters: /differentialWeight must be [low, high] with low <= high (got [1.5,0.5]) (did you swap low and high?)',
    );
    // Only L-SHADE shrinks to its minimum; a range of one value is a fixed F.
    expect(params({ variant: 'shade', populationSize: 10, minPopulationSize: 50 })).toBeDefined();
    expect(params({ populationSize: 10, minPopulationSize: 10 })).toBeDefined();
    expect(params({ differentialWeight: [0.5, 0.5] })).toBeDefined();
  });

  it('refuses populationSizePerDimension x dimension past 1,000,000 unless a budget caps it', () => {
    const space = sphere(2).space;
    const perDimension = params({ populationSizePerDimension: 500_001 });
    const bySeconds: SolverContext<number[]> = { space, gradients: false, budget: { seconds: 1 } };
    expect(() => differentialEvolution.init(bySeconds, perDimension, createRng(1))).toThrow(
      'differential-evolution: populationSizePerDimension x dimension must be <= 1000000 (got 500001 x 2 = 1000002); lower populationSizePerDimension, set populationSize, or give an evaluation budget (the population is then at most a tenth of it)',
    );
    const byEvaluations: SolverContext<number[]> = {
      space,
      gradients: false,
      budget: { evaluations: 1000 },
    };
    const state = differentialEvolution.init(byEvaluations, perDimension, createRng(1));
    expect(state.initialPopulationSize).toBe(100);
  });

  it('stops as converged once the values agree within the tolerance', async () => {
    const result = await minimize(sphere(3), differentialEvolution, {
      budget: { evaluations: 100_000 },
      params: { variant: 'shade', tolerance: 0.01, absoluteTolerance: 1e-12 },
      seed: 5,
    });
    expect(result.stopReason).toBe('converged');
    expect(result.evaluations).toBeLessThan(100_000);
    expect(result.bestValue).toBeLessThan(1e-6);
  });
});
