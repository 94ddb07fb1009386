// Tabu search: tenure policies as documented, behaviour on random spaces of every kind, and
// parameter errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tabuSearch } from '../../src/algorithms/tabu-search/tabu-search.js';
import type { TabuSearchParams } from '../../src/algorithms/tabu-search/params.js';
import { createTenure, moveTenure, recordVisit } from '../../src/algorithms/tabu-search/tenure.js';
import { resolveParams } from '../../src/config/params.js';
import { ParameterError } from '../../src/core/errors.js';
import type { Problem } from '../../src/core/problem.js';
import { createRng } from '../../src/core/rng.js';
import { permutationSpace } from '../../src/core/spaces/index.js';
import { minimize } from '../../src/runners/minimize.js';
import { exampleObjective, spaceArbitrary } from '../helpers/spaces.js';

const params = (overrides: Partial<TabuSearchParams> = {}): TabuSearchParams =>
  resolveParams(tabuSearch, overrides, 'test');

describe('tabu-search tenure policies', () => {
  it('keeps a fixed tenure', () => {
    const p = params({ tenurePolicy: 'fixed' });
    const tenure = createTenure(7, 50);
    const rng = createRng(1);
    for (let it = 0; it < 100; it++) expect(moveTenure(tenure, p, it, rng)).toBe(7);
  });

  it('redraws a randomized tenure in [0.9t, 1.1t] every interval (Taillard 1991)', () => {
    const p = params({ tenurePolicy: 'randomized', tenureDraw: 'interval' });
    const tenure = createTenure(50, 1000);
    const rng = createRng(2);
    const seen = new Set<number>();
    let previous = -1;
    for (let it = 0; it < 2000; it++) {
      const t = moveTenure(tenure, p, it, rng);
      expect(t).toBeGreaterThanOrEqual(45);
      expect(t).toBeLessThanOrEqual(55);
      // The interval is 2 * 55 iterations: inside it, the tenure does not change.
      if (it % 110 !== 0) expect(t).toBe(previous);
      previous = t;
      seen.add(t);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('draws per-move tenures as 8 t u^3, mean about 2t', () => {
    const p = params({ tenurePolicy: 'randomized', tenureDraw: 'per-move' });
    const tenure = createTenure(10, 100);
    const rng = createRng(3);
    const draws = Array.from({ length: 20000 }, (_, it) => moveTenure(tenure, p, it, rng));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(80);
    const sum = draws.reduce((s, t) => s + t, 0);
    expect(sum / 20000).toBeGreaterThan(17);
    expect(sum / 20000).toBeLessThan(21);
  });

  it('grows the reactive tenure on repetitions, shrinks it without, and escapes chaos', () => {
    const p = params({ tenurePolicy: 'reactive' });
    const tenure = createTenure(5, 40);
    recordVisit(tenure, p, 11, 0, 100);
    recordVisit(tenure, p, 22, 1, 100);
    const before = tenure.current;
    expect(recordVisit(tenure, p, 11, 2, 100)).toBe(0);
    expect(tenure.current).toBeGreaterThan(before);
    // A long stretch of new solutions brings it back down.
    const raised = tenure.current;
    for (let it = 3; it < 60; it++) recordVisit(tenure, p, 1000 + it, it, 100);
    expect(tenure.current).toBeLessThan(raised);
    // Solutions seen more than repetitionsBeforeEscape times, often enough, ask for an escape.
    let escape = 0;
    for (let it = 100; it < 140 && escape === 0; it++)
      escape = recordVisit(tenure, p, 7 + (it % 2), it, 100);
    expect(escape).toBeGreaterThan(0);
    expect(tenure.current).toBeLessThanOrEqual(40);
  });
});

describe('tabu-search on random spaces', () => {
  it('stays inside any space and keeps a monotone best, whatever the policy', async () => {
    await fc.assert(
      fc.asyncProperty(
        spaceArbitrary,
        fc.constantFrom<Partial<TabuSearchParams>>(
          {},
          { tenurePolicy: 'reactive', stagnationIterations: 5 },
          { tenurePolicy: 'fixed', tabuTenure: 0, diversification: 'frequency' },
          { tenureDraw: 'per-move', candidateList: 'full', aspiration: false },
        ),
        fc.integer({ min: 1, max: 1000 }),
        async (space, overrides, seed) => {
          const objective = exampleObjective(space);
          const asked: unknown[] = [];
          const result = await minimize(
            { name: 'random', space, evaluate: objective },
            tabuSearch,
            {
              budget: { evaluations: 120 },
              params: overrides,
              seed,
              onBatch: (record) => void asked.push(...record.candidates),
            },
          );
          for (const x of asked) expect(space.contains(x)).toBe(true);
          const values = result.trace.map((p) => p.value);
          for (let i = 1; i < values.length; i++)
            expect(values[i]).toBeLessThanOrEqual(values[i - 1] as number);
          expect(result.bestValue).toBe(objective(result.best));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('tabu-search parameters', () => {
  it('rejects an unknown tenure policy with a parameter error', async () => {
    const problem: Problem<number[]> = {
      name: 'identity',
      space: permutationSpace({ size: 6 }),
      evaluate: (x) => x.reduce((sum, v, i) => sum + Math.abs(v - i), 0),
    };
    await expect(
      minimize(problem, tabuSearch, {
        budget: { evaluations: 10 },
        params: { tenurePolicy: 'adaptive' },
      }),
    ).rejects.toThrow(ParameterError);
    await expect(
      minimize(problem, 'tabu-search', {
        budget: { evaluations: 10 },
        params: { tenurePolicy: 'adaptive' },
      }),
    ).rejects.toThrow(/tenurePolicy/);
  });

  it('rejects unknown parameters and out-of-range values', () => {
    expect(() => params({ tabuTenur: 3 } as never)).toThrow(ParameterError);
    expect(() => params({ tenureSpread: 2 })).toThrow(/tenureSpread/);
    expect(() => params({ candidateCount: 0 })).toThrow(/candidateCount/);
  });
});
