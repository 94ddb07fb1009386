// Simulated annealing on a move model: on hand-made TSP (2-opt, Or-opt, neighbour lists), QAP
// (swap) and bit-string (flip) models whose deltas are full re-evaluations, the value tracked
// through deltas agrees with a full evaluation; the runner's best re-evaluates exactly; runs are
// deterministic; a shipped TSPLIB instance is solved close to its optimum.
import { describe, expect, it } from 'vitest';
import type { MoveChainState } from '../../src/algorithms/simulated-annealing/move-chain.js';
import {
  simulatedAnnealing,
  type SimulatedAnnealingParams,
  type SimulatedAnnealingState,
} from '../../src/algorithms/simulated-annealing/simulated-annealing.js';
import { applyOrOpt, applyTwoOpt } from '../../src/algorithms/operators/permutation.js';
import { resolveParams } from '../../src/config/params.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import type { MoveModel, Problem } from '../../src/core/problem.js';
import { createRng, restoreRng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { binarySpace, permutationSpace } from '../../src/core/spaces/index.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize, type RunResult } from '../../src/runners/minimize.js';

/** A Euclidean TSP (real distances) whose move deltas are computed by applying the move. */
function handMadeTsp(n: number, seed: number, options: { neighbors?: boolean } = {}) {
  const rng = createRng(seed);
  const points = Array.from({ length: n }, () => [rng.uniform(0, 100), rng.uniform(0, 100)]);
  const distance = (a: number, b: number): number => {
    const [ax, ay] = points[a] as number[];
    const [bx, by] = points[b] as number[];
    return Math.hypot((ax as number) - (bx as number), (ay as number) - (by as number));
  };
  const length = (tour: readonly number[]): number => {
    let total = 0;
    for (let k = 0; k < tour.length; k++)
      total += distance(tour[k] as number, tour[(k + 1) % tour.length] as number);
    return total;
  };
  const moves: MoveModel = {
    distance,
    twoOpt: (x, i, j) => length(applyTwoOpt(x.slice(), i, j)) - length(x),
    orOpt: (x, i, segment, j, reversed) =>
      length(applyOrOpt(x, i, segment, j, reversed ?? false)) - length(x),
  };
  if (options.neighbors !== false) {
    const lists = Array.from({ length: n }, (_, a) =>
      Array.from({ length: n }, (_, b) => b)
        .filter((b) => b !== a)
        .sort((p, q) => distance(a, p) - distance(a, q)),
    );
    Object.assign(moves, { neighbors: lists });
  }
  const problem: Problem<number[]> = {
    name: `tsp-${n}`,
    space: permutationSpace({ size: n, neighborhood: 'reversal' }),
    evaluate: length,
    moves,
  };
  return problem;
}

/** A random QAP with a swap delta computed by re-evaluation. */
function handMadeQap(n: number, seed: number): Problem<number[]> {
  const rng = createRng(seed);
  const a = Array.from({ length: n * n }, () => rng.int(10));
  const b = Array.from({ length: n * n }, () => rng.int(10));
  const cost = (p: readonly number[]): number => {
    let total = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        total += (a[i * n + j] as number) * (b[(p[i] as number) * n + (p[j] as number)] as number);
    return total;
  };
  return {
    name: `qap-${n}`,
    space: permutationSpace({ size: n }),
    evaluate: cost,
    moves: {
      swap: (p, i, j) => {
        const q = p.slice();
        q[i] = p[j] as number;
        q[j] = p[i] as number;
        return cost(q) - cost(p);
      },
    },
  };
}

/** A quadratic pseudo-boolean objective with a flip delta computed by re-evaluation. */
function handMadeBits(n: number, seed: number): Problem<number[]> {
  const rng = createRng(seed);
  const weights = Array.from({ length: n * n }, () => rng.uniform(-1, 1));
  const value = (x: readonly number[]): number => {
    let total = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        total += (weights[i * n + j] as number) * (x[i] as number) * (x[j] as number);
    return total;
  };
  return {
    name: `bits-${n}`,
    space: binarySpace({ size: n }),
    evaluate: value,
    moves: {
      flip: (x, i) => {
        const y = x.slice();
        y[i] = 1 - (y[i] as number);
        return value(y) - value(x);
      },
    },
  };
}

const params = (given: Partial<SimulatedAnnealingParams> = {}): SimulatedAnnealingParams =>
  resolveParams(simulatedAnnealing, given, 'test');

function context(problem: Problem<number[]>, evaluations: number): SolverContext<number[]> {
  return {
    space: problem.space,
    gradients: false,
    budget: { evaluations },
    ...(problem.moves === undefined ? {} : { moves: problem.moves }),
  };
}

async function recorded(
  problem: Problem<number[]>,
  seed: number,
  given: Partial<SimulatedAnnealingParams> = {},
): Promise<{ result: RunResult<number[]>; candidates: number[][] }> {
  const candidates: number[][] = [];
  const result = await minimize(problem, simulatedAnnealing, {
    budget: { evaluations: 150 },
    params: { movesPerEvaluation: 200, ...given },
    seed,
    onBatch: (record) => {
      candidates.push(...record.candidates);
    },
  });
  return { result, candidates };
}

describe('simulated annealing on a move model', () => {
  const cases: [string, Problem<number[]>, MoveChainState['moveKind']][] = [
    ['tsp with neighbour lists', handMadeTsp(24, 1), 'tour'],
    ['tsp without neighbour lists', handMadeTsp(24, 2, { neighbors: false }), 'tour'],
    ['qap', handMadeQap(9, 3), 'swap'],
    ['bits', handMadeBits(14, 4), 'flip'],
  ];

  for (const [label, problem, moveKind] of cases) {
    it(`${label}: the value tracked through deltas equals a full evaluation after every ask`, () => {
      const ctx = context(problem, 400);
      const rng = createRng(5);
      const state = simulatedAnnealing.init(ctx, params({ movesPerEvaluation: 300 }), rng);
      expect(state.kind).toBe('moves');
      const chain = state as MoveChainState;
      expect(chain.moveKind).toBe(moveKind);
      for (let k = 0; k < 60; k++) {
        const asked = simulatedAnnealing.ask(state, ctx, rng);
        expect(asked).toHaveLength(1);
        const x = asked[0] as number[];
        expect(problem.space.contains(x)).toBe(true);
        if (chain.phase === 'anneal') {
          const current = problem.evaluate(chain.current) as number;
          expect(chain.currentValue).toBeCloseTo(current, 8);
          if (chain.currentIsBest) expect(chain.bestValue).toBeCloseTo(current, 8);
          else expect(chain.bestValue).toBeCloseTo(problem.evaluate(chain.best) as number, 8);
        }
        simulatedAnnealing.tell(state, ctx, asked, [problem.evaluate(x) as number], rng);
      }
    });

    it(`${label}: the runner's best re-evaluates exactly, and the move evaluations are counted`, async () => {
      const { result } = await recorded(problem, 6);
      expect(result.best).toBeDefined();
      expect(problem.evaluate(result.best as number[])).toBe(result.bestValue);
      expect(result.moveEvaluations).toBeGreaterThan(100 * result.evaluations);
      const plain = await recorded(problem, 6, { useMoveModel: false });
      expect(plain.result.moveEvaluations).toBe(0);
      // Many moves per evaluation find at least as good a point as plain neighbour evaluations.
      expect(result.bestValue).toBeLessThanOrEqual(plain.result.bestValue);
    });
  }

  it('is deterministic: same seed same run, another seed another run', async () => {
    const problem = handMadeTsp(30, 7);
    const a = await recorded(problem, 11);
    const b = await recorded(problem, 11);
    const c = await recorded(problem, 12);
    expect(b.candidates).toEqual(a.candidates);
    expect(b.result.bestValue).toBe(a.result.bestValue);
    expect(b.result.moveEvaluations).toBe(a.result.moveEvaluations);
    expect(c.candidates).not.toEqual(a.candidates);
  });

  it('keeps a state that survives a JSON round trip between asks', () => {
    const problem = handMadeQap(8, 9);
    const ctx = context(problem, 100);
    const rng = createRng(2);
    const state = simulatedAnnealing.init(ctx, params({ movesPerEvaluation: 100 }), rng);
    const step = (s: SimulatedAnnealingState, r: typeof rng): number[][] => {
      const xs = simulatedAnnealing.ask(s, ctx, r);
      simulatedAnnealing.tell(
        s,
        ctx,
        xs,
        xs.map((x) => problem.evaluate(x) as number),
        r,
      );
      return xs;
    };
    for (let k = 0; k < 5; k++) step(state, rng);
    const copy = parseState<SimulatedAnnealingState>(stringifyState(state));
    const rngCopy = restoreRng(rng.getState());
    for (let k = 0; k < 5; k++) expect(step(copy, rngCopy)).toEqual(step(state, rng));
  });

  it('reports a new best found between two evaluations by asking for it', () => {
    const problem = handMadeTsp(20, 13);
    const ctx = context(problem, 200);
    const rng = createRng(3);
    // Hot enough that the current point usually leaves the best before the chunk ends.
    const state = simulatedAnnealing.init(
      ctx,
      params({ movesPerEvaluation: 400, initialTemperature: 30, coolingSchedule: 'fast' }),
      rng,
    );
    const chain = state as MoveChainState;
    let askedBest = 0;
    for (let k = 0; k < 100; k++) {
      const xs = simulatedAnnealing.ask(state, ctx, rng);
      if (chain.asked === 'best') {
        askedBest++;
        expect(xs[0]).toEqual(chain.best);
      }
      simulatedAnnealing.tell(
        state,
        ctx,
        xs,
        xs.map((x) => problem.evaluate(x) as number),
        rng,
      );
    }
    expect(askedBest).toBeGreaterThan(0);
  });

  it('works with only a seconds budget', async () => {
    const problem = handMadeTsp(16, 21);
    // A fake clock advanced by every solver step: the 0.2 s budget holds the same steps on any
    // machine.
    let nowMs = 0;
    const result = await minimize(problem, simulatedAnnealing, {
      budget: { seconds: 0.2 },
      seed: 1,
      clock: () => (nowMs += 1),
    });
    expect(result.stopReason).toBe('seconds');
    expect(problem.evaluate(result.best as number[])).toBe(result.bestValue);
  });

  it('calibrates its temperature after a short descent: a penalized knapsack is solved', async () => {
    // Infeasible selections score their overload (about 0.01), feasible ones minus their profit
    // (thousands): calibrated at a random, infeasible start, the temperature would freeze.
    const problem = (await buildProblem(
      { type: 'knapsack', instance: 'mknap1-4', constraintHandling: 'penalty' },
      { baseDir: process.cwd() },
    )) as Problem<number[]>;
    for (const seed of [1, 2, 3]) {
      const result = await minimize(problem, simulatedAnnealing, {
        budget: { evaluations: 300 },
        seed,
      });
      expect(result.moveEvaluations).toBeGreaterThan(0);
      expect(result.bestValue, `seed ${seed}`).toBe(6120);
    }
  });

  it('solves TSPLIB berlin52 within 2% of the optimum in 400 evaluations', async () => {
    const problem = (await buildProblem(
      { type: 'tsp', instance: 'berlin52' },
      { baseDir: process.cwd() },
    )) as Problem<number[]>;
    const result = await minimize(problem, simulatedAnnealing, {
      budget: { evaluations: 400 },
      seed: 1,
    });
    expect(result.moveEvaluations).toBeGreaterThan(1e6);
    expect(result.gapPercent).toBeLessThan(2);
  });
});
