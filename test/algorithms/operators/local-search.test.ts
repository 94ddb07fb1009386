// The move-model local searches: 2-opt + Or-opt for tours, swap descent, flip descent. Each is
// checked against brute force on small hand-made problems whose move models recompute deltas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flipDescent } from '../../../src/algorithms/operators/local-search/flip-descent.js';
import { swapDescent } from '../../../src/algorithms/operators/local-search/swap-descent.js';
import { twoOptOrOpt } from '../../../src/algorithms/operators/local-search/tour-local-search.js';
import {
  applyOrOpt,
  applyTwoOpt,
  isPermutation,
  swapInPlace,
} from '../../../src/algorithms/operators/permutation.js';
import type { MoveModel } from '../../../src/core/problem.js';
import { createRng, type Rng } from '../../../src/core/rng.js';

/** Random cities in a square with rounded Euclidean distances (TSPLIB EUC_2D style). */
function euclideanTsp(n: number, rng: Rng) {
  const points = Array.from({ length: n }, () => [rng.uniform(0, 1000), rng.uniform(0, 1000)]);
  const matrix = points.map(([ax = 0, ay = 0]) =>
    points.map(([bx = 0, by = 0]) => Math.round(Math.hypot(ax - bx, ay - by))),
  );
  const distance = (a: number, b: number): number => (matrix[a] as number[])[b] as number;
  const length = (tour: readonly number[]): number =>
    tour.reduce((sum, c, i) => sum + distance(c, tour[(i + 1) % tour.length] as number), 0);
  return { distance, length };
}

/** A move model with edge lengths only (neighbour lists built by the local search). */
function distanceModel(tsp: ReturnType<typeof euclideanTsp>): MoveModel {
  return { distance: tsp.distance };
}

/** A move model whose deltas apply the move and re-measure the tour (an independent oracle). */
function recomputingModel(tsp: ReturnType<typeof euclideanTsp>): MoveModel {
  return {
    distance: tsp.distance,
    twoOpt: (x, i, j) => tsp.length(applyTwoOpt(x.slice(), i, j)) - tsp.length(x),
    orOpt: (x, i, length, j, reversed) =>
      tsp.length(applyOrOpt(x, i, length, j, reversed)) - tsp.length(x),
  };
}

/** Improving 2-opt moves left in `tour` (brute force over every pair of edges). */
function improvingTwoOptMoves(tour: readonly number[], tsp: ReturnType<typeof euclideanTsp>) {
  const n = tour.length;
  const before = tsp.length(tour);
  let count = 0;
  for (let i = 0; i < n - 1; i++)
    for (let j = i + 1; j < n; j++)
      if (tsp.length(applyTwoOpt(tour.slice(), i, j)) < before) count++;
  return count;
}

describe('2-opt + Or-opt tour local search', () => {
  it("ends 2-opt-optimal (full lists, no don't-look bits), with the exact value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 14 }), fc.integer(), (n, seed) => {
        const rng = createRng(seed);
        const tsp = euclideanTsp(n, rng);
        const start = rng.permutation(n);
        for (const moves of [distanceModel(tsp), recomputingModel(tsp)]) {
          for (const improvement of ['first', 'best'] as const) {
            const result = twoOptOrOpt(start, tsp.length(start), moves, rng, {
              neighborListSize: n,
              dontLookBits: false,
              improvement,
            });
            expect(isPermutation(result.x, n)).toBe(true);
            expect(result.value).toBe(tsp.length(result.x));
            expect(improvingTwoOptMoves(result.x, tsp)).toBe(0);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("keeps the value exact with neighbour lists and don't-look bits on larger tours", () => {
    const rng = createRng(7);
    for (const n of [30, 120]) {
      const tsp = euclideanTsp(n, rng);
      for (const options of [{}, { orOpt: false }, { improvement: 'best' as const }]) {
        const start = rng.permutation(n);
        const before = tsp.length(start);
        const result = twoOptOrOpt(start, before, recomputingModel(tsp), rng, options);
        expect(isPermutation(result.x, n)).toBe(true);
        expect(result.value).toBe(tsp.length(result.x));
        expect(result.value).toBeLessThan(before);
        expect(result.moves).toBeGreaterThan(0);
      }
    }
  });

  it('adds Or-opt moves on top of 2-opt: never worse than 2-opt alone from a 2-opt optimum', () => {
    const rng = createRng(11);
    const tsp = euclideanTsp(60, rng);
    const twoOpt = twoOptOrOpt(rng.permutation(60), NaN, distanceModel(tsp), rng, {
      orOpt: false,
    });
    const both = twoOptOrOpt(twoOpt.x, tsp.length(twoOpt.x), distanceModel(tsp), rng);
    expect(both.value).toBeLessThanOrEqual(tsp.length(twoOpt.x));
    expect(both.value).toBe(tsp.length(both.x));
  });

  it('looks only at the `start` cities of a local optimum and changes nothing', () => {
    const rng = createRng(3);
    const tsp = euclideanTsp(40, rng);
    const optimum = twoOptOrOpt(rng.permutation(40), NaN, distanceModel(tsp), rng, {
      neighborListSize: 39,
      dontLookBits: false,
    });
    const again = twoOptOrOpt(optimum.x, 123, distanceModel(tsp), rng, { start: [0, 5, 9] });
    expect(again.moves).toBe(0);
    expect(again.x).toEqual(optimum.x);
    expect(again.value).toBe(123);
  });

  it('returns NaN as the value when the input value is unknown, and leaves tiny tours alone', () => {
    const rng = createRng(1);
    const tsp = euclideanTsp(20, rng);
    expect(twoOptOrOpt(rng.permutation(20), NaN, distanceModel(tsp), rng).value).toBeNaN();
    expect(twoOptOrOpt([2, 0, 3, 1], 10, distanceModel(tsp), rng)).toEqual({
      x: [2, 0, 3, 1],
      value: 10,
      moves: 0,
    });
  });

  it('is deterministic for a given rng seed and does not mutate its input', () => {
    const tsp = euclideanTsp(50, createRng(2));
    const start = createRng(9).permutation(50);
    const copy = start.slice();
    const a = twoOptOrOpt(start, NaN, distanceModel(tsp), createRng(4));
    const b = twoOptOrOpt(start, NaN, distanceModel(tsp), createRng(4));
    expect(a.x).toEqual(b.x);
    expect(start).toEqual(copy);
  });

  it('refuses a move model without distance', () => {
    expect(() => twoOptOrOpt([0, 1, 2, 3, 4, 5], 0, {}, createRng(1))).toThrow(
      /moves.distance must be a function/,
    );
  });
});

/** A random symmetric QAP (flows and distances) with brute-force swap deltas and table. */
function randomQap(n: number, rng: Rng) {
  const symmetric = (): number[][] => {
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) (m[i] as number[])[j] = (m[j] as number[])[i] = rng.int(10);
    return m;
  };
  const flow = symmetric();
  const distance = symmetric();
  const cost = (p: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        sum +=
          ((flow[i] as number[])[j] as number) *
          ((distance[p[i] as number] as number[])[p[j] as number] as number);
    return sum;
  };
  const swap = (x: readonly number[], i: number, j: number): number =>
    cost(swapInPlace(x.slice(), i, j)) - cost(x);
  const create = (x: readonly number[]): number[] => {
    const table = new Array<number>(n * n).fill(0);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) table[i * n + j] = swap(x, i, j);
    return table;
  };
  const moves: MoveModel = {
    swap,
    swapTable: {
      create,
      update: (table, x) => {
        const fresh = create(x);
        for (let k = 0; k < table.length; k++) table[k] = fresh[k] as number;
      },
    },
  };
  return { cost, moves };
}

describe('swap descent', () => {
  it('ends in a swap-local optimum with the exact value (first/best, with and without table)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer(), (n, seed) => {
        const rng = createRng(seed);
        const qap = randomQap(n, rng);
        const start = rng.permutation(n);
        for (const improvement of ['first', 'best'] as const) {
          for (const useTable of [true, false]) {
            const result = swapDescent(start, qap.cost(start), qap.moves, rng, {
              improvement,
              useTable,
            });
            expect(isPermutation(result.x, n)).toBe(true);
            expect(result.value).toBe(qap.cost(result.x));
            for (let i = 0; i < n; i++)
              for (let j = i + 1; j < n; j++)
                expect(qap.cost(swapInPlace(result.x.slice(), i, j))).toBeGreaterThanOrEqual(
                  result.value,
                );
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('stops after maxMoves improving swaps', () => {
    const rng = createRng(5);
    const qap = randomQap(9, rng);
    const start = rng.permutation(9);
    const result = swapDescent(start, qap.cost(start), qap.moves, rng, { maxMoves: 1 });
    expect(result.moves).toBeLessThanOrEqual(1);
    expect(result.value).toBe(qap.cost(result.x));
  });

  it('refuses a move model without swap deltas', () => {
    expect(() => swapDescent([0, 1, 2], 0, {}, createRng(1))).toThrow(/swap or swapTable/);
  });
});

describe('flip descent', () => {
  it('ends in a 1-flip local optimum with the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), fc.integer(), (n, seed) => {
        const rng = createRng(seed);
        const q = Array.from({ length: n }, () =>
          Array.from({ length: n }, () => rng.integer(-5, 5)),
        );
        const value = (x: readonly number[]): number => {
          let sum = 0;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++)
              sum += ((q[i] as number[])[j] as number) * (x[i] as number) * (x[j] as number);
          return sum;
        };
        const flip = (x: readonly number[], i: number): number => {
          const y = x.slice();
          y[i] = 1 - (y[i] as number);
          return value(y) - value(x);
        };
        const start = Array.from({ length: n }, () => rng.int(2));
        for (const improvement of ['first', 'best'] as const) {
          const result = flipDescent(start, value(start), { flip }, rng, { improvement });
          expect(result.value).toBe(value(result.x));
          for (let i = 0; i < n; i++) expect(flip(result.x, i)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a move model without flip', () => {
    expect(() => flipDescent([0, 1], 0, {}, createRng(1))).toThrow(/moves.flip/);
  });
});
