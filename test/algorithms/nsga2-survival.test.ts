// NSGA-II survival: whole fronts first, the last one cut by crowding distance, at once (Deb 2002)
// or one most-crowded member at a time (Kukkonen & Deb 2006), which keeps a gap from opening
// where two close members are both removed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pruneByCrowding } from '../../src/algorithms/nsga2/iterative-pruning.js';
import { rankAndCrowdingSurvival } from '../../src/algorithms/nsga2/survival.js';
import { crowdingDistance } from '../../src/multi-objective/crowding-distance.js';
import type { ObjectiveEvaluation } from '../../src/multi-objective/evaluation.js';
import { nonDominatedSort } from '../../src/multi-objective/non-dominated-sort.js';
import { frontAndKeep, pruneByRecomputing } from '../helpers/pruning.js';

const line = (xs: number[]): ObjectiveEvaluation[] =>
  xs.map((x) => ({ values: [x, 10 - x], violation: 0 }));

const kept = (evaluations: ObjectiveEvaluation[], survivors: number[]): number[] =>
  survivors.map((i) => evaluations[i]!.values[0]!).sort((a, b) => a - b);

/** Iterative pruning the plain way: recompute every distance after each removal. */
function naivePruning(points: number[][], keep: number): number[] {
  return pruneByRecomputing(points, keep, crowdingDistance);
}

describe('nsga2 survival', () => {
  it('prunes by updating neighbours exactly as recomputing every distance would', () => {
    fc.assert(
      fc.property(frontAndKeep(fc.integer({ min: 0, max: 12 })), ({ points, keep }) => {
        expect(pruneByCrowding(points, keep).kept).toEqual(naivePruning(points, keep));
      }),
    );
  });

  it('cut at once, removes both of two close members; iteratively, only one', () => {
    const front = line([0, 3, 3.01, 7, 10]);
    expect(kept(front, rankAndCrowdingSurvival(front, 3, 'once').survivors)).toEqual([0, 7, 10]);
    expect(kept(front, rankAndCrowdingSurvival(front, 3, 'iterative').survivors)).toEqual([
      0, 3.01, 10,
    ]);
  });

  it('admits the same whole fronts either way and keeps the extremes of the cut front (distinct points)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }));
    fc.assert(
      fc.property(
        fc.uniqueArray(point, {
          minLength: 6,
          maxLength: 40,
          selector: ([a, b]) => `${a},${b}`,
        }),
        fc.integer({ min: 2, max: 6 }),
        (points, size) => {
          const evaluations = points.map(([a, b]) => ({ values: [a, b], violation: 0 }));
          const once = rankAndCrowdingSurvival(evaluations, size, 'once');
          const iterative = rankAndCrowdingSurvival(evaluations, size, 'iterative');
          expect(iterative.survivors).toHaveLength(once.survivors.length);
          expect([...iterative.ranks].sort()).toEqual([...once.ranks].sort());
          const { fronts } = nonDominatedSort(evaluations, size);
          const lastRank = Math.max(...iterative.ranks);
          const cut = fronts[lastRank]!;
          const chosen = iterative.survivors.filter((_, k) => iterative.ranks[k] === lastRank);
          if (chosen.length >= 2 && chosen.length < cut.length) {
            for (const objective of [0, 1]) {
              const values = cut.map((i) => evaluations[i]!.values[objective]!);
              const best = Math.min(...values);
              expect(chosen.some((i) => evaluations[i]!.values[objective] === best)).toBe(true);
            }
          }
        },
      ),
    );
  });
});
