// Lin-Kernighan tour local search: the tour stays a permutation, the returned value equals the
// re-measured length, full-breadth single flips end 2-opt-optimal, and chains only ever shorten.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linKernighan } from '../../../src/algorithms/operators/local-search/lin-kernighan.js';
import { scanOrThreeOpt } from '../../../src/algorithms/operators/local-search/or-three-opt.js';
import { TourArray } from '../../../src/algorithms/operators/local-search/tour-array.js';
import { twoOptOrOpt } from '../../../src/algorithms/operators/local-search/tour-local-search.js';
import { applyTwoOpt, isPermutation } from '../../../src/algorithms/operators/permutation.js';
import type { MoveModel } from '../../../src/core/problem.js';
import { createRng, type Rng } from '../../../src/core/rng.js';

/** Random cities with rounded Euclidean distances; integer grid points make many ties. */
function euclideanTsp(n: number, rng: Rng, grid = false) {
  const coordinate = (): number => (grid ? rng.int(20) : rng.uniform(0, 1000));
  const points = Array.from({ length: n }, () => [coordinate(), coordinate()]);
  const matrix = points.map(([ax = 0, ay = 0]) =>
    points.map(([bx = 0, by = 0]) => Math.round(Math.hypot(ax - bx, ay - by))),
  );
  const distance = (a: number, b: number): number => (matrix[a] as number[])[b] as number;
  const length = (tour: readonly number[]): number =>
    tour.reduce((sum, c, i) => sum + distance(c, tour[(i + 1) % tour.length] as number), 0);
  const moves: MoveModel = { distance };
  return { distance, length, moves };
}

function improvingTwoOptMoves(tour: readonly number[], length: (t: readonly number[]) => number) {
  const n = tour.length;
  const before = length(tour);
  let count = 0;
  for (let i = 0; i < n - 1; i++)
    for (let j = i + 1; j < n; j++) if (length(applyTwoOpt(tour.slice(), i, j)) < before) count++;
  return count;
}

describe('alternate first step (or-3opt)', () => {
  it('keeps a permutation, changes the length by exactly its gain, and finds moves', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 30 }), fc.boolean(), fc.integer(), (n, grid, seed) => {
        const rng = createRng(seed);
        const tsp = euclideanTsp(n, rng, grid);
        // Candidate lists in random order (not nearest first), as alpha-nearness gives.
        const lists = Array.from({ length: n }, (_, a) =>
          rng.shuffle(Array.from({ length: n }, (_, b) => b).filter((b) => b !== a)).slice(0, 6),
        );
        const tour = new TourArray(rng.permutation(n));
        for (let t1 = 0; t1 < n; t1++) {
          const before = tsp.length(tour.toArray());
          const move = scanOrThreeOpt(
            tour,
            t1,
            { distance: tsp.distance, lists, listSize: 6 },
            {
              evaluated: 0,
            },
          );
          const after = tour.toArray();
          expect(isPermutation(after, n)).toBe(true);
          if (move === undefined) {
            expect(tsp.length(after)).toBe(before);
            continue;
          }
          found++;
          expect(move.gain).toBeGreaterThan(0);
          expect(tsp.length(after)).toBe(before - move.gain);
          for (let k = 0; k < n; k++) expect(tour.positionOf(after[k] as number)).toBe(k);
        }
      }),
      { numRuns: 60 },
    );
    expect(found).toBeGreaterThan(0);
  });
});

describe('Lin-Kernighan tour local search', () => {
  it('keeps a permutation and an exact value, never longer than the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom([1], [5, 3], [3, 3, 3]),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (n, depth, breadth, orOpt, orThreeOpt, shuffled, grid, seed) => {
          const rng = createRng(seed);
          const tsp = euclideanTsp(n, rng, grid);
          // Candidate lists that are not nearest first, as alpha-nearness gives.
          const moves: MoveModel = shuffled
            ? {
                ...tsp.moves,
                candidates: Array.from({ length: n }, (_, a) =>
                  rng.shuffle(Array.from({ length: n }, (_, b) => b).filter((b) => b !== a)),
                ),
              }
            : tsp.moves;
          const start = rng.permutation(n);
          const before = tsp.length(start);
          const result = linKernighan(start, before, moves, rng, {
            depth,
            breadth,
            orOpt,
            orThreeOpt,
          });
          expect(isPermutation(result.x, n)).toBe(true);
          expect(result.value).toBe(tsp.length(result.x));
          expect(result.value).toBeLessThanOrEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ends 2-opt-optimal with single flips over full candidate lists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 16 }), fc.integer(), (n, seed) => {
        const rng = createRng(seed);
        const tsp = euclideanTsp(n, rng);
        const result = linKernighan(rng.permutation(n), NaN, tsp.moves, rng, {
          depth: 1,
          breadth: [n],
          neighborListSize: n,
          orOpt: false,
        });
        expect(improvingTwoOptMoves(result.x, tsp.length)).toBe(0);
      }),
      { numRuns: 25 },
    );
  });

  it('deeper chains reach shorter tours than 2-opt + Or-opt on average', () => {
    const rng = createRng(5);
    let lk = 0;
    let twoOpt = 0;
    for (let trial = 0; trial < 5; trial++) {
      const tsp = euclideanTsp(150, rng);
      const start = rng.permutation(150);
      lk += linKernighan(start, tsp.length(start), tsp.moves, createRng(trial)).value;
      twoOpt += twoOptOrOpt(start, tsp.length(start), tsp.moves, createRng(trial)).value;
    }
    expect(lk).toBeLessThan(twoOpt);
  });

  it('changes nothing from a local optimum, looks only at `start`, is deterministic', () => {
    const rng = createRng(3);
    const tsp = euclideanTsp(60, rng);
    const start = rng.permutation(60);
    const copy = start.slice();
    const a = linKernighan(start, NaN, tsp.moves, createRng(4));
    const b = linKernighan(start, NaN, tsp.moves, createRng(4));
    expect(b.x).toEqual(a.x);
    expect(start).toEqual(copy);
    expect(a.value).toBeNaN();
    const again = linKernighan(a.x, 77, tsp.moves, rng, { start: [0, 7, 30] });
    expect(again).toEqual({ x: a.x, value: 77, moves: 0 });
  });

  it('leaves tiny tours alone and refuses a move model without distance', () => {
    const tsp = euclideanTsp(6, createRng(1));
    expect(linKernighan([5, 0, 3, 1, 2, 4], 9, tsp.moves, createRng(1))).toEqual({
      x: [5, 0, 3, 1, 2, 4],
      value: 9,
      moves: 0,
    });
    expect(() => linKernighan(createRng(1).permutation(10), 0, {}, createRng(1))).toThrow(
      /moves.distance must be a function/,
    );
  });
});

describe('forbidden links', () => {
  it('never adds a forbidden link, and still only shortens the tour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 40 }), fc.integer(), (n, seed) => {
        const rng = createRng(seed);
        const tsp = euclideanTsp(n, rng);
        const tour = rng.permutation(n);
        // Forbid the links from every city to its two nearest others.
        const banned = new Set<string>();
        for (let a = 0; a < n; a++) {
          const others = Array.from({ length: n }, (_, b) => b)
            .filter((b) => b !== a)
            .sort((p, q) => tsp.distance(a, p) - tsp.distance(a, q) || p - q);
          for (const b of others.slice(0, 2)) banned.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
        }
        const links = (t: readonly number[]): Set<string> =>
          new Set(
            t.map((c, i) => {
              const d = t[(i + 1) % t.length] as number;
              return `${Math.min(c, d)}-${Math.max(c, d)}`;
            }),
          );
        const before = links(tour);
        const result = linKernighan(tour, tsp.length(tour), tsp.moves, rng, {
          forbidden: (a, b) => banned.has(`${Math.min(a, b)}-${Math.max(a, b)}`),
        });
        expect(isPermutation(result.x, n)).toBe(true);
        expect(result.value).toBe(tsp.length(result.x));
        expect(result.value).toBeLessThanOrEqual(tsp.length(tour));
        for (const link of links(result.x))
          if (!before.has(link)) expect(banned.has(link)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
