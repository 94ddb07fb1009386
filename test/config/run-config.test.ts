// Run configs: every kind of mistake gets its own message with its JSON path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { parseJson, validateConfig } from '../../src/config/load.js';
import { runConfigSchema, type RunConfig } from '../../src/config/run-config.js';
import { shippedSchemas } from '../../src/config/schemas.js';

const valid = {
  problem: { type: 'rastrigin', dimension: 10 },
  solver: { type: 'random-search', batchSize: 16 },
  budget: { evaluations: 1000 },
  seed: 1,
};

function issuesOf(config: unknown): { path: string; message: string; hint?: string }[] {
  try {
    validateConfig<RunConfig>(config, runConfigSchema(), 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  return [];
}

describe('run config validation', () => {
  it('accepts a valid config', () => {
    expect(issuesOf(valid)).toEqual([]);
  });

  it.each([
    ['a missing section', { ...valid, budget: undefined }, '/budget', /is required/],
    [
      'an unknown problem type, with a suggestion',
      { ...valid, problem: { type: 'rastrign' } },
      '/problem/type',
      /must be one of .*"rastrigin".* \(got "rastrign"\)/,
    ],
    [
      'an unknown solver',
      { ...valid, solver: { type: 'hill-climbing' } },
      '/solver/type',
      /must be one of/,
    ],
    [
      'a misspelled parameter, with a suggestion',
      { ...valid, solver: { type: 'random-search', batchSiz: 3 } },
      '/solver/batchSiz',
      /is not allowed here; allowed: type, batchSize/,
    ],
    [
      'a parameter of the wrong type',
      { ...valid, problem: { type: 'sphere', dimension: 'ten' } },
      '/problem/dimension',
      /must be an integer \(got "ten"\)/,
    ],
    [
      'a value out of range',
      { ...valid, budget: { evaluations: 0 } },
      '/budget/evaluations',
      /must be >= 1 \(got 0\)/,
    ],
    ['an empty budget', { ...valid, budget: {} }, '/budget', /must set at least 1 field/],
    ['an unknown top-level field', { ...valid, sede: 3 }, '/sede', /is not allowed here/],
    ['a non-integer seed', { ...valid, seed: 1.5 }, '/seed', /must be an integer \(got 1.5\)/],
    [
      'a wrong shift type',
      { ...valid, problem: { type: 'sphere', shift: 'left' } },
      '/problem/shift',
      /must be an array/,
    ],
  ])('reports %s', (_label, config, path, message) => {
    const issues = issuesOf(config);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('suggests the closest name for typos', () => {
    expect(issuesOf({ ...valid, solver: { type: 'random-search', batchSiz: 3 } })[0]?.hint).toBe(
      'did you mean "batchSize"?',
    );
    expect(issuesOf({ ...valid, problem: { type: 'rastrign' } })[0]?.hint).toBe(
      'did you mean "rastrigin"?',
    );
  });

  it('reports every mistake at once', () => {
    const issues = issuesOf({
      problem: { type: 'rastrign' },
      solver: { type: 'random-search', batchSiz: 2 },
      budget: { evaluations: -5 },
    });
    expect(issues.map((i) => i.path)).toEqual([
      '/problem/type',
      '/solver/batchSiz',
      '/budget/evaluations',
    ]);
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(() => parseJson('{\n  "seed": 1,\n  "budget": }\n', 'bad.json')).toThrow(
      /bad\.json: 1 error\n {2}\(root\) is not valid JSON at line 3, column 13/,
    );
  });

  it('ships schemas that are up to date with the registries', () => {
    for (const [file, schema] of Object.entries(shippedSchemas())) {
      const shipped = JSON.parse(
        readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'),
      );
      expect(shipped, `schemas/${file} is stale: run npm run schemas`).toEqual(schema);
    }
  });
});
