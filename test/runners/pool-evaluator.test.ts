// Parallel evaluation on worker threads: the same results for any number of workers, and
// faults (throws, NaN, hangs, exits, uncaught errors) isolated to the candidate that caused them.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { randomSearch } from '../../src/algorithms/random-search/random-search.js';
import { withProblemProperties } from '../../src/core/problem.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';
import { poolEvaluator } from '../../src/runners/pool-evaluator.js';

const fixtures = fileURLToPath(new URL('../fixtures/objectives/', import.meta.url));
const space = {
  x: { type: 'real', low: -3, high: 3 },
  y: { type: 'real', low: -3, high: 3 },
  mode: { type: 'categorical', choices: ['ok', 'ok2', 'ok3', 'ok4', 'ok5', 'ok6', 'throw', 'nan'] },
};

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

describe('pool evaluation', () => {
  it('gives bit-identical runs for 1 (in-thread), 1, 2 and 3 worker threads', async () => {
    const problem = await buildProblem(
      { type: 'rastrigin', dimension: 6, shifted: true },
      { baseDir: fixtures },
    );
    const run = async (workers: number, pooled: boolean) => {
      const evaluator = pooled ? poolEvaluator(problem, { workers }) : undefined;
      if (evaluator !== undefined) closers.push(() => evaluator.close());
      return minimize(problem, randomSearch, {
        budget: { evaluations: 3000 },
        params: { batchSize: 256 },
        seed: 5,
        ...(evaluator === undefined ? {} : { evaluator }),
      });
    };
    const reference = await run(1, false);
    for (const [workers, pooled] of [
      [1, true],
      [2, true],
      [3, true],
    ] as const) {
      const result = await run(workers, pooled);
      expect(result.best).toEqual(reference.best);
      expect(result.bestValue).toBe(reference.bestValue);
      expect(result.trace.map((p) => [p.evaluations, p.value])).toEqual(
        reference.trace.map((p) => [p.evaluations, p.value]),
      );
    }
  });

  it('marks throwing and NaN evaluations failed with their message and goes on', async () => {
    const problem = await buildProblem(
      { module: './misbehaving.mjs', export: 'faulty', space },
      { baseDir: fixtures },
    );
    const inThread = await minimize(problem, randomSearch, {
      budget: { evaluations: 200 },
      seed: 2,
    });
    const pooled = await minimize(problem, randomSearch, {
      budget: { evaluations: 200 },
      seed: 2,
      workers: 2,
      baseDir: fixtures,
    });
    expect(pooled.failedEvaluations).toBe(inThread.failedEvaluations);
    expect(pooled.failedEvaluations).toBeGreaterThan(10);
    expect(pooled.failures.map((f) => f.message)).toEqual(inThread.failures.map((f) => f.message));
    expect(pooled.failures.some((f) => /^bad point/.test(f.message))).toBe(true);
    expect(pooled.failures.some((f) => f.message === 'objective returned NaN')).toBe(true);
    expect(pooled.bestValue).toBe(inThread.bestValue);
  });

  it('ends a hung evaluation at the timeout, replaces the worker and fails only that candidate', async () => {
    const problem = await buildProblem(
      {
        module: './misbehaving.mjs',
        export: 'faulty',
        space: { ...space, mode: { type: 'categorical', choices: ['ok', 'ok2', 'ok3', 'hang'] } },
      },
      { baseDir: fixtures },
    );
    const evaluator = poolEvaluator(problem, { workers: 2, timeoutSeconds: 0.5 });
    closers.push(() => evaluator.close());
    const candidates = [
      { x: 1, y: 1, mode: 'ok' },
      { x: 0, y: 0, mode: 'hang' },
      { x: 2, y: 0, mode: 'ok2' },
      { x: 0, y: 3, mode: 'ok3' },
    ];
    const outcome = await evaluator.evaluate(candidates, {});
    expect(outcome.values[0]).toBe(2);
    expect(outcome.values[2]).toBe(4);
    expect(outcome.values[3]).toBe(9);
    expect(outcome.errors?.[1]).toMatch(/timed out after 0.5 s/);
    expect(outcome.errors?.filter((e) => e !== undefined)).toHaveLength(1);
    // The pool is still usable afterwards.
    const again = await evaluator.evaluate([{ x: 1, y: 0, mode: 'ok' }], {});
    expect(again.values).toEqual([1]);
  });

  it('replaces a worker that exits or dies of an uncaught error, failing only its candidate', async () => {
    const problem = await buildProblem(
      {
        module: './misbehaving.mjs',
        export: 'faulty',
        space: { ...space, mode: { type: 'categorical', choices: ['ok', 'exit', 'uncaught'] } },
      },
      { baseDir: fixtures },
    );
    const evaluator = poolEvaluator(problem, { workers: 2, chunkSize: 3 });
    closers.push(() => evaluator.close());
    const candidates = [
      { x: 1, y: 1, mode: 'ok' },
      { x: 0, y: 0, mode: 'exit' },
      { x: 2, y: 0, mode: 'ok' },
      { x: 0, y: 3, mode: 'ok' },
      { x: 0, y: 1, mode: 'uncaught' },
      { x: 1, y: 0, mode: 'ok' },
    ];
    const outcome = await evaluator.evaluate(candidates, {});
    expect(outcome.values[0]).toBe(2);
    expect(outcome.values[2]).toBe(4);
    expect(outcome.values[3]).toBe(9);
    expect(outcome.values[5]).toBe(1);
    expect(outcome.errors?.[1]).toMatch(/exited with code 7/);
    expect(outcome.errors?.[4]).toMatch(/uncaught in a timer/);
  });

  it('starts the costliest candidates first when the problem estimates costs', async () => {
    const built = await buildProblem(
      {
        module: './study.mjs',
        export: 'slowQuadratic',
        space: { x: { type: 'real', low: 0, high: 10 }, y: { type: 'real', low: 0, high: 1 } },
      },
      { baseDir: fixtures },
    );
    const problem = withProblemProperties(built, { cost: (c: { x: number }) => c.x });
    const evaluator = poolEvaluator(problem, { workers: 1 });
    closers.push(() => evaluator.close());
    const candidates = [3, 9, 1, 7, 5, 8].map((x) => ({ x, y: 0 }));
    const finished: number[] = [];
    await evaluator.evaluate(candidates, {});
    const outcome = await evaluator.evaluate(candidates, {
      onResult: (index) => finished.push(index),
    });
    // One worker runs the tasks in the order they were sent.
    expect(finished).toEqual([1, 5, 3, 4, 0, 2]);
    expect(outcome.values).toEqual(candidates.map(({ x }) => (x - 0.3) ** 2 + 0.2 ** 2));
  });

  it('loads TypeScript objectives', async () => {
    const problem = await buildProblem(
      {
        module: './typed.ts',
        space: { x: { type: 'real', low: -5, high: 5 }, y: { type: 'real', low: -5, high: 5 } },
      },
      { baseDir: fixtures },
    );
    expect(await problem.evaluate({ x: 1, y: -2 })).toBe(0);
    const evaluator = poolEvaluator(problem, { workers: 1 });
    closers.push(() => evaluator.close());
    const outcome = await evaluator.evaluate([{ x: 0, y: 0 }], {});
    expect(outcome.values).toEqual([5]);
  });

  it('names a missing module or export, and a problem without a spec', async () => {
    await expect(
      buildProblem({ module: './nope.mjs', space }, { baseDir: fixtures }),
    ).rejects.toThrow(/problem.module: cannot load \.\/nope\.mjs \(no such file/);
    await expect(
      buildProblem(
        { module: './misbehaving.mjs', export: 'missing', space },
        { baseDir: fixtures },
      ),
    ).rejects.toThrow(/has no export named "missing" \(it exports: .*faulty/);
    await expect(
      buildProblem(
        { module: './misbehaving.mjs', export: 'notAFunction', space },
        { baseDir: fixtures },
      ),
    ).rejects.toThrow(/must be a function \(got 42\)/);
    const problem = await buildProblem({ type: 'sphere', dimension: 2 }, { baseDir: fixtures });
    const { spec: _spec, ...withoutSpec } = problem;
    expect(() => poolEvaluator(withoutSpec, { workers: 2 })).toThrow(/has no spec/);
  });
});
