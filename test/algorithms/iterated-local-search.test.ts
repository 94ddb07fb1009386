// Iterated local search: kicks, acceptance rules, the choice of local search, and runs on small
// tours, assignments, real functions and spaces without a move model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iteratedLocalSearch } from '../../src/algorithms/iterated-local-search/iterated-local-search.js';
import {
  accepts,
  annealingTemperature,
} from '../../src/algorithms/iterated-local-search/acceptance.js';
import {
  doubleBridgeKick,
  gaussianKick,
  randomSwapsKick,
} from '../../src/algorithms/iterated-local-search/kicks.js';
import {
  resolveAcceptance,
  resolveLocalSearch,
  resolvePerturbation,
  resolveTemperature,
} from '../../src/algorithms/iterated-local-search/strategy.js';
import {
  applyOrOpt,
  applyTwoOpt,
  isPermutation,
  swapInPlace,
} from '../../src/algorithms/operators/permutation.js';
import { ProblemError } from '../../src/core/errors.js';
import type { MoveModel, Problem } from '../../src/core/problem.js';
import { createRng } from '../../src/core/rng.js';
import { budgetSpent, type SolverContext } from '../../src/core/solver.js';
import { binarySpace, permutationSpace, realSpace } from '../../src/core/spaces/index.js';
import { minimize } from '../../src/runners/minimize.js';
import { exampleObjective, exampleSpaces } from '../helpers/spaces.js';

/** Undirected edges of a closed tour, as sorted "a-b" keys. */
function edges(tour: readonly number[]): Set<string> {
  const set = new Set<string>();
  tour.forEach((a, i) => {
    const b = tour[(i + 1) % tour.length] as number;
    set.add(a < b ? `${a}-${b}` : `${b}-${a}`);
  });
  return set;
}

/** n cities on a circle, shuffled: the optimal tour follows the circle. */
function circleTsp(n: number): { problem: Problem<number[]>; optimum: number } {
  const rng = createRng(n);
  const order = rng.permutation(n);
  const angle = order.map((k) => (2 * Math.PI * k) / n);
  const distance = (a: number, b: number): number =>
    Math.round(
      1000 *
        Math.hypot(
          Math.cos(angle[a] as number) - Math.cos(angle[b] as number),
          Math.sin(angle[a] as number) - Math.sin(angle[b] as number),
        ),
    );
  const length = (t: readonly number[]): number =>
    t.reduce((s, c, i) => s + distance(c, t[(i + 1) % t.length] as number), 0);
  const byAngle = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (angle[a] as number) - (angle[b] as number),
  );
  const moves: MoveModel = {
    distance,
    twoOpt: (x, i, j) => length(applyTwoOpt(x.slice(), i, j)) - length(x),
    orOpt: (x, i, l, j, reversed) => length(applyOrOpt(x, i, l, j, reversed)) - length(x),
  };
  return {
    problem: {
      name: `circle-${n}`,
      space: permutationSpace({ size: n, neighborhood: 'reversal' }),
      evaluate: length,
      moves,
    },
    optimum: length(byAngle),
  };
}

/** A random QAP of size n with brute-force swap deltas, and its optimum by enumeration. */
function smallQap(n: number, seed: number): { problem: Problem<number[]>; optimum: number } {
  const rng = createRng(seed);
  const flow = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.int(10)));
  const distance = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.int(10)));
  const cost = (p: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        sum +=
          ((flow[i] as number[])[j] as number) *
          ((distance[p[i] as number] as number[])[p[j] as number] as number);
    return sum;
  };
  let optimum = Infinity;
  const permute = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) optimum = Math.min(optimum, cost(prefix));
    rest.forEach((v, k) => permute([...prefix, v], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  permute(
    [],
    Array.from({ length: n }, (_, i) => i),
  );
  return {
    problem: {
      name: `qap-${n}`,
      space: permutationSpace({ size: n }),
      evaluate: cost,
      moves: { swap: (x, i, j) => cost(swapInPlace(x.slice(), i, j)) - cost(x) },
    },
    optimum,
  };
}

const sphere = (x: readonly number[]): number => x.reduce((s, v) => s + (v - 0.3) ** 2, 0);
const rastrigin = (x: readonly number[]): number =>
  10 * x.length + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0);
const rosenbrock = (x: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++)
    s += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
  return s;
};
const realProblem = (f: (x: readonly number[]) => number, d: number, lo: number, hi: number) => ({
  name: 'real',
  space: realSpace({ lower: new Array<number>(d).fill(lo), upper: new Array<number>(d).fill(hi) }),
  evaluate: f,
});

describe('kicks', () => {
  it('double bridge keeps a permutation and changes two to four edges (fewer when segments are single cities), at touched cities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer(),
        (n, maxSegment, seed) => {
          const rng = createRng(seed);
          const tour = rng.permutation(n);
          const { x, touched } = doubleBridgeKick(tour, maxSegment, rng);
          expect(isPermutation(x, n)).toBe(true);
          if (n < 8) return;
          const before = edges(tour);
          const removed = [...before].filter((e) => !edges(x).has(e));
          expect(removed.length).toBeGreaterThanOrEqual(2);
          expect(removed.length).toBeLessThanOrEqual(4);
          for (const e of removed)
            for (const city of e.split('-').map(Number)) expect(touched).toContain(city);
        },
      ),
    );
  });

  it('random swaps keep a permutation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer(),
        (n, count, seed) => {
          const rng = createRng(seed);
          expect(isPermutation(randomSwapsKick(rng.permutation(n), count, rng).x, n)).toBe(true);
        },
      ),
    );
  });

  it('gaussian kicks stay in the box and move the asked number of coordinates', () => {
    const rng = createRng(4);
    const lower = [-1, 0, 5, -10, 2];
    const upper = [1, 3, 6, 10, 2.5];
    const x = [0, 1, 5.5, 0, 2.2];
    for (let k = 0; k < 200; k++) {
      const variables = k % 6;
      const y = gaussianKick(x, lower, upper, 0.5, variables, rng);
      y.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(lower[i] as number);
        expect(v).toBeLessThanOrEqual(upper[i] as number);
      });
      const moved = y.filter((v, i) => v !== x[i]).length;
      if (variables > 0) expect(moved).toBe(variables);
      else expect(moved).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('acceptance rules', () => {
  const rng = createRng(1);

  it('better, better-or-equal, random-walk and restart decide as documented', () => {
    expect(accepts('better', 1, 2, 0.01, rng)).toBe(true);
    expect(accepts('better', 2, 2, 0.01, rng)).toBe(false);
    expect(accepts('better-or-equal', 2, 2, 0.01, rng)).toBe(true);
    expect(accepts('better-or-equal', 3, 2, 0.01, rng)).toBe(false);
    expect(accepts('random-walk', 100, 2, 0.01, rng)).toBe(true);
    expect(accepts('restart', 1, 2, 0.01, rng)).toBe(true);
    expect(accepts('restart', 2, 2, 0.01, rng)).toBe(false);
    // A failed current point is replaced by any finite one.
    expect(accepts('better', 1e9, Infinity, 0.01, rng)).toBe(true);
    expect(accepts('better', Infinity, Infinity, 0.01, rng)).toBe(false);
  });

  it('annealing accepts a worse value with probability exp(-increase / (temperature * |value|))', () => {
    const trials = 20_000;
    let accepted = 0;
    for (let k = 0; k < trials; k++) if (accepts('annealing', 101, 100, 0.01, rng)) accepted++;
    expect(accepted / trials).toBeCloseTo(Math.exp(-1), 1);
    expect(accepts('annealing', 99, 100, 0.01, rng)).toBe(true);
    expect(accepts('annealing', Infinity, 100, 0.01, rng)).toBe(false);
  });

  it('annealing cools geometrically to finalTemperatureRatio over the budget, and stays put without one', () => {
    expect(annealingTemperature(0.01, 0.1, 0)).toBe(0.01);
    expect(annealingTemperature(0.01, 0.1, 0.5)).toBeCloseTo(0.01 * Math.sqrt(0.1), 15);
    expect(annealingTemperature(0.01, 0.1, 1)).toBeCloseTo(0.001, 15);
    // Past the budget (a seconds run overruns a little) the final temperature holds.
    expect(annealingTemperature(0.01, 0.1, 1.3)).toBeCloseTo(0.001, 15);
    expect(annealingTemperature(0.01, 0.1, undefined)).toBe(0.01);
    expect(annealingTemperature(0.01, 1, 0.7)).toBe(0.01);
  });

  it('the budget spent counts evaluations when there are any, else seconds, else is unknown', () => {
    const clock = (): number => 3;
    const spent = (budget: SolverContext<number[]>['budget'], elapsedSeconds?: () => number) =>
      budgetSpent(25, {
        space: binarySpace({ size: 2 }),
        gradients: false,
        budget,
        ...(elapsedSeconds === undefined ? {} : { elapsedSeconds }),
      });
    expect(spent({ evaluations: 100 }, clock)).toBe(0.25);
    expect(spent({ evaluations: 100, seconds: 4 }, clock)).toBe(0.25);
    expect(spent({ seconds: 4 }, clock)).toBe(0.75);
    expect(spent({ seconds: 4 })).toBeUndefined();
    expect(spent({}, clock)).toBeUndefined();
  });

  it('with a cooling annealing acceptance, late iterations accept fewer worse optima than early ones', () => {
    // A flat move model (every swap changes nothing, so each ask is one iteration) and noisy
    // values: every new local optimum is worse or better at random, so the share of worse ones
    // accepted follows the temperature.
    const context: SolverContext<number[]> = {
      space: permutationSpace({ size: 8 }),
      moves: { swap: () => 0 },
      gradients: false,
      budget: { evaluations: 4000 },
    };
    const params = {
      ...iteratedLocalSearch.defaultParams,
      acceptance: 'annealing' as const,
      temperature: 0.05,
      finalTemperatureRatio: 1e-3,
    };
    const solverRng = createRng(5);
    const noise = createRng(6);
    const state = iteratedLocalSearch.init(context, params, solverRng);
    const homes: number[] = [];
    while ((state as unknown as { evaluations: number }).evaluations < 4000) {
      const xs = iteratedLocalSearch.ask(state, context, solverRng);
      const values = xs.map(() => 100 + noise.next());
      iteratedLocalSearch.tell(state, context, xs, values, solverRng);
      homes.push((state as unknown as { homeValue: number }).homeValue);
    }
    const rises = (part: number[]): number =>
      part.reduce(
        (count, value, k) => (k > 0 && value > (part[k - 1] as number) ? count + 1 : count),
        0,
      );
    const early = rises(homes.slice(0, homes.length / 4));
    const late = rises(homes.slice((3 * homes.length) / 4));
    expect(early).toBeGreaterThan(4 * late + 10);
  });

  it('restart starts again from a random candidate after restartAfter iterations without a new best', () => {
    const problem = { name: 'flat', space: binarySpace({ size: 6 }), evaluate: () => 1 };
    const context: SolverContext<number[]> = {
      space: problem.space,
      gradients: false,
      budget: { evaluations: 1000 },
    };
    const params = {
      ...iteratedLocalSearch.defaultParams,
      acceptance: 'restart' as const,
      restartAfter: 3,
    };
    const solverRng = createRng(2);
    const state = iteratedLocalSearch.init(context, params, solverRng);
    for (let k = 0; k < 200; k++) {
      const xs = iteratedLocalSearch.ask(state, context, solverRng);
      iteratedLocalSearch.tell(state, context, xs, xs.map(problem.evaluate), solverRng);
    }
    const { iterations, restarts } = state as unknown as { iterations: number; restarts: number };
    expect(restarts).toBeGreaterThan(0);
    expect(restarts).toBeLessThanOrEqual(Math.ceil(iterations / 3));
  });
});

describe('choice of local search and kick', () => {
  it('auto picks by space kind and move model', () => {
    expect(resolveLocalSearch('real', undefined, 'auto')).toBe('quasi-newton');
    expect(resolveLocalSearch('permutation', { distance: () => 1 }, 'auto')).toBe('lin-kernighan');
    expect(resolveLocalSearch('permutation', { swap: () => 0 }, 'auto')).toBe('swap');
    expect(resolveLocalSearch('permutation', undefined, 'auto')).toBe('neighbor');
    expect(resolveLocalSearch('binary', { flip: () => 0 }, 'auto')).toBe('flip');
    expect(resolveLocalSearch('mixed', undefined, 'auto')).toBe('neighbor');
    expect(resolvePerturbation('permutation', 'two-opt', 'auto')).toBe('double-bridge');
    expect(resolvePerturbation('permutation', 'lin-kernighan', 'auto')).toBe('double-bridge');
    expect(resolvePerturbation('permutation', 'neighbor', 'auto')).toBe('random-swaps');
    expect(resolvePerturbation('permutation', 'swap', 'auto')).toBe('random-swaps');
    expect(resolvePerturbation('real', 'quasi-newton', 'auto')).toBe('gaussian');
    expect(resolvePerturbation('integer', 'neighbor', 'auto')).toBe('space');
    expect(resolveAcceptance('swap', 'auto')).toBe('restart');
    expect(resolveAcceptance('two-opt', 'auto')).toBe('better-or-equal');
    expect(resolveAcceptance('swap', 'annealing')).toBe('annealing');
    expect(resolveAcceptance('lin-kernighan', 'auto')).toBe('annealing');
    expect(resolveAcceptance('lin-kernighan', 'better')).toBe('better');
    expect(resolveTemperature('lin-kernighan', 1000, null)).toBeCloseTo(3e-4, 15);
    expect(resolveTemperature('two-opt', 300, null)).toBeCloseTo(1e-3, 15);
    expect(resolveTemperature('quasi-newton', 10, null)).toBe(0.01);
    expect(resolveTemperature('lin-kernighan', 1000, 0.05)).toBe(0.05);
  });

  it('refuses a local search or kick the problem cannot run, naming what it needs', async () => {
    const real = realProblem(sphere, 2, -1, 1);
    await expect(
      minimize(real, iteratedLocalSearch, {
        budget: { evaluations: 10 },
        params: { localSearch: 'two-opt' },
      }),
    ).rejects.toThrow(ProblemError);
    const { problem: qap } = smallQap(4, 1);
    await expect(
      minimize(qap, iteratedLocalSearch, {
        budget: { evaluations: 10 },
        params: { localSearch: 'quasi-newton' },
      }),
    ).rejects.toThrow(/quasi-newton needs a real space/);
    await expect(
      minimize(qap, iteratedLocalSearch, {
        budget: { evaluations: 10 },
        params: { localSearch: 'two-opt' },
      }),
    ).rejects.toThrow(/distance/);
    await expect(
      minimize(real, iteratedLocalSearch, {
        budget: { evaluations: 10 },
        params: { perturbation: 'double-bridge' },
      }),
    ).rejects.toThrow(/permutation space/);
  });
});

describe('runs', () => {
  it('solves a 40-city tour to optimality on move deltas, one evaluation per iteration', async () => {
    const { problem, optimum } = circleTsp(40);
    // Lin-Kernighan (the default) reads edge lengths and tallies its moves; two-opt asks the
    // model's counted deltas.
    for (const localSearch of ['lin-kernighan', 'two-opt'] as const) {
      const result = await minimize(problem, iteratedLocalSearch, {
        budget: { evaluations: 60 },
        seed: 1,
        params: { localSearch },
      });
      expect(result.bestValue).toBe(optimum);
      expect(await problem.evaluate(result.best as number[])).toBe(result.bestValue);
      expect(result.moveEvaluations).toBeGreaterThan(0);
    }
  });

  it('is deterministic on tours: same seed same run, another seed another run', async () => {
    const { problem } = circleTsp(60);
    const run = (seed: number) =>
      minimize(problem, iteratedLocalSearch, {
        budget: { evaluations: 15 },
        seed,
        params: { orOpt: false, neighborListSize: 4 },
      });
    const [a, b, c] = await Promise.all([run(3), run(3), run(4)]);
    expect(b.best).toEqual(a.best);
    expect(b.trace).toEqual(a.trace.map((p, i) => ({ ...p, elapsedMs: b.trace[i]?.elapsedMs })));
    expect(c.best).not.toEqual(a.best);
  });

  it('finds the optimum of a small QAP by swap descent (first and best improvement)', async () => {
    const { problem, optimum } = smallQap(7, 5);
    for (const improvement of ['first', 'best'] as const) {
      const result = await minimize(problem, iteratedLocalSearch, {
        budget: { evaluations: 300 },
        params: { improvement },
        seed: 2,
      });
      expect(result.bestValue).toBe(optimum);
    }
  });

  it('converges on smooth functions with the quasi-Newton local search and polish', async () => {
    const s = await minimize(realProblem(sphere, 5, -5, 5), iteratedLocalSearch, {
      budget: { evaluations: 2000 },
      seed: 1,
    });
    expect(s.bestValue).toBeLessThan(1e-14);
    const r = await minimize(realProblem(rosenbrock, 4, -5, 10), iteratedLocalSearch, {
      budget: { evaluations: 8000 },
      seed: 1,
    });
    expect(r.bestValue).toBeLessThan(1e-10);
  });

  it('escapes local minima by kicks (rastrigin, d = 3) with either local optimizer', async () => {
    for (const localSearch of ['quasi-newton', 'pattern'] as const) {
      const result = await minimize(realProblem(rastrigin, 3, -5.12, 5.12), iteratedLocalSearch, {
        budget: { evaluations: 20_000 },
        params: { localSearch },
        seed: 3,
      });
      expect(result.bestValue).toBeLessThan(1e-8);
    }
  });

  it('descends over sampled neighbours where there is no move model, to the optimum', async () => {
    const spaces = exampleSpaces();
    // The optima of the example objectives: 0 on permutations and bit strings, by enumeration
    // of the small integer and categorical spaces.
    const enumerate = (ranges: readonly number[]): number[][] =>
      ranges.reduce<number[][]>(
        (all, size) => all.flatMap((p) => Array.from({ length: size }, (_, v) => [...p, v])),
        [[]],
      );
    const integerSpace = spaces.integer;
    const categoricalSpace = spaces.categorical;
    const optimum = {
      permutation: 0,
      binary: 0,
      integer: Math.min(
        ...enumerate([11, 7, 11]).map((v) =>
          exampleObjective(integerSpace)([v[0], (v[1] as number) - 3, (v[2] as number) + 10]),
        ),
      ),
      categorical: Math.min(
        ...enumerate([3, 2, 2, 4]).map((v) =>
          exampleObjective(categoricalSpace)(
            categoricalSpace.fromVector(v.map((k, i) => (k + 0.5) / ([3, 2, 2, 4][i] as number))),
          ),
        ),
      ),
    };
    for (const kind of ['permutation', 'binary', 'integer', 'categorical'] as const) {
      const space = spaces[kind];
      const problem = { name: kind, space, evaluate: exampleObjective(space) };
      const result = await minimize(problem, iteratedLocalSearch, {
        budget: { evaluations: 3000 },
        seed: 1,
      });
      expect(result.bestValue, kind).toBe(optimum[kind]);
    }
  });
});
