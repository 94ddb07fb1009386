// NSGA-II's hypervolume survival (SMS-EMOA's rule): the incremental pruning removes the same
// members as recomputing every contribution after each removal, keeps the members that matter
// most on a simple front, moves DTLZ2 forward and refuses more than three objectives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pruneByHypervolume } from '../../src/algorithms/nsga2/hypervolume-pruning.js';
import { rankAndCrowdingSurvival } from '../../src/algorithms/nsga2/survival.js';
import { nsga2 } from '../../src/algorithms/nsga2/nsga2.js';
import { createRng } from '../../src/core/rng.js';
import { hypervolumeContributions } from '../../src/multi-objective/hypervolume-contributions.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';
import { frontAndKeep, pruneByRecomputing } from '../helpers/pruning.js';

/** SMS-EMOA's rule the plain way: normalize by the extremes, recompute all, drop the least. */
function naivePruning(points: number[][], keep: number): number[] {
  const m = points[0]!.length;
  const low = Array.from({ length: m }, (_, j) => Math.min(...points.map((p) => p[j]!)));
  const high = Array.from({ length: m }, (_, j) => Math.max(...points.map((p) => p[j]!)));
  const normalized = points.map((p) =>
    p.map((v, j) => (v - low[j]!) / (high[j]! - low[j]! > 0 ? high[j]! - low[j]! : 1)),
  );
  return pruneByRecomputing(normalized, keep, (members) =>
    hypervolumeContributions(members, new Array<number>(m).fill(1.1)),
  );
}

describe('nsga2 hypervolume pruning', () => {
  it('removes the same members as recomputing every contribution (2 and 3 objectives)', () => {
    fc.assert(
      fc.property(frontAndKeep(fc.double({ min: 0, max: 1, noNaN: true })), ({ points, keep }) => {
        expect(pruneByHypervolume(points, keep)).toEqual(naivePruning(points, keep));
      }),
    );
  });

  it('keeps the right number of members with copies and dominated points in the front', () => {
    const point = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 30 }), fc.nat(30), (points, raw) => {
        const keep = raw % (points.length + 1);
        const kept = pruneByHypervolume(points, keep);
        expect(kept).toHaveLength(keep);
        expect(new Set(kept).size).toBe(keep);
      }),
    );
  });

  it('drops the member that adds least to a 2-D front', () => {
    // (0.45, 0.55) sits just beside (0.5, 0.5): it adds far less than any other member.
    const front = [
      [0, 1],
      [0.45, 0.55],
      [0.5, 0.5],
      [1, 0],
    ].map((values) => ({ values, violation: 0 }));
    const { survivors } = rankAndCrowdingSurvival(front, 3, 'hypervolume');
    expect([...survivors].sort()).toEqual([0, 2, 3]);
  });

  it('refuses more than three objectives', () => {
    expect(() =>
      pruneByHypervolume(
        [
          [0, 1, 1, 1],
          [1, 0, 1, 1],
        ],
        1,
      ),
    ).toThrow('pruneByHypervolume: points must have at most 3 objectives (got 4)');
    const objectives = ['a', 'b', 'c', 'd'].map((name) => ({
      name,
      direction: 'minimize' as const,
    }));
    expect(() =>
      nsga2.init(
        { space: { kind: 'real' } as never, gradients: false, budget: {}, objectives },
        { ...nsga2.defaultParams, survival: 'hypervolume' },
        createRng(1),
      ),
    ).toThrow(
      'nsga2: survival must be "crowding" with 4 objectives: "hypervolume" takes at most 3',
    );
  });

  it('moves a DTLZ2 front toward the exact one', async () => {
    const problem = await buildProblem({ type: 'dtlz2', dimension: 5 }, { baseDir: '.' });
    const run = (evaluations: number) =>
      minimize(problem, 'nsga2', {
        budget: { evaluations },
        seed: 3,
        params: { populationSize: 12, survival: 'hypervolume' },
      });
    const short = await run(24);
    const long = await run(360);
    expect(long.hypervolume as number).toBeGreaterThan(short.hypervolume as number);
    expect(long.igd as number).toBeLessThan(short.igd as number);
  }, 120_000);
});
