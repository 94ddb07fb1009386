// lq-CMA-ES: the linear-quadratic model (exact on functions of its own kind, its size rules),
// Kendall's tau, and the solver with `surrogate: "lq"` (fewer evaluations per generation, the
// same run for any number of worker threads and after a JSON round trip mid-generation).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cmaEs, type CmaEsState } from '../../src/algorithms/cma-es/cma-es.js';
import {
  addToArchive,
  archiveCapacity,
  canModel,
  coefficientCount,
  fitLqModel,
  kendallTau,
  modelKind,
  predict,
  type LqArchive,
} from '../../src/algorithms/cma-es/lq-model.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import type { Problem } from '../../src/core/problem.js';
import { createRng, restoreRng, type Rng } from '../../src/core/rng.js';
import { realSpace } from '../../src/core/spaces/index.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';
import { poolEvaluator } from '../../src/runners/pool-evaluator.js';

function randomArchive(count: number, n: number, f: (x: number[]) => number, rng: Rng): LqArchive {
  const archive: LqArchive = { points: [], values: [] };
  for (let k = 0; k < count; k++) {
    const x = Array.from({ length: n }, () => rng.next());
    addToArchive(archive, x, f(x), count);
  }
  return archive;
}

describe('lq-CMA-ES model', () => {
  it('counts n + 1, 2 n + 1 and n (n + 3) / 2 + 1 coefficients, and grows with the archive', () => {
    expect(
      [10, 21, 66].map((_, i) => coefficientCount(['linear', 'diagonal', 'full'][i] as never, 10)),
    ).toEqual([11, 21, 66]);
    // A kind once 0.75 x the archive reaches 1.1 x its coefficients: 31 points for diagonal
    // (23.25 >= 23.1) and 97 for full (72.75 >= 72.6) at n = 10.
    expect(modelKind(30, 10)).toBe('linear');
    expect(modelKind(31, 10)).toBe('diagonal');
    expect(modelKind(96, 10)).toBe('diagonal');
    expect(modelKind(97, 10)).toBe('full');
    // A model is trusted once it does more than interpolate: 0.75 x 17 = 12.75 >= 12.1.
    expect(canModel(16, 10)).toBe(false);
    expect(canModel(17, 10)).toBe(true);
    expect(archiveCapacity(10, 10)).toBe(132);
    expect(archiveCapacity(2, 40)).toBe(40);
  });

  it('keeps the most recent points first, up to its capacity, as copies', () => {
    const archive: LqArchive = { points: [], values: [] };
    const point = [0.5, 0.5];
    for (let k = 0; k < 5; k++) {
      point[0] = k / 10;
      addToArchive(archive, point, k, 3);
    }
    expect(archive.values).toEqual([4, 3, 2]);
    expect(archive.points.map((p) => p[0])).toEqual([0.4, 0.3, 0.2]);
  });

  it('reproduces a full quadratic, a separable one and a linear function from enough points', () => {
    const rng = createRng(3);
    const n = 4;
    const cases: [number, (x: number[]) => number][] = [
      // 0.75 x 40 = 30 >= 1.1 x 15: full.
      [
        40,
        (x) =>
          3 +
          (x[0]! - 0.2) ** 2 +
          4 * (x[1]! - 0.7) * (x[2]! - 0.1) +
          2 * x[3]! ** 2 -
          x[0]! * x[3]! +
          5 * x[2]!,
      ],
      // 20 points: diagonal (15 >= 9.9), not full.
      [20, (x) => 1 + 2 * (x[0]! - 0.5) ** 2 + 7 * x[1]! ** 2 - 3 * x[2]! + x[3]! ** 2],
      [10, (x) => 1 + x[0]! - 2 * x[1]! + 3 * x[2]! - 4 * x[3]!],
    ];
    for (const [count, f] of cases) {
      const archive = randomArchive(count, n, f, rng);
      const model = fitLqModel(archive, [0.4, 0.6, 0.5, 0.3], [0.2, 0.1, 0.3, 0.25]);
      expect(model).toBeDefined();
      for (let k = 0; k < 20; k++) {
        const x = Array.from({ length: n }, () => rng.next());
        expect(predict(model!, x)).toBeCloseTo(f(x), 6);
      }
    }
  });

  it('is undefined on an empty archive and fits fewer points than coefficients', () => {
    expect(fitLqModel({ points: [], values: [] }, [0, 0], [1, 1])).toBeUndefined();
    const archive = randomArchive(3, 5, (x) => x[0]! + x[1]!, createRng(1));
    const model = fitLqModel(archive, [0.5, 0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1, 1])!;
    for (let k = 0; k < 3; k++) {
      expect(predict(model, archive.points[k]!)).toBeCloseTo(archive.values[k]!, 6);
    }
  });
});

describe("Kendall's tau", () => {
  it('is 1 on the same order, -1 on the reverse, and counts concordant pairs', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // One discordant pair of six: (5 - 1) / 6.
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(2 / 3, 12);
    expect(kendallTau([1, 2], [1, 2])).toBe(0);
  });

  it('is symmetric and unchanged by increasing maps of either sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), {
          minLength: 3,
          maxLength: 30,
        }),
        (pairs) => {
          const a = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          const tau = kendallTau(a, b);
          expect(kendallTau(b, a)).toBe(tau);
          expect(
            kendallTau(
              a.map((v) => Math.exp(v / 5)),
              b.map((v) => 3 * v - 1),
            ),
          ).toBe(tau);
          expect(tau).toBeGreaterThanOrEqual(-1);
          expect(tau).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('cma-es with surrogate lq', () => {
  const sphere: Problem<number[]> = {
    name: 'shifted sphere',
    space: realSpace({ lower: new Array(10).fill(-5), upper: new Array(10).fill(5) }),
    evaluate: (x) => x.reduce((sum, v, i) => sum + (v - 0.3 * (i - 4)) ** 2, 0),
  };

  it('solves the 10-D sphere in 1,000 evaluations, where evaluating whole generations does not', async () => {
    const lq = await minimize(sphere, cmaEs, {
      budget: { evaluations: 1000 },
      params: { surrogate: 'lq' },
      seed: 4,
    });
    const plain = await minimize(sphere, cmaEs, { budget: { evaluations: 1000 }, seed: 4 });
    expect(lq.evaluations).toBe(1000);
    expect(lq.bestValue).toBeLessThan(1e-12);
    expect(plain.bestValue).toBeGreaterThan(1e-9);
  });

  it('evaluates the first generation five points first, then fewer points than lambda per batch', () => {
    const context = { space: sphere.space, gradients: false, budget: { evaluations: 1000 } };
    const rng = createRng(8);
    const state: CmaEsState = cmaEs.init(context, { ...cmaEs.defaultParams, surrogate: 'lq' }, rng);
    const sizes: number[] = [];
    let evaluations = 0;
    while (evaluations < 600) {
      const xs = cmaEs.ask(state, context, rng);
      sizes.push(xs.length);
      evaluations += xs.length;
      cmaEs.tell(
        state,
        context,
        xs,
        xs.map((x) => sphere.evaluate(x) as number),
        rng,
      );
    }
    // 1 + 3 / 0.75 = 5 points while the archive is empty (lambda is 10 at n = 10), then 3 more
    // (5 + ceil(5 / 2) = 8) while the model only interpolates.
    expect(sizes.slice(0, 2)).toEqual([5, 3]);
    // Once the model is trusted, most generations cost one evaluation.
    expect(sizes.filter((size) => size === 1).length).toBeGreaterThan(sizes.length / 2);
  });

  it('continues identically after a JSON round trip in the middle of a generation', () => {
    const context = { space: sphere.space, gradients: false, budget: { evaluations: 2000 } };
    const rng = createRng(11);
    const state: CmaEsState = cmaEs.init(context, { ...cmaEs.defaultParams, surrogate: 'lq' }, rng);
    const step = (s: CmaEsState, r: Rng): number[][] => {
      const xs = cmaEs.ask(s, context, r);
      cmaEs.tell(
        s,
        context,
        xs,
        xs.map((x) => sphere.evaluate(x) as number),
        r,
      );
      return xs;
    };
    let checked = 0;
    for (let k = 0; k < 150; k++) {
      step(state, rng);
      if (k % 10 !== 0 || state.surrogate?.generation === null) continue;
      const copy = parseState<CmaEsState>(stringifyState(state));
      const rngCopy = restoreRng(rng.getState());
      const probe = restoreRng(rng.getState());
      const original = parseState<CmaEsState>(stringifyState(state));
      for (let j = 0; j < 5; j++) expect(step(copy, rngCopy)).toEqual(step(original, probe));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
  });

  it('gives the same run in-thread and on 1 and 3 worker threads', async () => {
    const problem = await buildProblem(
      { type: 'rastrigin', dimension: 6, shifted: true },
      { baseDir: '.' },
    );
    const run = async (workers: number | undefined) => {
      const evaluator = workers === undefined ? undefined : poolEvaluator(problem, { workers });
      if (evaluator !== undefined) closers.push(() => evaluator.close());
      return minimize(problem, cmaEs, {
        budget: { evaluations: 600 },
        params: { surrogate: 'lq' },
        seed: 7,
        ...(evaluator === undefined ? {} : { evaluator }),
      });
    };
    const reference = await run(undefined);
    for (const workers of [1, 3]) {
      const result = await run(workers);
      expect(result.best).toEqual(reference.best);
      expect(result.trace.map((p) => [p.evaluations, p.value])).toEqual(
        reference.trace.map((p) => [p.evaluations, p.value]),
      );
    }
  });
});
