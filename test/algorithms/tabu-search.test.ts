// Tabu search: aspiration, the move-model engines against full evaluation, tiny QAP optima,
// determinism and state round trips with a move model, diversification.
import { describe, expect, it } from 'vitest';
import { tabuSearch } from '../../src/algorithms/tabu-search/tabu-search.js';
import {
  defaultTabuParams,
  type TabuSearchParams,
} from '../../src/algorithms/tabu-search/params.js';
import type { TabuState } from '../../src/algorithms/tabu-search/search-state.js';
import { resolveParams } from '../../src/config/params.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import type { MoveModel, Problem } from '../../src/core/problem.js';
import { createRng, restoreRng, type Rng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { binarySpace, permutationSpace } from '../../src/core/spaces/index.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';

const params = (overrides: Partial<TabuSearchParams> = {}): TabuSearchParams =>
  resolveParams(tabuSearch, overrides, 'test');

/** A random QAP instance (asymmetric when asked) with an O(n) swap delta and a swap table. */
function qapInstance(
  n: number,
  seed: number,
  options: { table?: boolean; symmetric?: boolean } = {},
): Problem<number[]> {
  const rng = createRng(seed);
  const a = Array.from({ length: n * n }, () => rng.int(10));
  const b = Array.from({ length: n * n }, () => rng.int(10));
  if (options.symmetric === true) {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) {
        a[i * n + j] = a[j * n + i] as number;
        b[i * n + j] = b[j * n + i] as number;
      }
  }
  const cost = (p: readonly number[]): number => {
    let total = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        total += (a[i * n + j] as number) * (b[(p[i] as number) * n + (p[j] as number)] as number);
    return total;
  };
  const swap = (p: readonly number[], r: number, s: number): number => {
    const q = p.slice();
    q[r] = p[s] as number;
    q[s] = p[r] as number;
    return cost(q) - cost(p);
  };
  const fill = (table: number[], p: readonly number[]): number[] => {
    for (let i = 0; i < n - 1; i++)
      for (let j = i + 1; j < n; j++) table[i * n + j] = swap(p, i, j);
    return table;
  };
  const moves: MoveModel = { swap };
  if (options.table !== false)
    moves.swapTable = {
      create: (p) => fill(new Array<number>(n * n).fill(0), p),
      update: (table, p) => void fill(table, p),
    };
  return {
    name: `qap-${n}`,
    space: permutationSpace({ size: n, neighborhood: 'swap' }),
    evaluate: cost,
    moves,
  };
}

/** Random cities in the plane with Euclidean distances, a 2-opt delta and neighbour lists. */
function tspInstance(n: number, seed: number): Problem<number[]> {
  const rng = createRng(seed);
  const points = Array.from({ length: n }, () => [rng.uniform(0, 100), rng.uniform(0, 100)]);
  const d = (i: number, j: number): number => {
    const [xi, yi] = points[i] as number[];
    const [xj, yj] = points[j] as number[];
    return Math.hypot((xi as number) - (xj as number), (yi as number) - (yj as number));
  };
  const length = (t: readonly number[]): number =>
    t.reduce((sum, c, k) => sum + d(c, t[(k + 1) % n] as number), 0);
  return {
    name: `tsp-${n}`,
    space: permutationSpace({ size: n, neighborhood: 'reversal' }),
    evaluate: length,
    moves: {
      distance: d,
      twoOpt: (x, i, j) => {
        const a = x[i] as number;
        const b = x[i + 1] as number;
        const c = x[j] as number;
        const e = x[(j + 1) % n] as number;
        return d(a, c) + d(b, e) - d(a, b) - d(c, e);
      },
    },
  };
}

function bruteForceMinimum(problem: Problem<number[]>, n: number): number {
  let best = Infinity;
  const visit = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) {
      best = Math.min(best, problem.evaluate(prefix) as number);
      return;
    }
    rest.forEach((v, k) => visit([...prefix, v], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  visit(
    [],
    Array.from({ length: n }, (_, i) => i),
  );
  return best;
}

function contextOf(problem: Problem<number[]>): SolverContext<number[]> {
  return {
    space: problem.space,
    gradients: false,
    budget: {},
    ...(problem.moves === undefined ? {} : { moves: problem.moves }),
  };
}

/** One ask/tell step by hand; returns the asked candidates. */
function step(
  state: TabuState,
  problem: Problem<number[]>,
  context: SolverContext<number[]>,
  rng: Rng,
): number[][] {
  const xs = tabuSearch.ask(state, context, rng);
  tabuSearch.tell(
    state,
    context,
    xs,
    xs.map((x) => problem.evaluate(x) as number),
    rng,
  );
  return xs;
}

describe('tabu-search aspiration', () => {
  // Weighted bits: flipping bit 0 off gains most. Bit 0 is made tabu by hand.
  const weights = [10, 1, 1, 1, 1];
  const problem: Problem<number[]> = {
    name: 'weighted-bits',
    space: binarySpace({ size: 5 }),
    evaluate: (x) => x.reduce((s, v, i) => s + v * (weights[i] as number), 0),
    moves: { flip: (x, i) => (x[i] === 1 ? -1 : 1) * (weights[i] as number) },
  };

  for (const engine of ['flip', 'sampled'] as const) {
    it(`lets a tabu move that improves the best through, and only then (${engine})`, () => {
      const chosen = (aspiration: boolean): number[] => {
        const p = params({
          aspiration,
          maxIterations: 1,
          tenurePolicy: 'fixed',
          candidateList: engine === 'flip' ? 'full' : 'sampled',
          candidateCount: 5,
        });
        const context = contextOf(problem);
        const rng = createRng(4);
        const state = tabuSearch.init(context, p, rng);
        state.current = [1, 1, 1, 1, 1];
        step(state, problem, context, rng);
        if (engine === 'flip') state.tabuList[0] = 1000;
        else state.tabuAttributes['0'] = 1000;
        while (state.iteration < 1) step(state, problem, context, rng);
        return state.current as number[];
      };
      expect(chosen(true)).toEqual([0, 1, 1, 1, 1]);
      const without = chosen(false);
      expect(without[0]).toBe(1);
      expect(without.reduce((s, v) => s + v, 0)).toBe(4);
    });
  }
});

describe('tabu-search with a move model', () => {
  it('keeps delta-tracked values and the swap table equal to full re-evaluation', () => {
    for (const [n, symmetric] of [
      [9, false],
      [12, true],
    ] as const) {
      const problem = qapInstance(n, 5 + n, { symmetric });
      const context = contextOf(problem);
      const rng = createRng(6);
      const state = tabuSearch.init(
        context,
        params({ movesPerAsk: 200, stagnationIterations: 40 }),
        rng,
      );
      let checked = 0;
      for (let k = 0; k < 60; k++) {
        const xs = tabuSearch.ask(state, context, rng);
        state.asked.forEach((what, i) => {
          if (what === 'current' && !state.needsEvaluation) {
            expect(state.currentValue).toBe(problem.evaluate(xs[i] as number[]));
            checked++;
          }
        });
        if (state.table !== null)
          expect(state.table.slice()).toEqual(
            problem.moves?.swapTable?.create(state.current as number[]),
          );
        tabuSearch.tell(
          state,
          context,
          xs,
          xs.map((x) => problem.evaluate(x) as number),
          rng,
        );
      }
      expect(checked).toBeGreaterThan(30);
      expect(state.restarts).toBeGreaterThan(0);
      expect(state.iteration).toBeGreaterThan(200);
    }
  });

  it('uses the O(n) swap delta when the model has no table', () => {
    const problem = qapInstance(8, 3, { table: false });
    const context = contextOf(problem);
    const rng = createRng(7);
    const state = tabuSearch.init(context, params({ movesPerAsk: 100 }), rng);
    expect(state.engine).toBe('swap');
    for (let k = 0; k < 30; k++) {
      const xs = tabuSearch.ask(state, context, rng);
      const at = state.asked.indexOf('current');
      if (at >= 0 && !state.needsEvaluation)
        expect(state.currentValue).toBe(problem.evaluate(xs[at] as number[]));
      tabuSearch.tell(
        state,
        context,
        xs,
        xs.map((x) => problem.evaluate(x) as number),
        rng,
      );
    }
    expect(state.table).toBeNull();
  });

  it('tracks 2-opt tour lengths through deltas with neighbour lists', () => {
    const problem = tspInstance(40, 8);
    const context = contextOf(problem);
    const rng = createRng(9);
    const state = tabuSearch.init(
      context,
      params({ movesPerAsk: 2000, neighborListSize: 6, permutationMove: 'two-opt' }),
      rng,
    );
    expect(state.engine).toBe('two-opt');
    for (let k = 0; k < 40; k++) {
      const xs = tabuSearch.ask(state, context, rng);
      const at = state.asked.indexOf('current');
      if (at >= 0 && !state.needsEvaluation)
        expect(state.currentValue).toBeCloseTo(problem.evaluate(xs[at] as number[]) as number, 8);
      for (const x of xs) expect(problem.space.contains(x)).toBe(true);
      tabuSearch.tell(
        state,
        context,
        xs,
        xs.map((x) => problem.evaluate(x) as number),
        rng,
      );
    }
  });

  it('walks tours with local 2-opt moves repaired by Lin-Kernighan by default', () => {
    const problem = tspInstance(60, 8);
    const context = contextOf(problem);
    const rng = createRng(9);
    const state = tabuSearch.init(context, params({ movesPerAsk: 500 }), rng);
    expect(state.engine).toBe('lin-kernighan');
    // Tabu links: a few slots per city, not an n x n table.
    expect(state.tabuList.length).toBe(60 * 8);
    let startValue = Infinity;
    let uphill = 0;
    let previous = Infinity;
    for (let k = 0; k < 60; k++) {
      const xs = tabuSearch.ask(state, context, rng);
      const at = state.asked.indexOf('current');
      if (at >= 0 && !state.needsEvaluation) {
        const length = problem.evaluate(xs[at] as number[]) as number;
        expect(state.currentValue).toBeCloseTo(length, 8);
        if (length > previous) uphill++;
        previous = length;
      }
      for (const x of xs) expect(problem.space.contains(x)).toBe(true);
      const values = xs.map((x) => problem.evaluate(x) as number);
      if (k === 0) startValue = values[0] as number;
      tabuSearch.tell(state, context, xs, values, rng);
    }
    // The walk leaves local optima (uphill steps), and the best only improves on the start.
    expect(uphill).toBeGreaterThan(0);
    expect(state.bestValue).toBeLessThanOrEqual(startValue);
    expect(state.iteration).toBeGreaterThan(100);
  });

  it('starts tours from a nearest-neighbour tour unless asked for a random one', () => {
    const problem = tspInstance(60, 20);
    const context = contextOf(problem);
    const distance = problem.moves?.distance as (a: number, b: number) => number;
    const greedy = tabuSearch.init(context, params(), createRng(21)).current as number[];
    const random = tabuSearch.init(context, params({ initialSolution: 'random' }), createRng(21))
      .current as number[];
    expect(problem.space.contains(greedy)).toBe(true);
    // Each step goes to the nearest city not yet visited.
    for (let k = 1; k < greedy.length; k++) {
      const from = greedy[k - 1] as number;
      const left = greedy.slice(k);
      const nearest = Math.min(...left.map((c) => distance(from, c)));
      expect(distance(from, greedy[k] as number)).toBe(nearest);
    }
    expect(problem.evaluate(greedy)).toBeLessThan(problem.evaluate(random) as number);
  });

  it('finds the brute-forced optimum of tiny QAPs within a few batches', async () => {
    for (const seed of [1, 2, 3]) {
      const problem = qapInstance(6, 100 + seed);
      const optimum = bruteForceMinimum(problem, 6);
      const result = await minimize(problem, tabuSearch, {
        budget: { evaluations: 20 },
        params: { movesPerAsk: 1000 },
        seed,
      });
      expect(result.bestValue).toBe(optimum);
      expect(result.moveEvaluations).toBeGreaterThan(0);
    }
  });

  it("finds nug12's optimum (578) with the QAPLIB problem's swap table", async () => {
    const problem = await buildProblem({ type: 'qap', instance: 'nug12' }, { baseDir: '.' });
    for (const seed of [1, 2]) {
      const result = await minimize(problem, tabuSearch, {
        budget: { evaluations: 200, target: 578 },
        seed,
      });
      expect(result.bestValue).toBe(578);
      expect(result.stopReason).toBe('target');
    }
  });

  it('finds a brute-forced optimum without a move model too (sampled swaps)', async () => {
    const full = qapInstance(6, 104);
    const problem: Problem<number[]> = {
      name: 'black-box',
      space: full.space,
      evaluate: full.evaluate,
    };
    const result = await minimize(problem, tabuSearch, { budget: { evaluations: 2000 }, seed: 1 });
    expect(result.bestValue).toBe(bruteForceMinimum(full, 6));
    expect(result.moveEvaluations).toBe(0);
  });

  it('gives the same run for the same seed and a different one for another seed', async () => {
    const problem = qapInstance(10, 11);
    const run = async (seed: number): Promise<unknown[]> => {
      const asked: unknown[] = [];
      await minimize(problem, tabuSearch, {
        budget: { evaluations: 30 },
        params: { movesPerAsk: 300, stagnationIterations: 30 },
        seed,
        onBatch: (record) => void asked.push(...record.candidates),
      });
      return asked;
    };
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
  });

  it('keeps a state that survives a JSON round trip with a move model', () => {
    for (const problem of [qapInstance(8, 12), tspInstance(20, 13)]) {
      const context = contextOf(problem);
      const rng = createRng(14);
      const state = tabuSearch.init(
        context,
        params({ movesPerAsk: 500, tenurePolicy: 'reactive', stagnationIterations: 50 }),
        rng,
      );
      for (let k = 0; k < 5; k++) step(state, problem, context, rng);
      const copy = parseState<TabuState>(stringifyState(state));
      const rngCopy = restoreRng(rng.getState());
      for (let k = 0; k < 10; k++)
        expect(step(copy, problem, context, rngCopy)).toEqual(step(state, problem, context, rng));
    }
  });

  it('stops as converged after maxIterations', async () => {
    const result = await minimize(qapInstance(8, 15), tabuSearch, {
      budget: { evaluations: 1000 },
      params: { maxIterations: 50, movesPerAsk: 100 },
      seed: 1,
    });
    expect(result.stopReason).toBe('converged');
    expect(result.moveEvaluations).toBeLessThanOrEqual(28 * 51 + 28);
  });
});

describe('tabu-search diversification', () => {
  it('restarts from rarely used assignments with frequency diversification', () => {
    const problem = qapInstance(8, 16);
    const context = contextOf(problem);
    const rng = createRng(17);
    const state = tabuSearch.init(
      context,
      params({ diversification: 'frequency', stagnationIterations: 20, movesPerAsk: 100 }),
      rng,
    );
    for (let k = 0; k < 40; k++) step(state, problem, context, rng);
    expect(state.restarts).toBeGreaterThan(0);
    expect(state.frequencyIterations).toBeGreaterThan(0);
    expect(problem.space.contains(state.current)).toBe(true);
  });

  it('shrinks the coordinate step on real spaces when the best stalls', async () => {
    const rng = createRng(18);
    const context: SolverContext<number[]> = {
      space: (await import('../../src/core/spaces/index.js')).realSpace({
        lower: [-1, -1],
        upper: [1, 1],
      }),
      gradients: false,
      budget: {},
    };
    const problem: Problem<number[]> = {
      name: 'sphere',
      space: context.space,
      evaluate: (x) => x.reduce((s, v) => s + (v - 0.123) ** 2, 0),
    };
    const state = tabuSearch.init(context, params({ diversification: 'none' }), rng);
    for (let k = 0; k < 200; k++) step(state, problem, context, rng);
    expect(state.step).toBeLessThan(defaultTabuParams.stepSize);
    expect(state.bestValue).toBeLessThan(1e-3);
  });
});
