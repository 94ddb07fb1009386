// Simulated annealing on tours: the candidate-list moves of the walk keep a permutation and their
// deltas equal the recomputed length change; the Lin-Kernighan polish never lengthens a tour and
// reports its exact length; a short cycle starts cooler; a run under a tiny seconds budget
// (fake clock) never ends worse than its start, and an evaluation-bounded run ends polished.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoveChainState } from '../../src/algorithms/simulated-annealing/move-chain.js';
import { Walk } from '../../src/algorithms/simulated-annealing/move-proposals.js';
import { simulatedAnnealing } from '../../src/algorithms/simulated-annealing/simulated-annealing.js';
import {
  LATER_SHARE,
  SHORT_CYCLE_PER_ELEMENT,
  TIME_SHARE,
  chunkWithin,
  cycleShare,
  fittedAcceptance,
} from '../../src/algorithms/simulated-annealing/time-plan.js';
import { annealingCandidates } from '../../src/algorithms/simulated-annealing/tour-candidates.js';
import { polishTour } from '../../src/algorithms/simulated-annealing/tour-polish.js';
import type { MoveModel } from '../../src/core/problem.js';
import { createRng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { tspProblem } from '../../src/problems/tsp/problem.js';
import { minimize } from '../../src/runners/minimize.js';

const problem = tspProblem({ instance: 'eil51' });
const moves = problem.moves as MoveModel;
const length = (tour: readonly number[]): number => problem.evaluate(tour.slice()) as number;
const isPermutation = (tour: readonly number[], n: number): boolean =>
  tour.length === n && new Set(tour).size === n && tour.every((c) => c >= 0 && c < n);

describe('candidate partners of the walk', () => {
  it('join the 5 nearest cities and the alpha-nearest partners, without repeats', () => {
    const lists = annealingCandidates(moves, 51) as readonly (readonly number[])[];
    const nearest = moves.neighbors as readonly (readonly number[])[];
    const alpha = moves.candidates as readonly (readonly number[])[];
    expect(lists.length).toBe(51);
    lists.forEach((list, city) => {
      expect(list.slice(0, 5)).toEqual(nearest[city]?.slice(0, 5));
      for (const partner of alpha[city] ?? []) expect(list).toContain(partner);
      expect(new Set(list).size).toBe(list.length);
      expect(list).not.toContain(city);
    });
  });

  it('are the 8 nearest without alpha-nearness, and absent without neighbour lists', () => {
    const distance = moves.distance as (a: number, b: number) => number;
    const neighbors = moves.neighbors as readonly (readonly number[])[];
    const lists = annealingCandidates(
      { distance, neighbors },
      51,
    ) as readonly (readonly number[])[];
    expect(lists[0]).toEqual(neighbors[0]?.slice(0, 8));
    expect(annealingCandidates({ distance }, 51)).toBeUndefined();
  });
});

describe('tour moves of the walk (candidate lists)', () => {
  it('keep a permutation, and each delta equals the recomputed length change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, lists) => {
        const rng = createRng(seed);
        const tour = rng.shuffle(Array.from({ length: 51 }, (_, k) => k));
        const walk = new Walk(tour, moves, 'tour', lists ? moves.neighbors : undefined);
        let value = length(walk.x);
        for (let step = 0; step < 40; step++) {
          const delta = walk.propose(rng);
          if (Number.isNaN(delta)) continue;
          walk.apply();
          value += delta;
          if (!isPermutation(walk.x, 51)) return false;
          if (value !== length(walk.x)) return false;
          // The position index follows the tour.
          if (!walk.x.every((city, k) => walk.position[city] === k)) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});

describe('the polish of a tour', () => {
  it('never lengthens it, keeps a permutation and returns its exact length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rng = createRng(seed);
        const tour = rng.shuffle(Array.from({ length: 51 }, (_, k) => k));
        const before = length(tour);
        const after = polishTour(tour, before, moves, rng);
        return isPermutation(tour, 51) && after <= before && after === length(tour);
      }),
      { numRuns: 30 },
    );
  });

  it('is deterministic and leaves a local optimum as it is', () => {
    const tour = createRng(3).shuffle(Array.from({ length: 51 }, (_, k) => k));
    const other = tour.slice();
    const value = polishTour(tour, length(tour), moves, createRng(1));
    expect(polishTour(other, length(other), moves, createRng(2))).toBe(value);
    expect(other).toEqual(tour);
    const again = tour.slice();
    expect(polishTour(again, value, moves, createRng(4))).toBe(value);
    expect(again).toEqual(tour);
  });
});

describe('the time plan of tour cycles', () => {
  it('starts a short cycle cooler, in proportion to its proposals per city', () => {
    expect(fittedAcceptance(0.8, 0, 100)).toBe(0.8);
    expect(fittedAcceptance(0.8, SHORT_CYCLE_PER_ELEMENT * 100, 100)).toBe(0.8);
    expect(fittedAcceptance(0.8, (SHORT_CYCLE_PER_ELEMENT * 100) / 4, 100)).toBeCloseTo(0.2, 12);
    expect(fittedAcceptance(0.8, 1, 100)).toBe(0.02);
    expect(fittedAcceptance(0.01, 1, 100)).toBe(0.01);
  });

  it('caps the proposals of an ask to a fiftieth of the budget at the measured rate', () => {
    expect(chunkWithin(100_000, 1e6, 10)).toBe(100_000);
    expect(chunkWithin(239_200, 50_000, 10)).toBe(10_000);
    expect(chunkWithin(239_200, 1000, 10)).toBe(1000);
    expect(chunkWithin(500, 10, 10)).toBe(500);
  });

  it('ends the first cycle by TIME_SHARE, later ones by LATER_SHARE while an ask fits', () => {
    expect(cycleShare(0, 1000, 1, 10, 500)).toBe(TIME_SHARE);
    expect(cycleShare(1, 1000, 9, 10, 500)).toBe(LATER_SHARE);
    expect(cycleShare(1, 1000, 10 * LATER_SHARE - 0.1, 10, 500)).toBe(1);
  });
});

describe('simulated annealing on tours with the polish', () => {
  it('never ends worse than its start under a tiny seconds budget (fake clock)', () => {
    const eil76 = tspProblem({ instance: 'eil76' });
    const start = eil76.evaluate(eil76.moves?.construct?.() as number[]) as number;
    for (const [secondsPerAsk, budgetSeconds] of [
      [1, 1.5],
      [0.3, 1],
    ] as const) {
      let now = 0;
      const context: SolverContext<number[]> = {
        space: eil76.space,
        gradients: false,
        budget: { seconds: budgetSeconds },
        moves: eil76.moves as MoveModel,
        elapsedSeconds: () => now,
      };
      const rng = createRng(9);
      const params = { ...simulatedAnnealing.defaultParams, movesPerEvaluation: 200 };
      const state = simulatedAnnealing.init(context, params, rng) as MoveChainState;
      const values: number[] = [];
      while (now < budgetSeconds) {
        const [x] = simulatedAnnealing.ask(state, context, rng);
        const value = eil76.evaluate(x as number[]) as number;
        simulatedAnnealing.tell(state, context, [x as number[]], [value], rng);
        values.push(value);
        now += secondsPerAsk;
      }
      expect(values[0]).toBe(start);
      expect(state.bestValue).toBeLessThanOrEqual(start);
      expect(Math.min(...values)).toBeLessThanOrEqual(start);
      // The polish of the start alone already shortens the greedy tour of eil76.
      expect(state.bestValue).toBeLessThan(start);
      // A cycle's end ends its ask: no run of one-proposal cycles once the plan is used up.
      expect(state.cooling?.cycle ?? 0).toBeLessThanOrEqual(values.length);
    }
  });

  it('ends an evaluation-bounded run with a polished tour, and is off when asked', async () => {
    const eil76 = tspProblem({ instance: 'eil76' });
    const polished = await minimize(eil76, simulatedAnnealing, {
      budget: { evaluations: 6 },
      params: { movesPerEvaluation: 500 },
      seed: 4,
    });
    const best = polished.best as number[];
    const copy = best.slice();
    const eilMoves = eil76.moves as MoveModel;
    expect(polishTour(copy, polished.bestValue, eilMoves, createRng(1))).toBe(polished.bestValue);
    const plain = await minimize(eil76, simulatedAnnealing, {
      budget: { evaluations: 6 },
      params: { movesPerEvaluation: 500, polish: false },
      seed: 4,
    });
    expect(plain.bestValue).toBeGreaterThanOrEqual(polished.bestValue);
  });
});
