// Objective declarations and the conversion of what an objective returns: arrays and objects by
// name, maximized objectives negated, constraints summed into a violation, clear messages.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import {
  checkObjectiveResult,
  failedEvaluation,
  objectiveEvaluation,
} from '../../src/multi-objective/evaluation.js';
import { checkObjectives, userValues } from '../../src/multi-objective/objectives.js';

const objectives = checkObjectives(
  [{ name: 'error' }, { name: 'accuracy', direction: 'maximize' }],
  'tune.json',
);

describe('checkObjectives', () => {
  it('fills in minimize and keeps the order', () => {
    expect(objectives).toEqual([
      { name: 'error', direction: 'minimize' },
      { name: 'accuracy', direction: 'maximize' },
    ]);
  });

  it('names the JSON path of each wrong entry', () => {
    const bad = () =>
      checkObjectives(
        [{ name: 'error' }, { name: 'error' }, { name: '1x' }, { name: 'b', direction: 'up' }],
        'tune.json',
        '/problem/objectives',
      );
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow('/problem/objectives/1/name must be unique (got "error" twice)');
    expect(bad).toThrow('/problem/objectives/2/name must start with a letter');
    expect(bad).toThrow(
      '/problem/objectives/3/direction must be "minimize" or "maximize" (got "up")',
    );
    expect(() => checkObjectives([{ name: 'a' }], 'tune.json')).toThrow(
      'tune.json: 1 error\n  /objectives must be an array of at least 2 objectives',
    );
  });
});

describe('objectiveEvaluation', () => {
  it('reads arrays in declaration order and objects by name, negating maximized objectives', () => {
    expect(objectiveEvaluation([0.1, 0.9], objectives)).toEqual({
      values: [0.1, -0.9],
      violation: 0,
    });
    expect(objectiveEvaluation({ accuracy: 0.9, error: 0.1 }, objectives)).toEqual({
      values: [0.1, -0.9],
      violation: 0,
    });
    expect(userValues([0.1, -0.9], objectives)).toEqual({ error: 0.1, accuracy: 0.9 });
  });

  it('sums the positive constraint values into the violation', () => {
    expect(
      objectiveEvaluation({ error: 1, accuracy: 0, constraints: [-1, 0.5, 2] }, objectives),
    ).toEqual({ values: [1, -0], violation: 2.5 });
  });

  it('says what is wrong with a malformed result', () => {
    expect(objectiveEvaluation([1], objectives)).toBe(
      'the objective must return 2 values (error, accuracy) (got 1: [1])',
    );
    expect(objectiveEvaluation({ error: 1, acc: 2 }, objectives)).toMatch(
      /returned "acc", which is not a declared objective \(declared: error, accuracy/,
    );
    expect(objectiveEvaluation({ error: NaN, accuracy: 1 }, objectives)).toBe(
      'objective error must be a finite number (got NaN)',
    );
    expect(objectiveEvaluation(3, objectives)).toMatch(/must return an object \{error, accuracy\}/);
  });
});

describe('checkObjectiveResult', () => {
  it('accepts arrays and {values, violation}, rejects the rest', () => {
    expect(checkObjectiveResult([1, 2], 2)).toEqual({ values: [1, 2], violation: 0 });
    expect(checkObjectiveResult({ values: [1, 2], violation: 3 }, 2)).toEqual({
      values: [1, 2],
      violation: 3,
    });
    expect(checkObjectiveResult([1, Infinity], 2)).toBe(
      'objective 2 must be a finite number (got Infinity)',
    );
    expect(checkObjectiveResult({ values: [1, 2], violation: -1 }, 2)).toMatch(
      /violation must be a number >= 0/,
    );
    expect(failedEvaluation(2)).toEqual({ values: [Infinity, Infinity], violation: Infinity });
  });
});

describe('objectiveEvaluation of a typed array', () => {
  it('reads a Float64Array as the values in declaration order', () => {
    const declared = [
      { name: 'a', direction: 'minimize' as const },
      { name: 'b', direction: 'maximize' as const },
    ];
    expect(objectiveEvaluation(Float64Array.of(1, 2), declared)).toEqual(
      objectiveEvaluation([1, 2], declared),
    );
    expect(objectiveEvaluation(Float64Array.of(1), declared)).toMatch(/must return 2 values/);
  });
});
