// Fast non-dominated sort: identical ranks to a naive peel-off sort (fast-check), constrained
// domination of feasible, infeasible and failed evaluations, and the front's order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constrainedDominates, dominates } from '../../src/multi-objective/dominance.js';
import type { ObjectiveEvaluation } from '../../src/multi-objective/evaluation.js';
import {
  nonDominatedIndices,
  nonDominatedSort,
} from '../../src/multi-objective/non-dominated-sort.js';

// Repeatedly removes the evaluations no remaining one dominates: O(N^3 M), obviously right.
function naiveRanks(evaluations: readonly ObjectiveEvaluation[]): number[] {
  const ranks = new Array<number>(evaluations.length).fill(-1);
  let remaining = evaluations.map((_, i) => i);
  for (let rank = 0; remaining.length > 0; rank++) {
    const front = remaining.filter(
      (i) =>
        !remaining.some((j) =>
          constrainedDominates(
            evaluations[j] as ObjectiveEvaluation,
            evaluations[i] as ObjectiveEvaluation,
          ),
        ),
    );
    for (const i of front) ranks[i] = rank;
    remaining = remaining.filter((i) => !front.includes(i));
  }
  return ranks;
}

// Small integer values make ties and duplicates common; violations are 0 half the time.
const evaluationArbitrary = (objectives: number): fc.Arbitrary<ObjectiveEvaluation> =>
  fc.record({
    values: fc.array(fc.integer({ min: 0, max: 5 }), {
      minLength: objectives,
      maxLength: objectives,
    }),
    violation: fc.oneof(
      fc.constant(0),
      fc.constant(0),
      fc.integer({ min: 1, max: 3 }),
      fc.constant(Infinity),
    ),
  });

describe('dominance', () => {
  it('is Pareto dominance: no worse everywhere, better somewhere', () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 3], [1, 3])).toBe(false);
    expect(dominates([0, 4], [1, 3])).toBe(false);
  });

  it('ranks feasible before infeasible, smaller violation first, failures last', () => {
    const feasibleBad = { values: [9, 9], violation: 0 };
    const infeasibleGood = { values: [0, 0], violation: 0.5 };
    const worse = { values: [0, 0], violation: 2 };
    const failed = { values: [Infinity, Infinity], violation: Infinity };
    expect(constrainedDominates(feasibleBad, infeasibleGood)).toBe(true);
    expect(constrainedDominates(infeasibleGood, feasibleBad)).toBe(false);
    expect(constrainedDominates(infeasibleGood, worse)).toBe(true);
    expect(constrainedDominates(worse, failed)).toBe(true);
    expect(constrainedDominates(failed, failed)).toBe(false);
  });
});

describe('nonDominatedSort', () => {
  for (const objectives of [2, 3, 4]) {
    it(`gives the naive sort's ranks with ${objectives} objectives`, () => {
      fc.assert(
        fc.property(fc.array(evaluationArbitrary(objectives), { maxLength: 40 }), (evaluations) => {
          const { fronts, ranks } = nonDominatedSort(evaluations);
          expect(ranks).toEqual(naiveRanks(evaluations));
          // Every index appears once, each front in increasing order.
          expect(fronts.flat().sort((a, b) => a - b)).toEqual(evaluations.map((_, i) => i));
          for (const front of fronts) expect([...front].sort((a, b) => a - b)).toEqual(front);
        }),
      );
    });
  }

  it('stops after the fronts that hold `limit` evaluations', () => {
    const evaluations = [3, 2, 1, 0].map((v) => ({ values: [v, v], violation: 0 }));
    const { fronts, ranks } = nonDominatedSort(evaluations, 2);
    expect(fronts).toEqual([[3], [2]]);
    expect(ranks).toEqual([Infinity, Infinity, 1, 0]);
    expect(nonDominatedIndices(evaluations)).toEqual([3]);
  });
});
