// PED-ANOVA importances: the parameter that drives the value dominates, unused ones get almost
// nothing, conditional parameters are reported, and the result does not change between calls.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { parameterImportance, type ScoredTrial } from '../../src/report/importance.js';
import { studyParameters } from '../../src/report/parameters.js';

function randomTrials(count: number, f: (x: number[]) => number, seed = 1): ScoredTrial[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const x = [rng.next(), rng.next(), rng.next()];
    return { number: i + 1, value: f(x), params: { x1: x[0]!, x2: x[1]!, x3: x[2]! } };
  });
}

const unitSpace = {
  kind: 'mixed' as const,
  parameters: {
    x1: { type: 'real' as const, low: 0, high: 1 },
    x2: { type: 'real' as const, low: 0, high: 1 },
    x3: { type: 'real' as const, low: 0, high: 1 },
  },
};

describe('parameter importance (PED-ANOVA)', () => {
  it('gives x1 more than 0.9 of f = x1 + x2 / 1000 over 100 random trials', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const trials = randomTrials(100, ([a, b]) => a! + b! / 1000, seed);
      const result = parameterImportance(trials, studyParameters(unitSpace, []), 'minimize');
      expect(result.importances[0]?.name, `seed ${seed}`).toBe('x1');
      expect(result.importances[0]?.importance, `seed ${seed}`).toBeGreaterThan(0.9);
      const sum = result.importances.reduce((s, r) => s + r.importance, 0);
      expect(sum).toBeCloseTo(1, 12);
      expect(result.topTrials).toBe(10);
    }
  });

  it('is the same on every call, and mirrors under maximization', () => {
    const trials = randomTrials(60, ([a, b, c]) => a! * b! - c!);
    const parameters = studyParameters(unitSpace, []);
    const first = parameterImportance(trials, parameters, 'minimize');
    expect(parameterImportance(trials, parameters, 'minimize')).toEqual(first);
    const negated = trials.map((t) => ({ ...t, value: -t.value }));
    expect(parameterImportance(negated, parameters, 'maximize')).toEqual(first);
  });

  it('reports a conditional parameter on the trials where it is active', () => {
    const rng = createRng(7);
    const trials: ScoredTrial[] = Array.from({ length: 120 }, (_, i) => {
      const optimizer = rng.next() < 0.5 ? 'sgd' : 'adam';
      const momentum = rng.next();
      const params =
        optimizer === 'sgd'
          ? { optimizer, momentum, lr: rng.next() }
          : { optimizer, lr: rng.next() };
      // sgd with high momentum is best; adam is middling.
      const value = optimizer === 'sgd' ? 1 - momentum : 0.5 + 0.01 * rng.next();
      return { number: i + 1, value, params };
    });
    const space = {
      kind: 'mixed' as const,
      parameters: {
        optimizer: { type: 'categorical' as const, choices: ['sgd', 'adam'] },
        momentum: { type: 'real' as const, low: 0, high: 1, when: { optimizer: 'sgd' } },
        lr: { type: 'real' as const, low: 0, high: 1 },
      },
    };
    const result = parameterImportance(trials, studyParameters(space, []), 'minimize');
    const momentum = result.importances.find((r) => r.name === 'momentum');
    expect(momentum?.conditional).toBe(true);
    expect(momentum?.trials).toBeLessThan(120);
    expect(result.importances[result.importances.length - 1]?.name).toBe('lr');
    expect(momentum!.importance).toBeGreaterThan(0.3);
  });

  it('gives zeros without enough trials', () => {
    const parameters = studyParameters(unitSpace, []);
    const one = parameterImportance(
      randomTrials(1, () => 1),
      parameters,
      'minimize',
    );
    expect(one.importances.every((r) => r.importance === 0)).toBe(true);
    expect(parameterImportance([], parameters, 'minimize').trials).toBe(0);
  });
});
