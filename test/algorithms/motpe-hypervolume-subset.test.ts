// The multi-objective TPE's lazy greedy hypervolume subset selection chooses exactly as the
// exhaustive greedy search (every gain computed every round), ties and rounding included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  greedyHypervolumeSubset,
  localReferencePoint,
} from '../../src/algorithms/motpe/hypervolume-subset.js';
import { hypervolume } from '../../src/multi-objective/hypervolume.js';

// The selection as it was before it became lazy: every point's gain in every round.
function exhaustiveSubset(
  points: readonly (readonly number[])[],
  size: number,
  reference: readonly number[],
): number[] {
  const chosen: number[] = [];
  const taken = new Array<boolean>(points.length).fill(false);
  let chosenVolume = 0;
  while (chosen.length < Math.min(size, points.length)) {
    let best = -1;
    let bestGain = -Infinity;
    const base = chosen.map((i) => points[i] as readonly number[]);
    points.forEach((p, i) => {
      if (taken[i] === true) return;
      const gain = hypervolume([...base, p], reference) - chosenVolume;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    });
    taken[best] = true;
    chosen.push(best);
    chosenVolume += Math.max(0, bestGain);
  }
  return chosen;
}

// Small integer grids: exact ties, copies and dominated points.
const gridPoints = (objectives: number, maxLength: number) =>
  fc.array(
    fc.array(fc.integer({ min: 0, max: 6 }), { minLength: objectives, maxLength: objectives }),
    { minLength: 1, maxLength },
  );

// Points near a sphere (DTLZ2's front), some moved by a few units in the last place: gains that
// differ only by rounding.
const spherePoints = (objectives: number, maxLength: number) =>
  fc.array(
    fc.tuple(
      fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), {
        minLength: objectives,
        maxLength: objectives,
      }),
      fc.integer({ min: -3, max: 3 }),
    ),
    { minLength: 1, maxLength },
  );

// Grid points moved by a few units in the last place: many gains, dominated points' above all,
// are rounding noise, which a lazy search without a margin gets wrong.
const noisyGridPoints = (objectives: number, maxLength: number) =>
  fc.array(
    fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -4, max: 4 }))
        .map(([step, nudge]) => step / 4 + 0.1 + nudge * 2.5e-16),
      { minLength: objectives, maxLength: objectives },
    ),
    { minLength: 1, maxLength },
  );

// Found by a search: with no margin the lazy search chose differently on each.
const NOISY_CASES = [
  [
    [0.34999999999999976, 0.85, 0.85],
    [0.6, 0.1, 0.6],
    [1.1, 0.10000000000000014, 0.85],
    [0.85, 0.85, 0.35],
    [0.6, 0.8500000000000003, 0.1],
    [0.6, 0.85, 0.6],
    [0.35000000000000026, 0.10000000000000023, 0.1],
    [0.85, 0.35, 0.8500000000000001],
    [0.6, 0.35, 0.1],
    [0.6, 1.1, 0.85],
    [1.1, 0.8499999999999995, 0.85],
    [0.5999999999999996, 0.1, 0.6000000000000003],
    [0.09999999999999991, 0.6, 0.5999999999999998],
  ],
  [
    [0.6, 0.6, 0.1],
    [0.09999999999999964, 0.3500000000000004, 0.35],
    [0.1, 0.35, 0.85],
    [0.1, 0.85, 1.1],
    [1.0999999999999999, 0.85, 0.1],
    [0.35, 1.1, 0.85],
    [0.85, 0.85, 0.8499999999999998],
    [0.1, 0.85, 1.1],
    [0.6, 0.35, 0.1000000000000002],
    [0.35, 0.6, 1.1],
    [0.3499999999999997, 0.1000000000000003, 0.85],
    [0.1, 0.85, 0.1],
    [1.1, 0.85, 0.35],
  ],
  [
    [0.5999999999999995, 0.35, 0.6],
    [0.1, 1.1, 0.85],
    [0.8499999999999999, 0.35, 0.35],
    [0.1, 1.1, 1.0999999999999999],
    [0.35, 0.85, 0.85],
    [0.6, 0.6, 0.8499999999999998],
    [0.35, 0.6, 0.6],
    [1.1, 0.6, 0.85],
    [0.85, 0.34999999999999953, 0.35000000000000014],
    [0.85, 0.35, 0.8500000000000004],
  ],
];

function onSphere(raw: [number[], number][]): number[][] {
  const points = raw.map(([direction, nudge]) => {
    const norm = Math.hypot(...direction);
    return direction.map((v, j) => (j === 0 ? v / norm + nudge * Number.EPSILON : v / norm));
  });
  // A copy of a point and a copy moved by one unit in the last place, when there are points.
  if (points.length > 1) {
    const first = points[0] as number[];
    points.push([...first]);
    points.push(first.map((v, j) => (j === 1 ? v * (1 + Number.EPSILON) : v)));
  }
  return points;
}

describe('lazy greedy hypervolume subset selection', () => {
  for (const objectives of [2, 3, 4]) {
    const maxLength = objectives === 4 ? 12 : 30;
    const cases = objectives === 4 ? { numRuns: 40 } : {};

    it(`chooses as the exhaustive search on grids (${objectives} objectives)`, () => {
      fc.assert(
        fc.property(gridPoints(objectives, maxLength), fc.nat(maxLength), (points, size) => {
          for (const reference of [localReferencePoint(points), Array(objectives).fill(5.5)]) {
            expect(greedyHypervolumeSubset(points, size, reference)).toEqual(
              exhaustiveSubset(points, size, reference),
            );
          }
        }),
        cases,
      );
    });

    it(`chooses as the exhaustive search on noisy grids (${objectives} objectives)`, () => {
      fc.assert(
        fc.property(noisyGridPoints(objectives, maxLength), fc.nat(maxLength), (points, size) => {
          const reference = localReferencePoint(points);
          expect(greedyHypervolumeSubset(points, size, reference)).toEqual(
            exhaustiveSubset(points, size, reference),
          );
        }),
        cases,
      );
    });

    it(`chooses as the exhaustive search near a sphere (${objectives} objectives)`, () => {
      fc.assert(
        fc.property(spherePoints(objectives, maxLength), fc.nat(maxLength), (raw, size) => {
          const points = onSphere(raw);
          const reference = localReferencePoint(points);
          expect(greedyHypervolumeSubset(points, size, reference)).toEqual(
            exhaustiveSubset(points, size, reference),
          );
        }),
        cases,
      );
    });
  }

  it('chooses as the exhaustive search where gains are rounding noise', () => {
    for (const points of NOISY_CASES) {
      const reference = localReferencePoint(points);
      const size = points.length - 1;
      expect(greedyHypervolumeSubset(points, size, reference)).toEqual(
        exhaustiveSubset(points, size, reference),
      );
    }
  });

  it('computes every gain in index order when the bound on the volume overflows', () => {
    const points = [
      [1, 2, 3],
      [-1e300, 5, 1],
      [2, -1e300, 2],
      [3, 3, 0],
      [1, 2, 1],
    ];
    const chosen = greedyHypervolumeSubset(points, 4, [4, 6, 4]);
    expect(chosen).toEqual(exhaustiveSubset(points, 4, [4, 6, 4]));
    expect(chosen.slice(0, 2).sort()).toEqual([1, 2]);
  });
});
