// NSGA-III: Das-Dennis directions, normalization by the extreme points, niching that spreads
// survivors over the reference lines, and a DTLZ2 run that approaches the sphere.
import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '../../src/algorithms/nsga3/normalization.js';
import { nsga3, type Nsga3Params } from '../../src/algorithms/nsga3/nsga3.js';
import { referencePointSurvival } from '../../src/algorithms/nsga3/survival.js';
import { resolveParams } from '../../src/config/params.js';
import { ParameterError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { realSpace } from '../../src/core/spaces/real.js';
import { numberedObjectives } from '../../src/multi-objective/objectives.js';
import {
  dasDennisCount,
  dasDennisDirections,
} from '../../src/multi-objective/reference-directions.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';

describe('reference directions', () => {
  it('has C(H + M - 1, M - 1) points on the simplex', () => {
    expect(dasDennisDirections(3, 12)).toHaveLength(91);
    expect(dasDennisDirections(5, 6)).toHaveLength(210);
    for (const d of dasDennisDirections(4, 3))
      expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('are counted without being built, the count stopping past its limit', () => {
    expect(dasDennisCount(3, 12, Infinity)).toBe(91);
    expect(dasDennisCount(5, 6, Infinity)).toBe(210);
    expect(dasDennisCount(3, 100_000, Infinity)).toBe(5_000_150_001);
    expect(dasDennisCount(3, 100_000, 1_000_000)).toBe(Infinity);
  });
});

describe('nsga3 sizes', () => {
  const context = (objectives: number): SolverContext<number[]> => ({
    space: realSpace({ lower: [0, 0, 0], upper: [1, 1, 1] }),
    gradients: false,
    budget: { evaluations: 100 },
    objectives: numberedObjectives(objectives),
  });
  const params = (given: Partial<Nsga3Params>): Nsga3Params => resolveParams(nsga3, given, 'test');

  it('refuses partitions giving more than 1,000,000 directions, before building them', () => {
    // 2 objectives: partitions + 1 directions.
    expect(() => nsga3.init(context(2), params({ partitions: 1_000_000 }), createRng(1))).toThrow(
      ParameterError,
    );
    expect(() => nsga3.init(context(3), params({ partitions: 100_000 }), createRng(1))).toThrow(
      'nsga3: partitions must give at most 1000000 reference directions with 3 objectives (got 100000: 5000150001 directions); set partitions <= 1412',
    );
    expect(nsga3.init(context(2), params({ partitions: 999_999 }), createRng(1)).size).toBe(
      1_000_000,
    );
  });

  it('takes a population of 0 (by the directions) or at least 4, as nsga2', () => {
    expect(() => params({ populationSize: 3 })).toThrow(
      'test: invalid parameters: /populationSize must be 0 (by the reference directions) or >= 4 (got 3)',
    );
    expect(() => params({ populationSize: 1 })).toThrow(ParameterError);
    expect(params({ populationSize: 0 }).populationSize).toBe(0);
    expect(params({ populationSize: 4 }).populationSize).toBe(4);
  });

  it('names the partitions it chose when the objectives make the default grid too large', () => {
    expect(() => nsga3.init(context(200), params({}), createRng(1))).toThrow(
      /\(got 0, which chooses 4 for 200 objectives: 68685050 directions\); set partitions <= 2$/,
    );
  });
});

describe('normalization', () => {
  it('maps the extreme points of a scaled simplex front to the unit axes', () => {
    const points = [
      [1, 10, 100],
      [3, 10, 100],
      [1, 30, 100],
      [1, 10, 300],
    ];
    const normalized = normalizeObjectives(points, [1, 2, 3]);
    expect(normalized[1]?.map((v) => Number(v.toFixed(9)))).toEqual([1, 0, 0]);
    expect(normalized[3]?.map((v) => Number(v.toFixed(9)))).toEqual([0, 0, 1]);
  });
});

describe('reference-point survival', () => {
  it('keeps one survivor per reference line from a crowded last front', () => {
    // Three clusters of four mutually non-dominated points, near the three axes' lines.
    const evaluations = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ].flatMap((axis) =>
      [0, 1, 2, 3].map((k) => ({
        values: axis.map((v, j) => (v === 1 ? 1 - 0.01 * k : 0.01 * k + 0.001 * j)),
        violation: 0,
      })),
    );
    const survivors = referencePointSurvival(
      evaluations,
      dasDennisDirections(3, 1),
      3,
      createRng(1),
    );
    const clusters = survivors.map((i) => Math.floor(i / 4)).sort();
    expect(clusters).toEqual([0, 1, 2]);
  });
});

describe('nsga3 on DTLZ2', () => {
  it('brings the population near the unit sphere', async () => {
    const problem = await buildProblem({ type: 'dtlz2' }, { baseDir: '.' });
    const result = await minimize(problem, 'nsga3', {
      budget: { evaluations: 92 * 30 },
      seed: 2,
      referencePoint: [1.1, 1.1, 1.1],
    });
    expect(result.igd as number).toBeLessThan(0.1);
    expect(result.hypervolume as number).toBeGreaterThan(0.5);
  });
});
