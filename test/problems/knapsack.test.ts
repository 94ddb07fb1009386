// Multidimensional knapsack from OR-Library: the proven optima are attainable by the evaluation
// (brute force), the repair always yields a feasible maximal selection, the penalty ranks every
// feasible selection first with exact flip deltas, and runs report profits.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomSearch } from '../../src/algorithms/random-search/random-search.js';
import { ProblemError } from '../../src/core/errors.js';
import type { Problem } from '../../src/core/problem.js';
import {
  KNAPSACK_INSTANCES,
  dataDirectory,
  shippedInstance,
} from '../../src/problems/instances.js';
import { toFixedPoint } from '../../src/problems/knapsack/evaluation.js';
import { parseMknap, readMknap, type KnapsackInstance } from '../../src/problems/knapsack/orlib.js';
import {
  knapsackProblem,
  knapsackProblemFromInstance,
  type KnapsackSelection,
} from '../../src/problems/knapsack/problem.js';
import { problems } from '../../src/problems/registry.js';
import { minimize } from '../../src/runners/minimize.js';

const file = join(dataDirectory, 'orlib', 'mknap1.txt');
const sizes = [
  [6, 10],
  [10, 10],
  [15, 10],
  [20, 10],
  [28, 10],
  [39, 5],
  [50, 5],
];

/** Every subset of the items, as bit strings (n <= 16). */
function* subsets(n: number): Generator<number[]> {
  for (let mask = 0; mask < 1 << n; mask++)
    yield Array.from({ length: n }, (_, j) => (mask >> j) & 1);
}

/** Feasibility and profit straight from the instance's numbers (no fixed point, no repair). */
function direct(
  instance: KnapsackInstance,
  x: readonly number[],
): { feasible: boolean; profit: number } {
  const feasible = instance.weights.every(
    (row, i) =>
      row.reduce((sum, w, j) => sum + w * (x[j] as number), 0) <=
      (instance.capacities[i] as number) + 1e-9,
  );
  const profit = instance.profits.reduce((sum, p, j) => sum + p * (x[j] as number), 0);
  return { feasible, profit };
}

/** The best feasible profit and one selection reaching it, by enumeration. */
function bruteForce(instance: KnapsackInstance): { profit: number; x: number[] } {
  let best = { profit: -1, x: [] as number[] };
  for (const x of subsets(instance.profits.length)) {
    const { feasible, profit } = direct(instance, x);
    if (feasible && profit > best.profit + 1e-9) best = { profit, x };
  }
  return best;
}

const profitOf = (problem: Problem<number[]>, x: number[]): number =>
  -(problem.evaluate(x) as number);

describe('OR-Library mknap1', () => {
  it('holds the 7 problems with their sizes and stated optima', () => {
    const all = readMknap(file);
    expect(all.map((p) => [p.profits.length, p.capacities.length])).toEqual(sizes);
    expect(all.map((p) => p.optimum)).toEqual([3800, 8706.1, 4015, 6120, 12400, 10618, 16537]);
    expect(all.map((p) => p.name)).toEqual([...KNAPSACK_INSTANCES]);
    all.forEach((p) =>
      expect(p.weights.every((row) => row.length === p.profits.length)).toBe(true),
    );
  });

  it.each(['mknap1-1', 'mknap1-2', 'mknap1-3'])(
    '%s: brute force finds the stated optimum, which the evaluation attains exactly',
    (name) => {
      const optimum = shippedInstance('knapsack', name).optimum;
      const instance = readMknap(file)[Number(name.slice(-1)) - 1] as KnapsackInstance;
      const best = bruteForce(instance);
      expect(best.profit).toBeCloseTo(optimum, 9);
      for (const constraintHandling of ['repair', 'penalty'] as const) {
        const problem = knapsackProblem({ instance: name, constraintHandling });
        expect(problem.evaluate(best.x)).toBe(-optimum);
        expect(problem.optimum).toBe(-optimum);
        expect(problem.optimumStatus).toBe('optimal');
      }
    },
  );

  it('no selection scores above the optimum under the repair (mknap1-1, every subset)', () => {
    const problem = knapsackProblem({ instance: 'mknap1-1' });
    let best = 0;
    for (const x of subsets(6)) best = Math.max(best, profitOf(problem, x));
    expect(best).toBe(3800);
  });
});

describe('a tiny hand-made instance', () => {
  // Two resources; the best selection {2, 3} leaves out item 1, which fits alone.
  const text = '1\n3 2 11\n6 5 6\n5 3 3\n4 2 2\n6 5\n';
  const folder = mkdtempSync(join(tmpdir(), 'kiln-mknap-'));
  writeFileSync(join(folder, 'tiny.txt'), text);

  it('reads by path and matches brute force', () => {
    const problem = knapsackProblem({ path: 'tiny.txt' }, { baseDir: folder });
    expect(problem.name).toBe('tiny-1');
    expect(problem.optimum).toBe(-11);
    expect(problem.optimumStatus).toBe('best-known');
    const instance = readMknap(join(folder, 'tiny.txt'))[0] as KnapsackInstance;
    expect(bruteForce(instance)).toEqual({ profit: 11, x: [0, 1, 1] });
    expect(profitOf(problem, [0, 1, 1])).toBe(11);
    expect(problem.describe?.([0, 1, 1])).toEqual({ items: [2, 3], profit: 11, feasible: true });
    expect(problem.spec).toEqual({
      type: 'knapsack',
      path: join(folder, 'tiny.txt'),
      problem: 1,
      constraintHandling: 'repair',
    });
  });

  it('repairs an overfull selection into a feasible maximal one', () => {
    const problem = knapsackProblem({ path: 'tiny.txt' }, { baseDir: folder });
    const view = problem.describe?.([1, 1, 1]) as KnapsackSelection;
    expect(view.feasible).toBe(true);
    expect(profitOf(problem, [1, 1, 1])).toBe(view.profit);
  });
});

describe('constraint handling', () => {
  const shipped = KNAPSACK_INSTANCES.map((name) => ({
    instance: readMknap(file)[Number(name.slice(-1)) - 1] as KnapsackInstance,
    repair: knapsackProblem({ instance: name }),
    penalty: knapsackProblem({ instance: name, constraintHandling: 'penalty' }),
  }));
  const selection = fc.constantFrom(...shipped).chain((entry) =>
    fc.tuple(
      fc.constant(entry),
      fc.array(fc.constantFrom(0, 1), {
        minLength: entry.instance.profits.length,
        maxLength: entry.instance.profits.length,
      }),
    ),
  );

  it('repair: every bit string maps to a feasible, maximal selection whose profit is the value', () => {
    fc.assert(
      fc.property(selection, ([{ instance, repair }, x]) => {
        const view = repair.describe?.(x) as KnapsackSelection;
        const repaired = Array.from({ length: x.length }, (_, j) =>
          view.items.includes(j + 1) ? 1 : 0,
        );
        const { feasible, profit } = direct(instance, repaired);
        expect(feasible).toBe(true);
        expect(view.feasible).toBe(true);
        expect(view.profit).toBeCloseTo(profit, 9);
        expect(profitOf(repair, x)).toBe(view.profit);
        // Maximal: no unselected item still fits.
        repaired.forEach((bit, j) => {
          if (bit === 0)
            expect(
              direct(
                instance,
                repaired.map((b, k) => (k === j ? 1 : b)),
              ).feasible,
            ).toBe(false);
        });
        // A feasible selection keeps all of its items.
        if (direct(instance, x).feasible)
          x.forEach((bit, j) => bit === 1 && expect(repaired[j]).toBe(1));
      }),
    );
  });

  it('penalty: feasible selections score their profit, infeasible ones below zero', () => {
    fc.assert(
      fc.property(selection, ([{ instance, penalty }, x]) => {
        const { feasible, profit } = direct(instance, x);
        const value = profitOf(penalty, x);
        if (feasible) expect(value).toBeCloseTo(profit, 9);
        else expect(value).toBeLessThan(0);
        expect((penalty.describe?.(x) as KnapsackSelection).feasible).toBe(feasible);
      }),
    );
  });

  it('penalty: the flip delta equals re-evaluation exactly', () => {
    fc.assert(
      fc.property(
        selection,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        ([{ penalty }, x], flips) => {
          const bits: number[] = x.slice();
          for (const f of flips) {
            const j = f % bits.length;
            const before = penalty.evaluate(bits) as number;
            const delta = penalty.moves?.flip?.(bits, j);
            bits[j] = 1 - (bits[j] as number);
            // + 0 equates the -0 and +0 that negation gives for a zero change.
            expect((delta as number) + 0).toBe((penalty.evaluate(bits) as number) - before + 0);
          }
        },
      ),
    );
  });

  it('repair has no flip delta (it would not be exact)', () => {
    expect(knapsackProblem({ instance: 'mknap1-4' }).moves).toBeUndefined();
  });
});

describe('knapsack problem', () => {
  it('is maximized: a run reports profits, and the rebuilt spec agrees', async () => {
    const problem = knapsackProblem({ instance: 'mknap1-2' });
    expect(problem.direction).toBe('maximize');
    expect(problem.space.spec).toEqual({ kind: 'binary', size: 10 });
    const result = await minimize(problem, randomSearch, { budget: { evaluations: 300 }, seed: 3 });
    expect(result.bestValue).toBeGreaterThan(0);
    expect(result.bestValue).toBeLessThanOrEqual(8706.1);
    expect(result.optimum).toBe(8706.1);
    const { type, ...params } = problem.spec as { type: string };
    const rebuilt = await problems.get(type).create(params, { baseDir: '/' });
    expect(rebuilt.evaluate(result.best as number[])).toBe(-result.bestValue);
  });

  it('sums decimal profits exactly in fixed point', () => {
    expect(toFixedPoint([600.1, 310.5, 18.6])).toEqual({ scaled: [6001, 3105, 186], scale: 10 });
    expect(toFixedPoint([1, 2]).scale).toBe(1);
    const problem = knapsackProblem({ instance: 'mknap1-2', constraintHandling: 'penalty' });
    expect(profitOf(problem, [1, 1, 0, 0, 1, 1, 0, 0, 0, 0])).toBe(1127.9);
  });

  it('checks instance, path, problem and constraintHandling', () => {
    expect(() => knapsackProblem({})).toThrow(/instance or path is required/);
    expect(() => knapsackProblem({ instance: 'mknap1-1', path: file })).toThrow(/not both/);
    expect(() => knapsackProblem({ instance: 'mknap1-1', problem: 2 })).toThrow(
      /problem goes with path/,
    );
    expect(() => knapsackProblem({ path: file })).toThrow(
      /problem is required with path: .* holds 7 problems/,
    );
    expect(() => knapsackProblem({ path: file, problem: 8 })).toThrow(/from 1 to 7 \(got 8\)/);
    expect(knapsackProblem({ path: file, problem: 7 }).optimum).toBe(-16537);
    expect(() => knapsackProblem({ instance: 'mknap1-8' })).toThrow(ProblemError);
    expect(() => knapsackProblem({ instance: 'mknap-1' })).toThrow(/did you mean "mknap1-1"\?/);
    expect(() =>
      knapsackProblemFromInstance(readMknap(file)[0] as KnapsackInstance, {
        constraintHandling: 'death' as 'repair',
      }),
    ).toThrow(/constraintHandling must be one of repair, penalty \(got "death"\)/);
  });
});

describe('malformed mknap files', () => {
  const fixtures = new URL('../fixtures/malformed/', import.meta.url).pathname;

  it('a truncated file says what it expected and where', () => {
    const truncated = join(fixtures, 'truncated-mknap.txt');
    expect(() => readMknap(truncated)).toThrow(
      `${truncated}:10: expected 2 weights of resource 1 (problem 2 of 2), found 1`,
    );
  });

  it('bad tokens, negative data, missing problems and extra numbers are refused', () => {
    const parse = (text: string) => () => parseMknap(text, 'x.txt');
    expect(parse('1\n2 1 0\n3 abc\n1 1\n2\n')).toThrow(
      "x.txt:3: expected a number, got 'abc' (token 2 of 2 profits: problem 1 of 1)",
    );
    expect(parse('1\n2 1 0\n3 4\n1 -1\n2\n')).toThrow(
      'x.txt:4: expected weights of resource 1 >= 0 (problem 1 of 1), got -1',
    );
    expect(parse('1\n2 0 0\n')).toThrow(/x\.txt:2: expected 'n m opt' with n, m integers >= 1/);
    expect(parse('2\n1 1 0\n3\n1\n2\n')).toThrow('x.txt:5: expected 2 problems, found 1');
    expect(parse('1\n1 1 0\n3\n1\n2\n9\n')).toThrow(
      "x.txt:6: expected nothing after the 1 problems, got '9'",
    );
  });
});
