// Exclusive hypervolume contributions in 1 to 4 objectives: leave-one-out differences of the
// exact hypervolume, the sum bound, dominated points and copies at 0, and the input checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume } from '../../src/multi-objective/hypervolume.js';
import { hypervolumeContributions } from '../../src/multi-objective/hypervolume-contributions.js';

// Small integer grids make ties, copies and weak domination frequent.
const pointSet = (objectives: number, maxLength = 25) =>
  fc.array(
    fc.array(fc.integer({ min: 0, max: 8 }), { minLength: objectives, maxLength: objectives }),
    { maxLength },
  );
const reference = (objectives: number) => new Array<number>(objectives).fill(7.5);

const withoutPoint = (points: number[][], i: number) => points.filter((_, j) => j !== i);

describe('hypervolumeContributions', () => {
  for (const objectives of [1, 2, 3, 4]) {
    const cases = objectives === 4 ? { numRuns: 30 } : {};
    const maxLength = objectives === 4 ? 10 : 25;

    it(`removing a point lowers the total by its contribution (${objectives} objectives)`, () => {
      fc.assert(
        fc.property(pointSet(objectives, maxLength), (points) => {
          const r = reference(objectives);
          const total = hypervolume(points, r);
          hypervolumeContributions(points, r).forEach((c, i) => {
            expect(c).toBeCloseTo(total - hypervolume(withoutPoint(points, i), r), 9);
          });
        }),
        cases,
      );
    });

    it(`contributions sum to at most the total (${objectives} objectives)`, () => {
      fc.assert(
        fc.property(pointSet(objectives, maxLength), (points) => {
          const r = reference(objectives);
          const contributions = hypervolumeContributions(points, r);
          const sum = contributions.reduce((s, c) => s + c, 0);
          expect(contributions.every((c) => c >= 0)).toBe(true);
          expect(sum).toBeLessThanOrEqual(hypervolume(points, r) + 1e-9);
        }),
        cases,
      );
    });

    it(`a dominated point or a copy contributes 0 (${objectives} objectives)`, () => {
      fc.assert(
        fc.property(
          pointSet(objectives, maxLength).filter((points) => points.length > 0),
          fc.nat(),
          fc.array(fc.integer({ min: 0, max: 3 }), {
            minLength: objectives,
            maxLength: objectives,
          }),
          (points, pick, shift) => {
            const base = points[pick % points.length] as number[];
            const worse = base.map((v, j) => v + (shift[j] as number));
            const contributions = hypervolumeContributions(
              [...points, worse],
              reference(objectives),
            );
            expect(contributions.at(-1)).toBe(0);
          },
        ),
        cases,
      );
    });
  }

  it('gives the exclusive boxes of a 2-D staircase, shrunk by points only one of them dominates', () => {
    const points = [
      [0, 4],
      [1, 2],
      [3, 1],
      [2, 3], // dominated by (1, 2) alone
    ];
    // (1, 2): rectangle [1, 3) x [2, 4) = 4, minus the part [2, 3) x [3, 4) that (2, 3) covers.
    expect(hypervolumeContributions(points, [5, 5])).toEqual([1, 3, 2, 0]);
  });

  it('matches three unit cubes at the corners of a 3-D front', () => {
    const points = [
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ];
    // (0, 1, 1) alone dominates [0, 1) x [1, 2) x [1, 2): the others cover every x >= 1.
    const contributions = hypervolumeContributions(points, [2, 2, 2]);
    const total = hypervolume(points, [2, 2, 2]);
    contributions.forEach((c, i) => {
      expect(c).toBeCloseTo(total - hypervolume(withoutPoint(points, i), [2, 2, 2]), 12);
    });
    expect(contributions).toEqual([1, 1, 1]);
  });

  it('refuses points of the wrong length and NaN values', () => {
    expect(() => hypervolumeContributions([[1, 2, 3]], [4, 4])).toThrow(
      'hypervolumeContributions: points[0] must hold 2 numbers like the reference',
    );
    expect(() => hypervolumeContributions([[1, Number.NaN]], [4, 4])).toThrow(/points\[0\]/);
  });
});
