// Crowding distance: infinite at both ends of every objective, the normalized neighbour gaps
// inside (Deb 2002), pymoo's value times the number of objectives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crowdingDistance } from '../../src/multi-objective/crowding-distance.js';

describe('crowdingDistance', () => {
  it('sums the normalized gaps between neighbours, ends infinite', () => {
    const front = [
      [0, 4],
      [1, 2],
      [3, 1],
      [4, 0],
    ];
    // Point 1: (3 - 0)/4 + (4 - 1)/4; point 2: (4 - 1)/4 + (2 - 0)/4.
    expect(crowdingDistance(front)).toEqual([Infinity, 1.5, 1.25, Infinity]);
  });

  it('gives every point of a front of one or two Infinity', () => {
    expect(crowdingDistance([[1, 2]])).toEqual([Infinity]);
    expect(
      crowdingDistance([
        [1, 2],
        [2, 1],
      ]),
    ).toEqual([Infinity, Infinity]);
  });

  it('is infinite at the extremes of each objective and finite and >= 0 elsewhere', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
          {
            minLength: 3,
            maxLength: 30,
          },
        ),
        (front) => {
          const distances = crowdingDistance(front);
          for (let m = 0; m < 3; m++) {
            const values = front.map((p) => p[m] as number);
            const low = values.indexOf(Math.min(...values));
            const high = values.lastIndexOf(Math.max(...values));
            // The sort breaks ties by index, so the first lowest and the last highest are the ends.
            expect(distances[low]).toBe(Infinity);
            expect(distances[high]).toBe(Infinity);
          }
          for (const d of distances) expect(d).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
