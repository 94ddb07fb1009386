// The continuous suite: optima, gradients against central differences, reference shifts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_FUNCTIONS } from '../../src/problems/continuous/functions.js';
import { continuousProblem } from '../../src/problems/continuous/suite.js';
import { referenceShift } from '../../src/problems/continuous/shifts.js';
import { buildProblem } from '../../src/problems/build.js';

const reference = JSON.parse(
  readFileSync(new URL('../fixtures/functions_shifts.json', import.meta.url), 'utf8'),
) as {
  dims: Record<string, Record<string, { shift: number[]; optimum_x: number[] }>>;
};

describe.each(TEST_FUNCTIONS.map((fn) => [fn.name, fn] as const))('%s', (_name, fn) => {
  it.each([1, 2, 10, 30])(
    'is below 1e-8 at its optimum in dimension %i, plain and shifted',
    (d) => {
      const plain = continuousProblem(fn, { dimension: d, shifted: false });
      expect(plain.evaluate(new Array<number>(d).fill(fn.minimizer)) as number).toBeLessThan(1e-8);
      const shifted = continuousProblem(fn, { dimension: d, shifted: true });
      const shift = referenceShift(fn, d);
      const optimum = shift.map((s) => fn.minimizer + s);
      expect(shifted.evaluate(optimum) as number).toBeLessThan(1e-8);
      expect(shifted.space.contains(optimum)).toBe(true);
    },
  );

  it('is positive away from the optimum', () => {
    const problem = continuousProblem(fn, { dimension: 5, shifted: false });
    const x = new Array<number>(5).fill(fn.minimizer);
    x[2] = (x[2] as number) + 0.7;
    expect(problem.evaluate(x) as number).toBeGreaterThan(1e-6);
  });

  it('has a gradient that matches central differences', () => {
    const [lo, hi] = fn.domain;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.double({ min: 0.02, max: 0.98, noNaN: true }), {
          minLength: 12,
          maxLength: 12,
        }),
        fc.boolean(),
        (d, us, shifted) => {
          const problem = continuousProblem(fn, { dimension: d, shifted });
          const x = us.slice(0, d).map((u) => lo + u * (hi - lo));
          const gradient = problem.gradient?.(x) as number[];
          for (let i = 0; i < d; i++) {
            const h = 1e-6 * Math.max(1, Math.abs(x[i] as number));
            const up = x.slice();
            const down = x.slice();
            up[i] = (up[i] as number) + h;
            down[i] = (down[i] as number) - h;
            const numeric =
              ((problem.evaluate(up) as number) - (problem.evaluate(down) as number)) / (2 * h);
            const scale = Math.max(1, Math.abs(numeric));
            expect(Math.abs((gradient[i] as number) - numeric) / scale).toBeLessThan(1e-4);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('regenerates the reference shift vectors exactly', () => {
    const key = fn.name.replace('-', '_');
    for (const d of ['2', '10', '30']) {
      expect(referenceShift(fn, Number(d))).toEqual(reference.dims[d]?.[key]?.shift);
    }
  });
});

describe('continuous problems', () => {
  it('accept an explicit shift and reject a wrong one', () => {
    const fn = TEST_FUNCTIONS[1]!;
    const problem = continuousProblem(fn, { dimension: 2, shift: [1, -2], shifted: false });
    expect(problem.evaluate([1, -2]) as number).toBeLessThan(1e-12);
    expect(problem.name).toBe('rastrigin-2-shifted');
    expect(() => continuousProblem(fn, { dimension: 3, shift: [1, 2], shifted: false })).toThrow(
      /shift must hold 3 numbers/,
    );
    expect(() => continuousProblem(fn, { dimension: 1, shift: [9], shifted: false })).toThrow(
      /outside the domain/,
    );
  });

  it('wrap the shifted schwefel periodically', () => {
    const fn = TEST_FUNCTIONS.find((f) => f.name === 'schwefel')!;
    const problem = continuousProblem(fn, { dimension: 1, shift: [-800], shifted: false });
    // x - s = 300 + 800 = 1100 wraps to 100.
    const wrapped = continuousProblem(fn, { dimension: 1, shifted: false });
    expect(problem.evaluate([300])).toBeCloseTo(wrapped.evaluate([100]) as number, 9);
  });
});

describe('a registry problem with "maximize": true', () => {
  it('keeps no optimum: the one it knows is its minimum', async () => {
    const minimized = await buildProblem({ type: 'sphere', dimension: 2 }, { baseDir: '.' });
    expect(minimized.optimum).toBe(0);
    const maximized = await buildProblem(
      { type: 'sphere', dimension: 2, maximize: true },
      { baseDir: '.' },
    );
    expect(maximized.direction).toBe('maximize');
    expect(maximized.optimum).toBeUndefined();
    expect(maximized.optimumStatus).toBeUndefined();
    expect(await maximized.evaluate([1, 2])).toBe(-5);
  });
});
