// minimize(): budgets, best-so-far, seeds, failures, abort, maximization.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomSearch } from '../../src/algorithms/random-search/random-search.js';
import { maximize } from '../../src/core/maximize.js';
import type { Problem } from '../../src/core/problem.js';
import { realSpace } from '../../src/core/spaces/index.js';
import { TEST_FUNCTIONS } from '../../src/problems/continuous/functions.js';
import { continuousProblem } from '../../src/problems/continuous/suite.js';
import { minimize } from '../../src/runners/minimize.js';

const sphere = (d: number): Problem<number[]> =>
  continuousProblem(TEST_FUNCTIONS[0]!, { dimension: d, shifted: false });

describe('minimize', () => {
  it('never exceeds the evaluation budget, whatever the batch size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 64 }),
        async (evaluations, batchSize) => {
          let calls = 0;
          const base = sphere(3);
          const problem = { ...base, evaluate: (x: number[]) => (calls++, base.evaluate(x)) };
          const result = await minimize(problem, randomSearch, {
            budget: { evaluations },
            params: { batchSize },
            seed: 1,
          });
          expect(result.evaluations).toBe(evaluations);
          expect(calls).toBe(evaluations);
          expect(result.stopReason).toBe('evaluations');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps a monotone best-so-far whose best re-evaluates to the reported value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), async (seed) => {
        const problem = continuousProblem(TEST_FUNCTIONS[1]!, { dimension: 4, shifted: true });
        const result = await minimize(problem, 'random-search', {
          budget: { evaluations: 500 },
          seed,
        });
        const values = result.trace.map((p) => p.value);
        for (let i = 1; i < values.length; i++)
          expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
        expect(problem.evaluate(result.best!)).toBe(result.bestValue);
        expect(result.trace.at(-1)?.evaluations).toBe(500);
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same result for the same seed and a different one for another', async () => {
    const run = (seed: number) =>
      minimize(sphere(5), randomSearch, { budget: { evaluations: 300 }, seed });
    const [a, b, c] = await Promise.all([run(4), run(4), run(5)]);
    expect(b.best).toEqual(a.best);
    expect(b.bestValue).toBe(a.bestValue);
    expect(c.bestValue).not.toBe(a.bestValue);
  });

  it('chooses and reports a seed when none is given', async () => {
    const result = await minimize(sphere(2), randomSearch, { budget: { evaluations: 10 } });
    expect(typeof result.seed).toBe('number');
    const again = await minimize(sphere(2), randomSearch, {
      budget: { evaluations: 10 },
      seed: result.seed,
    });
    expect(again.best).toEqual(result.best);
  });

  it('records throwing, NaN and infinite evaluations as failures and goes on', async () => {
    let calls = 0;
    const problem: Problem<number[]> = {
      ...sphere(2),
      evaluate(x) {
        calls++;
        if (calls % 3 === 0) throw new Error(`boom ${calls}`);
        if (calls % 5 === 0) return NaN;
        if (calls % 7 === 0) return Infinity;
        return x[0]! ** 2 + x[1]! ** 2;
      },
    };
    const result = await minimize(problem, randomSearch, { budget: { evaluations: 100 }, seed: 2 });
    expect(result.evaluations).toBe(100);
    const expected = Array.from({ length: 100 }, (_, i) => i + 1).filter(
      (k) => k % 3 === 0 || k % 5 === 0 || k % 7 === 0,
    ).length;
    expect(result.failedEvaluations).toBe(expected);
    expect(result.failures[0]).toEqual({ evaluation: 3, message: 'boom 3' });
    expect(result.failures[1]).toEqual({ evaluation: 5, message: 'objective returned NaN' });
    expect(result.failures.find((f) => f.evaluation === 7)?.message).toBe(
      'objective returned Infinity',
    );
    expect(Number.isFinite(result.bestValue)).toBe(true);
  });

  it('awaits asynchronous objectives and records their rejections', async () => {
    const base = sphere(2);
    let calls = 0;
    const problem: Problem<number[]> = {
      ...base,
      evaluate: async (x) => {
        calls++;
        await new Promise((r) => setTimeout(r, 0));
        if (calls % 4 === 0) throw new Error('async failure');
        return base.evaluate(x);
      },
    };
    const result = await minimize(problem, randomSearch, {
      budget: { evaluations: 40 },
      params: { batchSize: 8 },
      seed: 3,
    });
    expect(result.evaluations).toBe(40);
    expect(result.failedEvaluations).toBe(10);
  });

  it('stops at the target, at stagnation and at the time limit, and says which', async () => {
    const easy = await minimize(sphere(1), randomSearch, {
      budget: { evaluations: 100000, target: 1e-2 },
      seed: 1,
    });
    expect(easy.stopReason).toBe('target');
    expect(easy.bestValue).toBeLessThanOrEqual(1e-2);
    expect(easy.evaluations).toBeLessThan(100000);

    const stagnant = await minimize({ ...sphere(2), evaluate: () => 1 }, randomSearch, {
      budget: { evaluations: 100000, stagnation: 50 },
      params: { batchSize: 1 },
      seed: 1,
    });
    expect(stagnant.stopReason).toBe('stagnation');
    expect(stagnant.evaluations).toBe(51);

    const timed = await minimize(sphere(2), randomSearch, { budget: { seconds: 0.05 }, seed: 1 });
    expect(timed.stopReason).toBe('seconds');
    expect(timed.evaluations).toBeGreaterThan(0);
  });

  it('stops between batches when aborted, keeping what was found', async () => {
    const controller = new AbortController();
    const result = await minimize(sphere(3), randomSearch, {
      budget: { evaluations: 1e9 },
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.evaluations > 1000) controller.abort();
      },
      progressIntervalMs: 0,
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.evaluations).toBeGreaterThan(1000);
    expect(result.best).toBeDefined();
  });

  it('reports maximized problems in their own terms', async () => {
    const space = realSpace({ lower: [0], upper: [1] });
    const problem = maximize<number[]>({
      name: 'peak',
      space,
      evaluate: (x) => 10 - (x[0]! - 0.5) ** 2,
      optimum: 10,
    });
    const result = await minimize(problem, randomSearch, {
      budget: { evaluations: 2000, target: 9.999 },
      seed: 1,
    });
    expect(result.direction).toBe('maximize');
    expect(result.bestValue).toBeGreaterThan(9.999);
    expect(result.stopReason).toBe('target');
    expect(result.optimum).toBe(10);
    expect(result.gapPercent).toBeLessThan(0.01);
    const values = result.trace.map((p) => p.value);
    for (let i = 1; i < values.length; i++)
      expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
  });

  it('rejects bad options with a clear message', async () => {
    await expect(minimize(sphere(2), randomSearch, { budget: {} })).rejects.toThrow(
      /at least one of evaluations/,
    );
    await expect(minimize(sphere(2), randomSearch, { budget: { evaluations: 0 } })).rejects.toThrow(
      /evaluations must be an integer >= 1 \(got 0\)/,
    );
    await expect(
      minimize(sphere(2), randomSearch, { budget: { evaluations: 5 }, params: { batchSize: 0 } }),
    ).rejects.toThrow(/batchSize must be >= 1/);
    await expect(
      minimize(sphere(2), 'random-serch', { budget: { evaluations: 5 } }),
    ).rejects.toThrow(/Did you mean "random-search"/);
  });

  it('rejects an unknown budget key, an infinite target and a target alone, saying which', async () => {
    const run = (budget: object) => minimize(sphere(2), randomSearch, { budget, seed: 1 });
    await expect(run({ evaluations: 10, evals: 3 })).rejects.toThrow(
      'options.budget.evals is not allowed; allowed: evaluations, seconds, target, stagnation, epochs',
    );
    await expect(run({ evaluation: 10 })).rejects.toThrow(
      'options.budget.evaluation is not allowed; allowed: evaluations, seconds, target, stagnation, epochs (did you mean "evaluations"?)',
    );
    await expect(run({ evaluations: 10, target: Infinity })).rejects.toThrow(
      'options.budget.target must be a finite number (got Infinity)',
    );
    await expect(run({ target: 0.001 })).rejects.toThrow(
      'options.budget must set at least one of evaluations, seconds, stagnation or, in a study, epochs beside target, which may never be reached (got {"target":0.001})',
    );
  });

  it('refuses params that are not an object, in one message', async () => {
    for (const [params, shown] of [
      [null, 'null'],
      [[], '[]'],
      ['x', '"x"'],
    ] as const) {
      await expect(
        minimize(sphere(2), randomSearch, {
          budget: { evaluations: 3 },
          params: params as unknown as object,
        }),
      ).rejects.toThrow(`options.params must be an object (got ${shown}); give the parameters`);
    }
  });

  it('says what a BigInt or a Number object returned by the objective is', async () => {
    for (const [value, message] of [
      [3n, 'the objective must return a number (got 3n); convert it with Number(...)'],
      [
        new Number(0.25),
        'the objective must return a number (got a Number object holding 0.25); convert it with Number(...)',
      ],
    ] as const) {
      const problem = { ...sphere(2), evaluate: () => value as unknown as number };
      const result = await minimize(problem, randomSearch, { budget: { evaluations: 1 }, seed: 1 });
      expect(result.failures).toEqual([{ evaluation: 1, message }]);
    }
  });

  it('rejects a space that is a plain object instead of a built space', async () => {
    // A common slip: the parameters' spec where a space object belongs.
    const spec = { x: { type: 'real', low: 0, high: 1 } };
    const problem = { name: 'plain', space: spec, evaluate: () => 0 } as unknown as Problem<
      number[]
    >;
    await expect(minimize(problem, randomSearch, { budget: { evaluations: 3 } })).rejects.toThrow(
      /problem\.space must be a space built by realSpace, .*mixedSpace\(\{ parameters \}\).*without sample, contains, repair, key, toVector, fromVector/,
    );
  });

  it('calls progress and batch hooks', async () => {
    const batches: number[] = [];
    let progressCalls = 0;
    await minimize(sphere(2), randomSearch, {
      budget: { evaluations: 100 },
      params: { batchSize: 30 },
      seed: 1,
      onBatch: (record) => {
        batches.push(record.candidates.length);
      },
      onProgress: () => progressCalls++,
    });
    expect(batches).toEqual([30, 30, 30, 10]);
    expect(progressCalls).toBeGreaterThanOrEqual(1);
  });
});
