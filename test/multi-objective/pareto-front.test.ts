// The reported Pareto front: feasible non-dominated entries in the user's terms, the hypervolume
// against a given or derived reference point, IGD, and pareto.csv.
import { describe, expect, it } from 'vitest';
import { invertedGenerationalDistance } from '../../src/multi-objective/igd.js';
import { paretoCsv } from '../../src/multi-objective/pareto-csv.js';
import { paretoSummary, type EvaluatedCandidate } from '../../src/multi-objective/pareto-front.js';
import { deriveReferencePoint } from '../../src/multi-objective/reference-point.js';

const objectives = [
  { name: 'error', direction: 'minimize' as const },
  { name: 'accuracy', direction: 'maximize' as const },
];
// Minimized terms: accuracy negated.
const candidates: EvaluatedCandidate<{ lr: number | string }>[] = [
  { number: 1, parameters: { lr: 0.1 }, evaluation: { values: [0.2, -0.5], violation: 0 } },
  { number: 2, parameters: { lr: 0.2 }, evaluation: { values: [0.1, -0.9], violation: 0 } },
  { number: 3, parameters: { lr: 0.3 }, evaluation: { values: [0.3, -0.95], violation: 0 } },
  { number: 4, parameters: { lr: 0.4 }, evaluation: { values: [0, -1], violation: 1 } },
  {
    number: 5,
    parameters: { lr: 0.5 },
    evaluation: { values: [Infinity, Infinity], violation: Infinity },
  },
  { number: 6, parameters: { lr: 'x,"y"' }, evaluation: { values: [0.1, -0.9], violation: 0 } },
];

describe('paretoSummary', () => {
  it('keeps feasible non-dominated configurations, those that tie too, by the first objective', () => {
    const summary = paretoSummary(candidates, objectives, { error: 1, accuracy: 0 });
    expect(summary.paretoFront).toEqual([
      { number: 2, parameters: { lr: 0.2 }, values: { error: 0.1, accuracy: 0.9 } },
      { number: 6, parameters: { lr: 'x,"y"' }, values: { error: 0.1, accuracy: 0.9 } },
      { number: 3, parameters: { lr: 0.3 }, values: { error: 0.3, accuracy: 0.95 } },
    ]);
    // (1 - 0.1) * 0.9 + (1 - 0.3) * (0.95 - 0.9).
    expect(summary.hypervolume).toBeCloseTo(0.9 * 0.9 + 0.7 * 0.05, 12);
    expect(summary.referencePoint).toEqual({ error: 1, accuracy: 0 });
    expect(summary.referencePointDerived).toBe(false);
  });

  it('lists a configuration evaluated several times once, as its first evaluation', () => {
    const again: EvaluatedCandidate<{ lr: number | string }>[] = [
      { number: 9, parameters: { lr: 0.2 }, evaluation: { values: [0.1, -0.9], violation: 0 } },
      ...candidates,
    ];
    const front = paretoSummary(again, objectives).paretoFront;
    expect(front.map((e) => e.number)).toEqual([2, 6, 3]);
  });

  it('derives the reference point from the front when none is given, and reports it', () => {
    const summary = paretoSummary(candidates, objectives);
    expect(summary.referencePointDerived).toBe(true);
    expect(summary.referencePoint?.error).toBeCloseTo(0.32, 12);
    expect(summary.referencePoint?.accuracy).toBeCloseTo(0.895, 12);
    expect(summary.hypervolume).toBeGreaterThan(0);
  });

  it('is empty with hypervolume 0 and a null reference point when nothing is feasible', () => {
    const summary = paretoSummary(candidates.slice(3, 5), objectives);
    expect(summary).toEqual({
      paretoFront: [],
      hypervolume: 0,
      referencePoint: null,
      referencePointDerived: true,
    });
  });
});

describe('deriveReferencePoint', () => {
  it('adds 10% of the range, or of the magnitude where the range is 0, or 1 at 0', () => {
    expect(
      deriveReferencePoint([
        [0, 10, 0],
        [1, 10, 0],
      ]),
    ).toEqual([1.1, 11, 1]);
  });
});

describe('invertedGenerationalDistance', () => {
  it('is the mean distance from each reference point to its nearest obtained point', () => {
    expect(
      invertedGenerationalDistance(
        [[0, 0]],
        [
          [3, 4],
          [0, 0],
        ],
      ),
    ).toBe(2.5);
    expect(invertedGenerationalDistance([], [[0, 0]])).toBe(Infinity);
  });
});

describe('paretoCsv', () => {
  it('writes the number, the objectives by name, then the parameters', () => {
    const summary = paretoSummary(candidates.slice(2), objectives);
    expect(paretoCsv(summary.paretoFront, objectives, 'trial')).toBe(
      'trial,error,accuracy,lr\n6,0.1,0.9,"x,""y"""\n3,0.3,0.95,0.3\n',
    );
    const vectors = [{ number: 7, parameters: [0.5, 1], values: { error: 1, accuracy: 2 } }];
    expect(paretoCsv(vectors, objectives, 'evaluation')).toBe(
      'evaluation,error,accuracy,x0,x1\n7,1,2,0.5,1\n',
    );
  });
});
