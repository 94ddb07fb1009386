// Simulated annealing under a seconds-only budget, driven by a fake clock: the cooling cycle is
// sized from the measured proposal rate so that it ends before the budget, and the run never
// ends worse than the tour it starts from.
import { describe, expect, it } from 'vitest';
import type { MoveChainState } from '../../src/algorithms/simulated-annealing/move-chain.js';
import { simulatedAnnealing } from '../../src/algorithms/simulated-annealing/simulated-annealing.js';
import {
  LATER_SHARE,
  TIME_SHARE,
  measuredRate,
  proposalsLeft,
} from '../../src/algorithms/simulated-annealing/time-plan.js';
import type { SolverContext } from '../../src/core/solver.js';
import { createRng } from '../../src/core/rng.js';
import { tspProblem } from '../../src/problems/tsp/problem.js';

describe('time plan', () => {
  it('measures a rate only over enough time, and plans what is left of the share', () => {
    expect(measuredRate(1000, 0.001)).toBeUndefined();
    expect(measuredRate(0, 1)).toBeUndefined();
    expect(measuredRate(5000, 0.5)).toBe(10_000);
    expect(proposalsLeft(10_000, 2, 10, TIME_SHARE, 100)).toBe(
      Math.floor(10_000 * (10 * TIME_SHARE - 2)),
    );
    expect(proposalsLeft(10_000, 9.9, 10, TIME_SHARE, 100)).toBe(100);
    expect(proposalsLeft(10_000, 9, 10, LATER_SHARE, 1)).toBe(
      Math.floor(10_000 * (10 * LATER_SHARE - 9)),
    );
  });
});

describe('simulated annealing with a seconds budget (fake clock)', () => {
  // Each ask costs `secondsPerAsk` of fake time, so the run's length in asks is known.
  async function run(secondsPerAsk: number, budgetSeconds: number) {
    const problem = tspProblem({ instance: 'eil76' });
    let now = 0;
    const context: SolverContext<number[]> = {
      space: problem.space,
      gradients: false,
      budget: { seconds: budgetSeconds },
      moves: problem.moves as NonNullable<typeof problem.moves>,
      elapsedSeconds: () => now,
    };
    const rng = createRng(5);
    const params = { ...simulatedAnnealing.defaultParams, movesPerEvaluation: 500 };
    const state = simulatedAnnealing.init(context, params, rng) as MoveChainState;
    const values: number[] = [];
    let firstCycleEndedAt: number | undefined;
    // The lowest temperature of the first cycle, as log(T / T0) / log(final ratio): 1 = final.
    let cooled = 0;
    while (now < budgetSeconds) {
      const [x] = simulatedAnnealing.ask(state, context, rng);
      const value = await problem.evaluate(x as number[]);
      simulatedAnnealing.tell(state, context, [x as number[]], [value], rng);
      values.push(value);
      now += secondsPerAsk;
      const cooling = state.cooling;
      if (cooling !== null && cooling.cycle >= 1) firstCycleEndedAt ??= now;
      if (cooling !== null && cooling.cycle === 0) {
        const ratio = cooling.temperature / cooling.initialTemperature;
        cooled = Math.max(cooled, Math.log(ratio) / Math.log(cooling.finalTemperatureRatio));
      }
    }
    return { state, values, firstCycleEndedAt, cooled };
  }

  it('ends one full cooling cycle within the budget, on a fast and on a slow machine', async () => {
    for (const secondsPerAsk of [0.01, 0.1]) {
      const { firstCycleEndedAt, cooled } = await run(secondsPerAsk, 10);
      expect(cooled).toBeGreaterThan(0.95);
      expect(firstCycleEndedAt).toBeDefined();
      expect(firstCycleEndedAt as number).toBeLessThanOrEqual(10 * TIME_SHARE + 2 * secondsPerAsk);
      // ... and uses most of it: the cycle does not stop long before its share of the budget.
      expect(firstCycleEndedAt as number).toBeGreaterThan(10 * TIME_SHARE * 0.8);
    }
  });

  it('starts from the greedy tour and never reports worse than it', async () => {
    const problem = tspProblem({ instance: 'eil76' });
    const start = problem.evaluate(problem.moves?.construct?.() as number[]) as number;
    const { values, state } = await run(0.05, 5);
    expect(values[0]).toBe(start);
    expect(state.bestValue).toBeLessThanOrEqual(start);
    expect(Math.min(...values)).toBeLessThan(start);
  });
});
