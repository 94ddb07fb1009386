// TSP candidate structures: grid-searched neighbour lists equal a scan over all pairs (ties by
// city number included), and the greedy edge tour is a deterministic permutation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPermutation } from '../../src/algorithms/operators/permutation.js';
import { gridNeighbors } from '../../src/problems/tsp/grid-neighbors.js';
import { greedyTour } from '../../src/problems/tsp/greedy-tour.js';
import { nearestNeighbors, tourLength } from '../../src/problems/tsp/moves.js';
import { tspProblemFromInstance } from '../../src/problems/tsp/problem.js';
import { bruteForceNeighbors, tspFromPoints } from '../helpers/tsp.js';

const point = (range: number) =>
  fc.tuple(fc.integer({ min: 0, max: range }), fc.integer({ min: 0, max: range }));

describe('grid neighbour lists', () => {
  it('equal the lists of a scan over all pairs (EUC_2D, CEIL_2D, ATT; many ties)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('EUC_2D', 'CEIL_2D', 'ATT'),
        fc.integer({ min: 5, max: 400 }),
        fc.array(point(60), { minLength: 3, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (type, spread, raw, size) => {
          const tsp = tspFromPoints(
            raw.map(([x, y]) => [(x * spread) / 60, y] as const),
            type,
          );
          const lists = gridNeighbors(tsp, Math.min(size, tsp.dimension - 1));
          expect(lists).toEqual(
            bruteForceNeighbors(tsp.dimension, tsp.distance, Math.min(size, tsp.dimension - 1)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('are not used for weight types whose distance is not Euclidean', () => {
    const tsp = tspFromPoints(
      [
        [0, 0],
        [3, 4],
        [1, 1],
        [5, 0],
      ],
      'MAN_2D',
    );
    expect(gridNeighbors(tsp, 2)).toBeUndefined();
    expect(nearestNeighbors(tsp, 2)).toEqual(bruteForceNeighbors(tsp.dimension, tsp.distance, 2));
  });
});

describe('greedy edge tour', () => {
  it('is a permutation, the same on every call, and the move model hands out copies', () => {
    fc.assert(
      fc.property(fc.array(point(100), { minLength: 4, maxLength: 150 }), (points) => {
        const tsp = tspFromPoints(points);
        const problem = tspProblemFromInstance(tsp, { neighborListSize: 6 });
        const moves = problem.moves;
        const first = moves?.construct?.() as number[];
        expect(isPermutation(first, points.length)).toBe(true);
        first.reverse();
        expect(moves?.construct?.()).toEqual(first.reverse());
        expect(greedyTour(tsp.dimension, tsp.distance, nearestNeighbors(tsp, 6))).toEqual(first);
      }),
      { numRuns: 40 },
    );
  });

  it('follows a circle: the optimal tour', () => {
    const n = 60;
    const points = Array.from(
      { length: n },
      (_, k) =>
        [
          Math.round(1000 * Math.cos((2 * Math.PI * k) / n)),
          Math.round(1000 * Math.sin((2 * Math.PI * k) / n)),
        ] as const,
    );
    const tsp = tspFromPoints(points);
    const order = Array.from({ length: n }, (_, k) => k);
    const tour = greedyTour(n, tsp.distance, nearestNeighbors(tsp, 5));
    expect(tourLength(tsp, tour)).toBe(tourLength(tsp, order));
  });
});
