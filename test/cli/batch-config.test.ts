// Batch configs: every mistake is reported at once with its JSON path, including per-type
// parameter mistakes inside solver variants and problem lists.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { batchConfigSchema, validateBatchConfig } from '../../src/config/batch-config.js';
import { shippedSchemas } from '../../src/config/schemas.js';
import { ConfigError, type ConfigIssue } from '../../src/core/errors.js';

const valid = {
  problems: [{ type: 'rastrigin', dimensions: [2, 5] }],
  solvers: [
    { type: 'random-search', variants: { small: { batchSize: 4 }, large: { batchSize: 64 } } },
  ],
  seeds: 3,
  budget: { evaluations: 1000 },
};

// A module entry with two objectives, a and b.
const moduleEntry = {
  module: './objectives.mjs',
  space: { x: { type: 'real', low: 0, high: 1 }, y: { type: 'real', low: 0, high: 1 } },
  objectives: [{ name: 'a' }, { name: 'b' }],
  referencePoint: [2, 2],
};

function issuesOf(config: unknown): ConfigIssue[] {
  try {
    validateBatchConfig(config, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  return [];
}

describe('batch config validation', () => {
  it('accepts a valid config', () => {
    expect(issuesOf(valid)).toEqual([]);
  });

  it('reports every error of a bad config with its path, in one go', () => {
    const issues = issuesOf({
      problems: [
        { type: 'rastrign', dimension: 10 },
        { type: 'sphere', dimensions: [10, 'x'], dimension: 3 },
        { type: 'tsp', instances: ['kroA101'] },
        { module: './objective.mjs' },
        { type: 'sphere', grid: { shifted: [true, 'yes'] }, target: 1, targetGapPercent: 2 },
      ],
      solvers: [
        { type: 'random-search', batchSiz: 3 },
        {
          type: 'differential-evolution',
          variants: { fast: { strategy: 'rand/9' }, 'bad name': {}, slow: { populationSize: 'x' } },
        },
      ],
      seeds: [1, 1],
      budget: { evaluations: 0, evaluationsPerDimension: 5 },
      sede: 2,
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/sede',
        '/problems/0/type',
        '/problems/1/dimensions/1',
        '/problems/1/dimensions',
        '/problems/2/instances/0',
        '/problems/3/space',
        '/problems/4/grid/shifted/1',
        '/problems/4/targetGapPercent',
        '/solvers/0/batchSiz',
        '/solvers/1/variants/fast/strategy',
        '/solvers/1/variants/bad name',
        '/solvers/1/variants/slow/populationSize',
        '/seeds',
        '/budget/evaluations',
        '/budget/evaluationsPerDimension',
      ]),
    );
    const at = (path: string) => issues.find((i) => i.path === path);
    expect(at('/problems/0/type')?.hint).toBe('did you mean "rastrigin"?');
    expect(at('/solvers/0/batchSiz')?.hint).toBe('did you mean "batchSize"?');
    expect(at('/solvers/1/variants/fast/strategy')?.message).toMatch(/must be one of .*"rand\/1"/);
    expect(at('/solvers/1/variants/bad name')?.message).toMatch(/not a valid variant name/);
    expect(at('/seeds')?.message).toMatch(/must not repeat a value/);
    expect(at('/problems/1/dimensions')?.message).toMatch(/together with dimension/);
    // One issue per mistake: ajv's bookkeeping errors are left out.
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each([
    ['a missing section', { ...valid, solvers: undefined }, '/solvers', /is required/],
    ['no problems', { ...valid, problems: [] }, '/problems', /at least 1 items/],
    ['a zero seed count', { ...valid, seeds: 0 }, '/seeds', /must be >= 1/],
    ['a negative seed', { ...valid, seeds: [1, -2] }, '/seeds/1', /must be >= 0/],
    [
      'seeds of the wrong type',
      { ...valid, seeds: 'three' },
      '/seeds',
      /must be an integer or an array/,
    ],
    [
      'instances on a problem without instances',
      { ...valid, problems: [{ type: 'sphere', instances: ['a'] }] },
      '/problems/0/instances',
      /is not allowed here/,
    ],
    [
      'a budget that can only stop at a target',
      { ...valid, budget: { target: 1 } },
      '/budget',
      /must set at least one of evaluations, evaluationsPerDimension, seconds, stagnation/,
    ],
    [
      'a per-problem budget with both evaluation limits',
      {
        ...valid,
        problems: [{ type: 'sphere', budget: { evaluations: 5, evaluationsPerDimension: 2 } }],
      },
      '/problems/0/budget/evaluationsPerDimension',
      /together with evaluations/,
    ],
    [
      'a grid key that a list field covers',
      { ...valid, problems: [{ type: 'sphere', dimensions: [2], grid: { dimension: [3] } }] },
      '/problems/0/grid/dimension',
      /together with dimensions/,
    ],
    [
      'a module repeating an objective name',
      {
        ...valid,
        problems: [{ ...moduleEntry, objectives: [{ name: 'a' }, { name: 'a' }] }],
        solvers: [{ type: 'nsga2' }],
      },
      '/problems/0/objectives/1/name',
      /^must be unique \(got "a" twice\)$/,
    ],
    [
      'a common target with a multi-objective problem',
      {
        ...valid,
        problems: [{ type: 'sphere' }, { type: 'zdt1', dimension: 5 }],
        budget: { evaluations: 100, target: 0.1 },
      },
      '/budget/target',
      /^must be left out while problem \/problems\/1 \(zdt1\) has several objectives \(f1, f2\): there is no single best value \(got 0\.1\)$/,
    ],
    [
      "a stagnation limit in a multi-objective module's own budget",
      {
        ...valid,
        problems: [{ ...moduleEntry, budget: { stagnation: 50 } }],
        solvers: [{ type: 'nsga2' }],
      },
      '/problems/0/budget/stagnation',
      /^must be left out for a problem with several objectives \(a, b\)/,
    ],
    [
      'a single-objective solver with a multi-objective problem',
      {
        ...valid,
        problems: [{ type: 'sphere' }, { ...moduleEntry, name: 'mo' }],
        solvers: [{ type: 'nsga2' }, { type: 'cma-es' }],
      },
      '/solvers/1',
      /^solver cma-es optimizes one objective, and problem \/problems\/1 \(mo\) has 2 \(a, b\); use gaussian-process, motpe, nsga2 or nsga3$/,
    ],
    [
      'a reference point by name without one of the objectives',
      {
        ...valid,
        problems: [{ ...moduleEntry, referencePoint: { a: 2, c: 2 } }],
        solvers: [{ type: 'nsga2' }],
      },
      '/problems/0/referencePoint/b',
      /^is missing: the reference value of objective b$/,
    ],
    [
      'a reference point by name with an unknown objective',
      {
        ...valid,
        problems: [{ ...moduleEntry, referencePoint: { a: 2, c: 2 } }],
        solvers: [{ type: 'nsga2' }],
      },
      '/problems/0/referencePoint/c',
      /^must name an objective, one of a, b \(got "c"\)$/,
    ],
    [
      'a reference point of the wrong length for ZDT',
      {
        ...valid,
        problems: [{ type: 'zdt1', referencePoint: [1, 1, 1] }],
        solvers: [{ type: 'nsga2' }],
      },
      '/problems/0/referencePoint',
      /^must give one number per objective, 2 in the order f1, f2 \(got 3: \[1,1,1\]\)$/,
    ],
    [
      'a reference point for a single-objective problem',
      { ...valid, problems: [{ type: 'sphere', referencePoint: { f1: 1, f2: 1 } }] },
      '/problems/0/referencePoint',
      /^is for multi-objective problems only \(sphere has one objective\): leave it out$/,
    ],
    [
      // Its objectives are declared before any size check: a billion names must not be built.
      'a DTLZ2 of more objectives than it allows',
      { ...valid, problems: [{ type: 'dtlz2', objectives: 1e9 }], solvers: [{ type: 'nsga3' }] },
      '/problems/0/objectives',
      /^must be <= 20 \(got 1000000000\)$/,
    ],
    [
      "a variant's minimum population above the entry's population",
      {
        ...valid,
        solvers: [
          {
            type: 'differential-evolution',
            populationSize: 10,
            variants: { small: { minPopulationSize: 50 } },
          },
        ],
      },
      '/solvers/0/variants/small/minPopulationSize',
      /^must be <= populationSize \(got 50 with populationSize 10\)$/,
    ],
    [
      'a reversed dithered F range common to every variant',
      {
        ...valid,
        solvers: [
          {
            type: 'differential-evolution',
            differentialWeight: [1.5, 0.5],
            variants: { jade: { variant: 'jade' } },
          },
        ],
      },
      '/solvers/0/differentialWeight',
      /^must be \[low, high\] with low <= high \(got \[1.5,0.5\]\)$/,
    ],
    ['an unknown top-level field', { ...valid, seed: 3 }, '/seed', /is not allowed here/],
    ['a bad trace length', { ...valid, tracePoints: 1 }, '/tracePoints', /must be >= 2/],
  ])('reports %s', (_label, config, path, message) => {
    const issues = issuesOf(config);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it("accepts multi-objective solvers on one objective, and a target in a single-objective entry's own budget", () => {
    expect(
      issuesOf({
        ...valid,
        problems: [
          { type: 'sphere', budget: { target: 1e-3, stagnation: 50 } },
          { type: 'dtlz2', objectives: 2 },
        ],
        solvers: [{ type: 'nsga2' }, { type: 'nsga3' }, { type: 'motpe' }],
      }),
    ).toEqual([]);
  });

  it('accepts a reference point by objective name, for a module and for ZDT', () => {
    expect(
      issuesOf({
        ...valid,
        problems: [
          { ...moduleEntry, referencePoint: { b: 3, a: 2 } },
          { type: 'zdt1', referencePoint: { f1: 1.1, f2: 1.1 } },
        ],
        solvers: [{ type: 'nsga2' }],
      }),
    ).toEqual([]);
  });

  it('lets a problem budget replace the common budget, even of the other kind', () => {
    expect(
      issuesOf({
        ...valid,
        budget: { evaluationsPerDimension: 100 },
        problems: [{ type: 'tsp', instance: 'att48', budget: { evaluations: 5000 } }],
      }),
    ).toEqual([]);
  });

  it('refuses a seed count or list past 1,000,000 by its path', () => {
    expect(issuesOf({ ...valid, seeds: 1e12 })).toEqual([
      { path: '/seeds', message: 'must be <= 1000000 (got 1000000000000)' },
    ]);
    const many = Array.from({ length: 1_000_001 }, (_, i) => i);
    expect(issuesOf({ ...valid, seeds: many }).map((issue) => issue.path)).toEqual(['/seeds']);
  });

  it('refuses a grid of more than 1,000,000 runs, naming the count', () => {
    const values = Array.from({ length: 3000 }, (_, i) => i + 1);
    const issues = issuesOf({
      ...valid,
      problems: [
        { type: 'rastrigin', dimensions: [2, 5] },
        { type: 'sphere', grid: { dimension: values } },
      ],
      seeds: 300,
    });
    expect(issues).toEqual([
      {
        path: '',
        message:
          'must describe at most 1000000 runs (got 1801200: 3002 problems x 2 solver variants x 300 seeds)',
        hint: 'split it into several batches, each with its own output folder',
      },
    ]);
    expect(issuesOf({ ...valid, seeds: 250_000 })).toEqual([]);
  });

  it("accepts the README's batch example", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Batch experiments'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    expect(issuesOf(JSON.parse(example as string))).toEqual([]);
  });

  it('ships an up-to-date schema (npm run schemas)', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../schemas/batch.schema.json', import.meta.url), 'utf8'),
    );
    expect(shippedSchemas()['batch.schema.json']).toEqual(batchConfigSchema());
    expect(shipped, 'schemas/batch.schema.json is stale: run npm run schemas').toEqual(
      batchConfigSchema(),
    );
  });
});
