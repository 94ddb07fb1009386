// ZDT and DTLZ2: the optimal variables land exactly on the published fronts, the sampled fronts
// are those fronts, and the registry builds (or declares unbuilt) their numbered objectives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DIMENSION } from '../../src/core/limits.js';
import type { JsonSchema } from '../../src/core/solver.js';
import { buildProblem } from '../../src/problems/build.js';
import { declaredObjectiveNames } from '../../src/problems/declared-objectives.js';
import { dtlz2, dtlz2Front } from '../../src/problems/multi-objective/dtlz2.js';
import {
  DTLZ2_MAX_OBJECTIVES,
  dtlz2Problem,
} from '../../src/problems/multi-objective/factories.js';
import { problems } from '../../src/problems/registry.js';
import {
  ZDT_FUNCTIONS,
  ZDT3_SEGMENTS,
  ZDT6_FRONT_START,
} from '../../src/problems/multi-objective/zdt.js';

const fronts: Record<string, (f1: number) => number> = {
  zdt1: (f1) => 1 - Math.sqrt(f1),
  zdt2: (f1) => 1 - f1 * f1,
  zdt3: (f1) => 1 - Math.sqrt(f1) - f1 * Math.sin(10 * Math.PI * f1),
  zdt4: (f1) => 1 - Math.sqrt(f1),
  zdt6: (f1) => 1 - f1 * f1,
};

describe('ZDT problems', () => {
  for (const fn of ZDT_FUNCTIONS) {
    it(`${fn.name}: g = 1 (x2..xn at their optimum) puts f2 on the front`, () => {
      const optimum =
        fn.name === 'zdt1' || fn.name === 'zdt2' || fn.name === 'zdt3' || fn.name === 'zdt6'
          ? 0
          : 0;
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x1) => {
          const x = [x1, ...new Array<number>(fn.defaultDimension - 1).fill(optimum)];
          const [f1, f2] = fn.evaluate(x);
          expect(f2).toBeCloseTo((fronts[fn.name] as (f: number) => number)(f1), 12);
        }),
        { numRuns: 30 },
      );
      for (const [f1, f2] of fn.front(100)) {
        expect(f2).toBeCloseTo((fronts[fn.name] as (f: number) => number)(f1 as number), 12);
      }
    });
  }

  it('samples ZDT3 on its five segments and ZDT6 from its first front point', () => {
    const zdt3 = ZDT_FUNCTIONS.find((f) => f.name === 'zdt3');
    const points = zdt3?.front(100) ?? [];
    expect(points).toHaveLength(100);
    for (const [f1] of points) {
      expect(
        ZDT3_SEGMENTS.some(([low, high]) => (f1 as number) >= low && (f1 as number) <= high),
      ).toBe(true);
    }
    const zdt6 = ZDT_FUNCTIONS.find((f) => f.name === 'zdt6');
    expect(zdt6?.front(100)[0]?.[0]).toBe(ZDT6_FRONT_START);
    // ZDT6's f1 reaches its minimum 0.2807753191 at x1 = 0 ... and beyond the first peak.
    expect(zdt6?.evaluate(new Array<number>(10).fill(0))[0]).toBe(1);
  });

  it('builds from the registry with objectives f1, f2, bounds and a spec', async () => {
    const problem = await buildProblem({ type: 'zdt4' }, { baseDir: '.' });
    expect(problem.objectives).toEqual([
      { name: 'f1', direction: 'minimize' },
      { name: 'f2', direction: 'minimize' },
    ]);
    expect(problem.space.vectorLower.slice(0, 2)).toEqual([0, -5]);
    expect(problem.space.vectorUpper.slice(0, 2)).toEqual([1, 5]);
    expect(() => problem.evaluate([])).toThrow(
      'problem zdt4-10 has several objectives; use a multi-objective solver',
    );
    expect(problem.spec).toEqual({ type: 'zdt4' });
  });
});

describe('DTLZ2', () => {
  it('lies on the unit sphere when x3..xn = 0.5, and (1 + g) times it otherwise', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const onFront = dtlz2([a, b, ...new Array<number>(10).fill(0.5)], 3);
          expect(Math.hypot(...onFront)).toBeCloseTo(1, 12);
          expect(onFront[2]).toBeCloseTo(Math.sin((a * Math.PI) / 2), 12);
          const off = dtlz2([a, b, 1, ...new Array<number>(9).fill(0.5)], 3);
          expect(Math.hypot(...off)).toBeCloseTo(1.25, 12);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('samples 91 front points for 3 objectives, each of norm 1', () => {
    const front = dtlz2Front(3);
    expect(front).toHaveLength(91);
    for (const p of front) expect(Math.hypot(...p)).toBeCloseTo(1, 12);
  });
});

describe('declared objectives', () => {
  it.each([
    [{ type: 'zdt1', dimension: 5 }],
    [{ type: 'zdt6' }],
    [{ type: 'dtlz2' }],
    [{ type: 'dtlz2', objectives: 4, dimension: 6 }],
  ])('of %j are those of the problem built from it', async (block) => {
    const problem = await buildProblem(block, { baseDir: '.' });
    expect(declaredObjectiveNames(block)).toEqual(problem.objectives?.map((o) => o.name));
  });

  it("are a block's own objectives, and none for a single-objective problem", () => {
    const objectives = [{ name: 'error' }, { name: 'bytes', direction: 'minimize' }];
    expect(declaredObjectiveNames({ module: './m.mjs', objectives })).toEqual(['error', 'bytes']);
    expect(declaredObjectiveNames({ type: 'mlp-hyperparameters', objectives })).toEqual([
      'error',
      'bytes',
    ]);
    expect(declaredObjectiveNames({ module: './m.mjs' })).toBeUndefined();
    expect(declaredObjectiveNames({ type: 'sphere', dimension: 2 })).toBeUndefined();
    expect(declaredObjectiveNames({ type: 'no-such-problem' })).toBeUndefined();
  });

  it('are unknown for parameters the schema refuses, so that none is built from them', () => {
    expect(declaredObjectiveNames({ type: 'dtlz2', objectives: 1e9 })).toBeUndefined();
    expect(declaredObjectiveNames({ type: 'dtlz2', objectives: 21 })).toBeUndefined();
    expect(declaredObjectiveNames({ type: 'dtlz2', objectives: 4, target: 1 })).toHaveLength(4);
  });
});

describe('size limits', () => {
  const field = (type: string, name: string): JsonSchema =>
    (problems.get(type).paramsSchema.properties as Record<string, JsonSchema>)[name] as JsonSchema;

  it('bound the variables of the ZDT problems and DTLZ2, and the objectives of DTLZ2', () => {
    for (const type of ['zdt1', 'zdt2', 'zdt3', 'zdt4', 'zdt6', 'dtlz2'])
      expect(field(type, 'dimension').maximum).toBe(MAX_DIMENSION);
    expect(field('dtlz2', 'objectives').maximum).toBe(DTLZ2_MAX_OBJECTIVES);
  });

  it('refuse more objectives than DTLZ2 allows in library use too', () => {
    expect(() => dtlz2Problem({ objectives: DTLZ2_MAX_OBJECTIVES + 1 })).toThrow(
      'dtlz2: objectives must be an integer >= 2 and <= 20 (got 21)',
    );
    expect(dtlz2Problem({ objectives: DTLZ2_MAX_OBJECTIVES }).objectives).toHaveLength(20);
  });
});
