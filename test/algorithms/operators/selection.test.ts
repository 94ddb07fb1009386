// Selection operators: pressure as documented, failures never picked over finite values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eligibleIndices,
  rankOrder,
  rankSelection,
  rouletteSelection,
  tournamentSelection,
  truncationSelection,
  universalSampling,
} from '../../../src/algorithms/operators/selection.js';
import { createRng } from '../../../src/core/rng.js';

const seedArbitrary = fc.integer({ min: 0, max: 2 ** 31 - 1 });
// Populations of values with failures (Infinity, NaN) mixed in.
const valuesArbitrary = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Infinity, NaN) },
  ),
  { minLength: 1, maxLength: 40 },
);

type Selector = (values: readonly number[], count: number, seed: number) => number[];
const selectors: Record<string, Selector> = {
  tournament: (v, n, s) => tournamentSelection(v, n, 3, createRng(s)),
  roulette: (v, n, s) => rouletteSelection(v, n, createRng(s)),
  rank: (v, n, s) => rankSelection(v, n, 1.5, createRng(s)),
  truncation: (v, n, s) => truncationSelection(v, n, 0.3, createRng(s)),
};

describe('selection', () => {
  for (const [name, select] of Object.entries(selectors)) {
    it(`${name}: returns count valid indices, never a failure while a finite value exists`, () => {
      fc.assert(
        fc.property(valuesArbitrary, fc.integer({ min: 0, max: 50 }), seedArbitrary, (v, n, s) => {
          const picks = select(v, n, s);
          expect(picks).toHaveLength(n);
          const anyFinite = v.some(Number.isFinite);
          for (const i of picks) {
            expect(Number.isInteger(i) && i >= 0 && i < v.length).toBe(true);
            if (anyFinite) expect(Number.isFinite(v[i])).toBe(true);
          }
        }),
      );
    });

    it(`${name}: is deterministic for a seed`, () => {
      const values = [5, 3, 9, 1, Infinity, 7, 2];
      expect(select(values, 20, 4)).toEqual(select(values, 20, 4));
    });
  }

  it('eligibleIndices keeps finite members, or all when none is finite', () => {
    expect(eligibleIndices([1, Infinity, NaN, -2])).toEqual([0, 3]);
    expect(eligibleIndices([Infinity, NaN])).toEqual([0, 1]);
    expect(eligibleIndices([])).toEqual([]);
  });

  it('rankOrder sorts best first, failures last, ties by index', () => {
    expect(rankOrder([3, NaN, 1, Infinity, 1, -5])).toEqual([5, 2, 4, 0, 1, 3]);
  });

  it('tournament of size k picks the best of k draws', () => {
    // Replaying the draws: the pick is the minimum over the k indices the rng drew.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        seedArbitrary,
        (values, size, seed) => {
          const [pick] = tournamentSelection(values, 1, size, createRng(seed));
          const replay = createRng(seed);
          const drawn = Array.from({ length: size }, () => replay.int(values.length));
          const best = Math.min(...drawn.map((i) => values[i] as number));
          expect(values[pick as number]).toBe(best);
          expect(drawn).toContain(pick);
        },
      ),
    );
  });

  it('a tournament told that every value is finite picks as one that checks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        seedArbitrary,
        (values, size, seed) => {
          expect(tournamentSelection(values, 7, size, createRng(seed), true)).toEqual(
            tournamentSelection(values, 7, size, createRng(seed)),
          );
        },
      ),
    );
  });

  it('a tournament as large as the population mostly picks the best; size 1 is uniform', () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    const big = tournamentSelection(values, 2000, 30, createRng(1));
    expect(big.filter((i) => i === 0).length / 2000).toBeGreaterThan(0.9);
    const uniform = tournamentSelection(values, 5000, 1, createRng(2));
    const counts = values.map((i) => uniform.filter((p) => p === i).length);
    for (const c of counts) expect(c).toBeGreaterThan(400);
  });

  it('truncation never picks from the bottom', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        seedArbitrary,
        (values, fraction, seed) => {
          const kept = Math.ceil(fraction * values.length);
          const allowed = new Set(rankOrder(values).slice(0, kept));
          for (const i of truncationSelection(values, 30, fraction, createRng(seed)))
            expect(allowed.has(i)).toBe(true);
        },
      ),
    );
  });

  it('linear ranking gives the best about `pressure` copies per population and the worst 2 - pressure', () => {
    const values = Array.from({ length: 10 }, (_, i) => 10 - i); // index 9 is the best
    const rounds = 400;
    let best = 0;
    let worst = 0;
    const rng = createRng(3);
    for (let r = 0; r < rounds; r++) {
      const picks = rankSelection(values, 10, 1.6, rng);
      best += picks.filter((i) => i === 9).length;
      worst += picks.filter((i) => i === 0).length;
    }
    // Stochastic universal sampling: 1.6 expected copies means 1 or 2 each round.
    expect(best / rounds).toBeCloseTo(1.6, 1);
    expect(worst / rounds).toBeCloseTo(0.4, 1);
    expect(rankSelection(values, 1000, 1, createRng(4)).filter((i) => i === 9).length).toBe(100);
  });

  it('roulette favours better values and still gives the worst a share', () => {
    const values = [0, 10, 20, 30];
    const picks = rouletteSelection(values, 4000, createRng(5));
    const counts = values.map((_, i) => picks.filter((p) => p === i).length);
    expect(counts[0]).toBeGreaterThan(counts[1] as number);
    expect(counts[1]).toBeGreaterThan(counts[2] as number);
    expect(counts[2]).toBeGreaterThan(counts[3] as number);
    expect(counts[3]).toBeGreaterThan(0);
    // Equal values: uniform.
    const flat = rouletteSelection([7, 7, 7, 7], 400, createRng(6));
    for (let i = 0; i < 4; i++) expect(flat.filter((p) => p === i).length).toBe(100);
  });

  it('roulette copes with values whose spread overflows', () => {
    const picks = rouletteSelection([-1.7e308, 1.7e308, 0], 30, createRng(7));
    expect(picks).toHaveLength(30);
    expect(picks.filter((i) => i === 0).length).toBeGreaterThan(
      picks.filter((i) => i === 1).length,
    );
  });

  it('universal sampling gives each member its expected copies rounded up or down', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 60 }),
        seedArbitrary,
        (weights, count, seed) => {
          const total = weights.reduce((a, b) => a + b, 0);
          fc.pre(total > 1e-9);
          const picks = universalSampling(weights, count, createRng(seed));
          expect(picks).toHaveLength(count);
          weights.forEach((w, i) => {
            const expected = (w / total) * count;
            const got = picks.filter((p) => p === i).length;
            expect(got).toBeGreaterThanOrEqual(Math.floor(expected - 1e-9));
            expect(got).toBeLessThanOrEqual(Math.ceil(expected + 1e-9));
          });
        },
      ),
    );
  });
});
