// The shipped bench configs: each validates against the batch schema, and the small versions
// run as they are, their best solver beating random search on every problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBatchConfig, type BatchConfig } from '../../src/config/batch-config.js';
import { expandGrid, runCount } from '../../src/runners/batch/grid.js';
import { runBatch } from '../../src/runners/batch/runner.js';
import { repositoryRoot, temporaryFolder } from '../helpers/cli.js';

const load = (name: string): BatchConfig =>
  validateBatchConfig(
    JSON.parse(readFileSync(join(repositoryRoot, 'configs', `${name}.json`), 'utf8')),
    name,
  );

describe('shipped bench configs', () => {
  it.each([
    ['bench-continuous', 8 * 2 * 2],
    ['bench-tsp', 7],
    ['bench-qap', 11],
  ])('%s names its schema and expands to its problems', (name, problems) => {
    for (const file of [name, `${name}-small`]) {
      const config = load(file);
      expect(config.$schema).toBe('../schemas/batch.schema.json');
      expect(config.output).toBe(`runs/${file}`);
    }
    const grid = expandGrid(load(name));
    expect(grid.problems).toHaveLength(problems);
    expect(runCount(grid)).toBe(problems * grid.solvers.length * grid.seeds.length);
  });

  it.each(['bench-continuous-small', 'bench-tsp-small', 'bench-qap-small'])(
    '%s runs as is',
    async (name) => {
      const config = load(name);
      const result = await runBatch(config, { output: temporaryFolder(), workers: 2 });
      expect(result.failed).toBe(0);
      expect(result.completed).toBe(result.runs);
      const rows = result.summary.rows;
      const grid = expandGrid(config);
      expect(rows).toHaveLength(grid.problems.length * grid.solvers.length);
      for (const row of rows) {
        expect(row.runs).toBe(grid.seeds.length);
        expect(Number.isFinite(row.median), `${row.problem} ${row.solver}`).toBe(true);
        expect(row.successRate).not.toBeNull();
      }
      // Whatever the solvers' strengths, the best of them beats random search everywhere.
      for (const problem of grid.problems) {
        const medians = rows.filter((r) => r.problem === problem.label);
        const baseline = medians.find((r) => r.solver === 'random-search')?.median as number;
        expect(Math.min(...medians.map((r) => r.median as number))).toBeLessThan(baseline);
      }
    },
  );
});
