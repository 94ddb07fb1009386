// NSGA-III: Das-Dennis directions, normalization by the extreme points, niching that spreads
// survivors over the reference lines, and a DTLZ2 run that approaches the sphere.
import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '../../src/algorithms/nsga3/normalization.js';
import { referencePointSurvival } from '../../src/algorithms/nsga3/survival.js';
import { createRng } from '../../src/core/rng.js';
import { dasDennisDirections } from '../../src/multi-objective/reference-directions.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';

describe('reference directions', () => {
  it('has C(H + M - 1, M - 1) points on the simplex', () => {
    expect(dasDennisDirections(3, 12)).toHaveLength(91);
    expect(dasDennisDirections(5, 6)).toHaveLength(210);
    for (const d of dasDennisDirections(4, 3))
      expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
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
