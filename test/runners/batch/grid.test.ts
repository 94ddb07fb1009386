// Grid expansion: counts, seeds as a list or a count, labels, keys that identify a run.
import { describe, expect, it } from 'vitest';
import { validateBatchConfig, type BatchConfig } from '../../../src/config/batch-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { canonicalJson, expandGrid, gridRuns, runCount } from '../../../src/runners/batch/grid.js';

const base = {
  problems: [{ type: 'sphere', dimension: 2 }],
  solvers: [{ type: 'random-search' }],
  seeds: 2,
  budget: { evaluations: 100 },
};

const grid = (config: object) => expandGrid(validateBatchConfig({ ...base, ...config }, 'test'));

describe('grid expansion', () => {
  it('multiplies problems (instances x dimensions x shifts x grid) by variants by seeds', () => {
    const g = grid({
      problems: [
        { type: 'rastrigin', dimensions: [2, 5, 10], shifts: [false, true] },
        { type: 'tsp', instances: ['ulysses16', 'att48'] },
        { type: 'ackley', grid: { dimension: [3, 4] }, shifted: true },
        { type: 'sphere', dimension: 3, shift: [0.1, 0.2, 0.3] },
      ],
      solvers: [
        { type: 'random-search', variants: { small: { batchSize: 4 }, large: { batchSize: 64 } } },
        { type: 'differential-evolution' },
      ],
      seeds: [3, 5, 8, 13],
    });
    expect(g.problems.map((p) => p.label)).toEqual([
      'rastrigin-2',
      'rastrigin-2-shifted',
      'rastrigin-5',
      'rastrigin-5-shifted',
      'rastrigin-10',
      'rastrigin-10-shifted',
      'ulysses16',
      'att48',
      'ackley-shifted-dimension=3',
      'ackley-shifted-dimension=4',
      'sphere-3-shift',
    ]);
    expect(g.solvers.map((s) => s.label)).toEqual([
      'random-search/small',
      'random-search/large',
      'differential-evolution',
    ]);
    expect(runCount(g)).toBe(11 * 3 * 4);
    const runs = [...gridRuns(g)];
    expect(runs).toHaveLength(132);
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => i));
    expect(new Set(runs.map((r) => r.key)).size).toBe(132);
    expect(g.problems[1]?.block).toEqual({ type: 'rastrigin', dimension: 2, shifted: true });
    expect(g.problems[6]?.block).toEqual({ type: 'tsp', instance: 'ulysses16' });
    expect(g.solvers[1]?.params).toEqual({ batchSize: 64 });
  });

  it('reads seeds as a list or as a count n (seeds 1..n)', () => {
    expect(grid({ seeds: 3 }).seeds).toEqual([1, 2, 3]);
    expect(grid({ seeds: [10, 0, 7] }).seeds).toEqual([10, 0, 7]);
  });

  it('merges variants over the shared parameters', () => {
    const g = grid({
      solvers: [
        {
          type: 'differential-evolution',
          polish: false,
          variants: { jade: { variant: 'jade' }, polished: { polish: true } },
        },
      ],
    });
    expect(g.solvers.map((s) => s.params)).toEqual([
      { polish: false, variant: 'jade' },
      { polish: true },
    ]);
  });

  it('resolves targets and budgets per problem', () => {
    const g = grid({
      problems: [
        { type: 'sphere', dimension: 2, target: 0.5 },
        { type: 'tsp', instance: 'att48', targetGapPercent: 2, budget: { evaluations: 50 } },
        { type: 'sphere', dimension: 4 },
      ],
      budget: { evaluationsPerDimension: 100, target: 1e-3 },
    });
    expect(g.problems.map((p) => p.target)).toEqual([
      { value: 0.5 },
      { gapPercent: 2 },
      { value: 1e-3 },
    ]);
    expect(g.problems[1]?.budget).toEqual({ evaluations: 50, target: 1e-3 });
    expect(g.problems[0]?.budget).toEqual({ evaluationsPerDimension: 100, target: 1e-3 });
  });

  it('refuses two problems or solvers with the same label, pointing at the second', () => {
    const config = validateBatchConfig(
      {
        ...base,
        problems: [
          { type: 'sphere', dimension: 2 },
          { type: 'sphere', dimension: 2, shifted: false },
        ],
        solvers: [{ type: 'random-search' }, { type: 'random-search', batchSize: 8 }],
      },
      'test',
    );
    let error: unknown;
    try {
      expandGrid(config, 'test');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.path)).toEqual(['/problems/1', '/solvers/1']);
    expect(issues[0]?.message).toMatch(/repeats the problem label "sphere-2" of \/problems\/0/);
    expect(issues[0]?.hint).toMatch(/name/);
  });

  it('keys a run by what its result depends on, not by its position', () => {
    const keysOf = (config: object) => [...gridRuns(grid(config))].map((r) => r.key);
    const two = keysOf({ seeds: [1, 2] });
    expect(keysOf({ seeds: [2, 1] })).toEqual([two[1], two[0]]);
    expect(keysOf({ seeds: [1, 2, 3] }).slice(0, 2)).toEqual(two);
    expect(keysOf({ seeds: [1, 2], budget: { evaluations: 101 } })[0]).not.toBe(two[0]);
    expect(
      keysOf({ seeds: [1, 2], solvers: [{ type: 'random-search', batchSize: 3 }] })[0],
    ).not.toBe(two[0]);
    expect(
      keysOf({ seeds: [1, 2], problems: [{ type: 'sphere', dimension: 2, name: 'renamed' }] }),
    ).toEqual(two);
    expect(keysOf({ seeds: [1, 2], tracePoints: 7 })).toEqual(two);
    expect(keysOf({ seeds: [1, 2], stopAtTarget: true })[0]).not.toBe(two[0]);
  });

  it('writes canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], e: undefined })).toBe(
      '{"a":[{"c":3,"d":2}],"b":1}',
    );
  });

  it('puts a reference point by objective name in objective order, keyed as the array', () => {
    const module = {
      module: './two.mjs',
      space: { x: { type: 'real', low: 0, high: 1 } },
      objectives: [{ name: 'a' }, { name: 'b', direction: 'maximize' }],
    };
    const solvers = [{ type: 'nsga2' }];
    const byName = grid({
      problems: [
        { ...module, referencePoint: { b: -1, a: 2 } },
        { type: 'dtlz2', objectives: 3, referencePoint: { f3: 3, f1: 1, f2: 2 } },
      ],
      solvers,
    });
    expect(byName.problems.map((p) => p.referencePoint)).toEqual([
      [2, -1],
      [1, 2, 3],
    ]);
    const inOrder = grid({ problems: [{ ...module, referencePoint: [2, -1] }], solvers });
    expect([...gridRuns(inOrder)][0]?.key).toBe([...gridRuns(byName)][0]?.key);
  });

  it('labels module problems by their file and keeps their name field', () => {
    const config: BatchConfig = validateBatchConfig(
      {
        ...base,
        problems: [
          { module: './objectives/quadratic.mjs', space: { x: { type: 'real', low: 0, high: 1 } } },
          { module: './q.mjs', name: 'mine', space: { x: { type: 'real', low: 0, high: 1 } } },
        ],
      },
      'test',
    );
    const g = expandGrid(config);
    expect(g.problems.map((p) => p.label)).toEqual(['quadratic', 'mine']);
    expect(g.problems[1]?.block.name).toBe('mine');
  });
});
