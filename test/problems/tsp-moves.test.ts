// The TSP move model: 2-opt, Or-opt and swap deltas equal full re-evaluation of the moved tour
// (applied with the shared permutation operators), on real and random small instances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOrOpt,
  applyTwoOpt,
  swapInPlace,
} from '../../src/algorithms/operators/permutation.js';
import type { MoveModel, Problem } from '../../src/core/problem.js';
import { tspProblem, tspProblemFromInstance } from '../../src/problems/tsp/problem.js';
import { parseTsplib } from '../../src/problems/tsp/tsplib.js';

type Tsp = Problem<number[]> & { moves: Required<Pick<MoveModel, 'twoOpt' | 'orOpt' | 'swap'>> };

const real = ['eil51', 'att48', 'gr96', 'ulysses16'].map(
  (name) => tspProblem({ instance: name }) as Tsp,
);

const length = (problem: Tsp, tour: number[]): number => problem.evaluate(tour) as number;

/**
 * A random instance of n cities as TSPLIB text, with a coordinate rule or explicit weights
 * (small weights, so that ties are common).
 */
const smallInstanceText = fc
  .record({
    n: fc.integer({ min: 3, max: 11 }),
    type: fc.constantFrom('EUC_2D', 'CEIL_2D', 'ATT', 'GEO', 'MAN_2D', 'MAX_2D', 'EXPLICIT'),
    seedValues: fc.array(fc.integer({ min: 0, max: 9000 }), {
      minLength: 2 * 11,
      maxLength: 2 * 11,
    }),
    weights: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 66, maxLength: 66 }),
  })
  .map(({ n, type, seedValues, weights }) => {
    const header = [
      `NAME : random${n}`,
      'TYPE : TSP',
      `DIMENSION : ${n}`,
      `EDGE_WEIGHT_TYPE : ${type}`,
    ];
    let body: string[];
    if (type === 'EXPLICIT') {
      header.push('EDGE_WEIGHT_FORMAT : UPPER_ROW');
      body = ['EDGE_WEIGHT_SECTION', weights.slice(0, (n * (n - 1)) / 2).join(' ')];
    } else {
      // GEO reads DDD.MM: keep latitudes within +-89 degrees and minutes below 60.
      const coordinate = (v: number): string =>
        type === 'GEO'
          ? `${Math.floor(v / 100) - 45}.${String(v % 60).padStart(2, '0')}`
          : String(v / 7);
      body = [
        'NODE_COORD_SECTION',
        ...Array.from(
          { length: n },
          (_, k) =>
            `${k + 1} ${coordinate(seedValues[2 * k] as number)} ${coordinate(seedValues[2 * k + 1] as number)}`,
        ),
      ];
    }
    return [...header, ...body, 'EOF'].join('\n');
  });

const smallInstance = smallInstanceText.map(
  (text) => tspProblemFromInstance(parseTsplib(text, 'random.tsp')) as Tsp,
);

/** A problem and a random tour of it. */
const withTour = (problems: fc.Arbitrary<Tsp>): fc.Arbitrary<[Tsp, number[]]> =>
  problems.chain((problem) => {
    const n = problem.space.dimension;
    const cities = Array.from({ length: n }, (_, k) => k);
    return fc.tuple(
      fc.constant(problem),
      fc.shuffledSubarray(cities, { minLength: n, maxLength: n }),
    );
  });

/** A real or random small instance and a random tour of it. */
const problemAndTour = withTour(fc.oneof(fc.constantFrom(...real), smallInstance));

describe('tsp move model', () => {
  it('2-opt delta equals re-evaluation for every legal (i, j)', () => {
    fc.assert(
      fc.property(problemAndTour, fc.nat(), fc.nat(), ([problem, tour], p, q) => {
        const n = tour.length;
        const i = p % (n - 1);
        const j = i + 1 + (q % (n - 1 - i));
        const delta = problem.moves.twoOpt(tour, i, j);
        const moved = applyTwoOpt(tour.slice(), i, j);
        expect(delta).toBe(length(problem, moved) - length(problem, tour));
      }),
    );
  });

  it('Or-opt delta equals re-evaluation in both orientations for every legal (i, length, j)', () => {
    fc.assert(
      fc.property(
        problemAndTour,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        ([problem, tour], a, b, c, reversed) => {
          const n = tour.length;
          const segment = 1 + (a % (n - 1));
          const i = b % (n - segment + 1);
          // j ranges over the positions outside the segment, except i - 1.
          const allowed = Array.from({ length: n }, (_, k) => k).filter(
            (k) => (k < i || k >= i + segment) && k !== i - 1,
          );
          fc.pre(allowed.length > 0);
          const j = allowed[c % allowed.length] as number;
          const delta = problem.moves.orOpt(tour, i, segment, j, reversed);
          const moved = applyOrOpt(tour, i, segment, j, reversed);
          expect(delta).toBe(length(problem, moved) - length(problem, tour));
        },
      ),
    );
  });

  it('Or-opt delta matches exhaustively on small tours', () => {
    fc.assert(
      fc.property(withTour(smallInstance), ([problem, tour]) => {
        const n = tour.length;
        for (let segment = 1; segment < n; segment++)
          for (let i = 0; i + segment <= n; i++)
            for (let j = 0; j < n; j++) {
              if ((j >= i && j < i + segment) || j === i - 1) continue;
              for (const reversed of [false, true]) {
                const moved = applyOrOpt(tour, i, segment, j, reversed);
                expect(problem.moves.orOpt(tour, i, segment, j, reversed)).toBe(
                  length(problem, moved) - length(problem, tour),
                );
              }
            }
      }),
      { numRuns: 30 },
    );
  });

  it('swap delta equals re-evaluation for every pair of positions', () => {
    fc.assert(
      fc.property(problemAndTour, fc.nat(), fc.nat(), ([problem, tour], p, q) => {
        const n = tour.length;
        const i = p % n;
        const j = q % n;
        const moved = swapInPlace(tour.slice(), i, j);
        expect(problem.moves.swap(tour, i, j)).toBe(length(problem, moved) - length(problem, tour));
      }),
    );
  });

  it('distance is symmetric and zero on the diagonal', () => {
    fc.assert(
      fc.property(smallInstance, fc.nat(), fc.nat(), (problem, p, q) => {
        const n = problem.space.dimension;
        const distance = problem.moves.distance as (a: number, b: number) => number;
        expect(distance(p % n, q % n)).toBe(distance(q % n, p % n));
        expect(distance(p % n, p % n)).toBe(0);
      }),
    );
  });
});

describe('tsp neighbour lists', () => {
  it('list the K nearest other cities, nearest first', () => {
    const problem = tspProblem({ instance: 'kroA100', neighborListSize: 10 });
    const neighbors = problem.moves?.neighbors ?? [];
    const distance = problem.moves?.distance as (a: number, b: number) => number;
    expect(neighbors).toHaveLength(100);
    neighbors.forEach((list, city) => {
      expect(list).toHaveLength(10);
      expect(list).not.toContain(city);
      const others = Array.from({ length: 100 }, (_, k) => k).filter((k) => k !== city);
      const tenth = others.map((k) => distance(city, k)).sort((a, b) => a - b)[9] as number;
      list.forEach((other, rank) => {
        expect(distance(city, other)).toBeLessThanOrEqual(tenth);
        if (rank > 0)
          expect(distance(city, other)).toBeGreaterThanOrEqual(
            distance(city, list[rank - 1] as number),
          );
      });
    });
  });

  it('equal a full sort by distance then city number, on random instances with ties', () => {
    fc.assert(
      fc.property(smallInstanceText, fc.integer({ min: 1, max: 12 }), (text, count) => {
        const problem = tspProblemFromInstance(parseTsplib(text, 'random.tsp'), {
          neighborListSize: count,
        });
        const n = problem.space.dimension;
        const distance = problem.moves?.distance as (a: number, b: number) => number;
        (problem.moves?.neighbors ?? []).forEach((list, a) => {
          const sorted = Array.from({ length: n }, (_, b) => b)
            .filter((b) => b !== a)
            .sort((p, q) => distance(a, p) - distance(a, q) || p - q);
          expect(list).toEqual(sorted.slice(0, Math.min(count, n - 1)));
        });
      }),
    );
  });

  it('hold every other city when K >= n - 1, with 16 by default', () => {
    expect(
      tspProblem({ instance: 'ulysses16', neighborListSize: 40 }).moves?.neighbors?.[3],
    ).toHaveLength(15);
    expect(tspProblem({ instance: 'eil51' }).moves?.neighbors?.[0]).toHaveLength(16);
  });
});
