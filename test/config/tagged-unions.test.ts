// Blocks that are one of several forms told apart by one field (a pruner's `type`, a validation's
// `method`) or by their JSON type (a reference point as an array or an object): a mistake is
// reported against the form the block names, or, when the name or type itself is wrong, as one
// error on it.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { validateConfig } from '../../src/config/load.js';
import { runConfigSchema, type RunConfig } from '../../src/config/run-config.js';
import { tuneConfigSchema, type TuneConfig } from '../../src/config/tune-config.js';

function issuesOf(extra: Record<string, unknown>): { path: string; message: string }[] {
  const config = {
    problem: { type: 'mlp-hyperparameters', dataset: 'digits' },
    budget: { evaluations: 3 },
    ...extra,
  };
  try {
    validateConfig<TuneConfig>(config, tuneConfigSchema(), 'tune.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map(({ path, message }) => ({ path, message }));
  }
  return [];
}

const digits = (validation: unknown) => ({
  problem: { type: 'mlp-hyperparameters', dataset: 'digits', validation },
});

describe('tagged unions in configs', () => {
  it('reports a mistake only against the form the block names', () => {
    expect(issuesOf({ pruner: { type: 'asha', minResource: 0 } })).toEqual([
      { path: '/pruner/minResource', message: 'must be > 0 (got 0)' },
    ]);
    const typo = issuesOf({ pruner: { type: 'hyperband', reductionFactr: 3 } });
    expect(typo).toHaveLength(1);
    expect(typo[0]!.path).toBe('/pruner/reductionFactr');
    expect(typo[0]!.message).toMatch(/allowed: type, minResource, maxResource, reductionFactor/);
    expect(typo[0]!.message).not.toMatch(/bootstrapCount/);
    expect(issuesOf(digits({ method: 'k-fold', fold: 3 }))).toEqual([
      { path: '/problem/validation/folds', message: 'is required' },
      {
        path: '/problem/validation/fold',
        message: 'is not allowed here; allowed: method, folds',
      },
    ]);
  });

  it('reports an unknown or missing tag once, on the tag', () => {
    expect(issuesOf({ pruner: { type: 'ashaa' } })).toEqual([
      {
        path: '/pruner/type',
        message: 'must be one of "median", "asha", "hyperband" (got "ashaa")',
      },
    ]);
    expect(issuesOf(digits({ method: 'kfold', folds: 3 }))).toEqual([
      {
        path: '/problem/validation/method',
        message: 'must be one of "holdout", "k-fold" (got "kfold")',
      },
    ]);
    expect(issuesOf(digits({ folds: 3 }))).toEqual([
      { path: '/problem/validation/method', message: 'is required' },
    ]);
  });

  it('accepts every form', () => {
    expect(issuesOf({ pruner: { type: 'median', startupTrials: 2 } })).toEqual([]);
    expect(issuesOf(digits({ method: 'holdout', fraction: 0.2 }))).toEqual([]);
    expect(issuesOf(digits({ method: 'k-fold', folds: 3 }))).toEqual([]);
  });

  it('reports a union of types against the type given, or once', () => {
    const issues = (referencePoint: unknown) => {
      const config = {
        problem: { type: 'zdt1', dimension: 5 },
        solver: { type: 'nsga2' },
        budget: { evaluations: 100 },
        referencePoint,
      };
      try {
        validateConfig<RunConfig>(config, runConfigSchema(), 'run.json');
      } catch (error) {
        return (error as ConfigError).issues.map(({ path, message }) => ({ path, message }));
      }
      return [];
    };
    expect(issues([1.1])).toEqual([
      { path: '/referencePoint', message: 'must have at least 2 items (got [1.1])' },
    ]);
    expect(issues({ f1: 1.1 })).toEqual([
      { path: '/referencePoint', message: 'must set at least 2 field(s) (got {"f1":1.1})' },
    ]);
    expect(issues('high')).toEqual([
      { path: '/referencePoint', message: 'must be an array or an object (got "high")' },
    ]);
    expect(issues([1.1, 1.1])).toEqual([]);
  });

  it('shows the block to write when a block is given by its type alone', () => {
    let issues: { path: string; message: string; hint?: string }[] = [];
    try {
      validateConfig<TuneConfig>(
        { problem: 'rastrigin', solver: 'tpe', pruner: 'asha', budget: { evaluations: 3 } },
        tuneConfigSchema(),
        'tune.json',
      );
    } catch (error) {
      issues = (error as ConfigError).issues;
    }
    for (const [path, name] of [
      ['/problem', 'rastrigin'],
      ['/solver', 'tpe'],
      ['/pruner', 'asha'],
    ]) {
      expect(issues).toContainEqual({
        path,
        message: `must be an object (got "${name}")`,
        hint: `write {"type": "${name}"}`,
      });
    }
    // An objective given by its name alone.
    let objectiveIssues: { path: string; message: string; hint?: string }[] = [];
    try {
      validateConfig<TuneConfig>(
        {
          problem: { type: 'rastrigin' },
          objectives: ['error', { name: 'bytes' }],
          budget: { evaluations: 3 },
        },
        tuneConfigSchema(),
        'tune.json',
      );
    } catch (error) {
      objectiveIssues = (error as ConfigError).issues;
    }
    expect(objectiveIssues).toContainEqual({
      path: '/objectives/0',
      message: 'must be an object (got "error")',
      hint: 'write {"name": "error"}',
    });
    // A string where an object without a type is expected gets no such hint.
    expect(issuesOf({ budget: 'long' })).toEqual([
      { path: '/budget', message: 'must be an object (got "long")' },
    ]);
  });
});
