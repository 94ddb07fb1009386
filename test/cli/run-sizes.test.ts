// `kiln run` on the sizes a new user gets wrong: populations, memories and grids past any
// machine are refused as input mistakes (exit code 2, the parameter named, no stack trace)
// instead of running the process out of memory; so are sizes and ranges that contradict each
// other, at their config paths.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

async function run(config: unknown): Promise<{ code: number; stderr: string }> {
  const folder = temporaryFolder();
  const path = join(folder, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  const { code, stderr } = await runCli(['run', path], folder);
  return { code, stderr };
}

const dtlz2 = { type: 'dtlz2' };
const sphere = { type: 'sphere', dimension: 10 };
const evaluations = { evaluations: 100 };

describe('kiln run, sizes past any machine', () => {
  it.each([
    [
      'nsga3 partitions giving billions of reference directions',
      { problem: dtlz2, solver: { type: 'nsga3', partitions: 100_000 }, budget: evaluations },
      'nsga3: partitions must give at most 1000000 reference directions with 3 objectives (got 100000: 5000150001 directions); set partitions <= 1412',
    ],
    [
      'an nsga2 population of 2,000,000',
      { problem: dtlz2, solver: { type: 'nsga2', populationSize: 2_000_000 }, budget: evaluations },
      '/solver/populationSize must be <= 1000000 (got 2000000)',
    ],
    [
      'an nsga3 population of 2,000,000',
      { problem: dtlz2, solver: { type: 'nsga3', populationSize: 2_000_000 }, budget: evaluations },
      '/solver/populationSize must be <= 1000000 (got 2000000)',
    ],
    [
      'a DTLZ2 of a billion objectives',
      {
        problem: { type: 'dtlz2', objectives: 1e9 },
        solver: { type: 'nsga3' },
        budget: evaluations,
      },
      '/problem/objectives must be <= 20 (got 1000000000)',
    ],
    [
      'a differential-evolution memory of a billion slots',
      {
        problem: sphere,
        solver: { type: 'differential-evolution', memorySize: 1e9 },
        budget: evaluations,
      },
      '/solver/memorySize must be <= 1000000 (got 1000000000)',
    ],
    [
      'a differential-evolution population per dimension of 1e8',
      {
        problem: sphere,
        solver: { type: 'differential-evolution', populationSizePerDimension: 1e8 },
        budget: { seconds: 1 },
      },
      '/solver/populationSizePerDimension must be <= 1000000 (got 100000000)',
    ],
    [
      'a differential-evolution population per dimension x dimension past 1,000,000, by time alone',
      {
        problem: sphere,
        solver: { type: 'differential-evolution', populationSizePerDimension: 200_000 },
        budget: { seconds: 1 },
      },
      'differential-evolution: populationSizePerDimension x dimension must be <= 1000000 (got 200000 x 10 = 2000000)',
    ],
  ])('refuses %s', async (_label, config, message) => {
    const { code, stderr } = await run(config);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
    expect(hasStackTrace(stderr)).toBe(false);
  });
});

describe('kiln run, parameters checked against each other', () => {
  it('refuses a minimum population above the population and a reversed F range, both at once', async () => {
    const solver = {
      type: 'differential-evolution',
      populationSize: 10,
      minPopulationSize: 50,
      differentialWeight: [1.5, 0.5],
    };
    const { code, stderr } = await run({ problem: sphere, solver, budget: evaluations });
    expect(stderr).toContain(
      '  /solver/minPopulationSize must be <= populationSize (got 50 with populationSize 10)\n',
    );
    expect(stderr).toContain(
      '  /solver/differentialWeight must be [low, high] with low <= high (got [1.5,0.5]) (did you swap low and high?)\n',
    );
    expect(code).toBe(2);
  });

  it('refuses an nsga3 population of 1 to 3, as nsga2 does', async () => {
    for (const type of ['nsga2', 'nsga3']) {
      const { code, stderr } = await run({
        problem: dtlz2,
        solver: { type, populationSize: 3 },
        budget: evaluations,
      });
      expect(stderr).toMatch(
        /\/solver\/populationSize must be (0 \(by the reference directions\) or )?>= 4 \(got 3\)/,
      );
      expect(code).toBe(2);
    }
  });

  it('refuses elitism that leaves no room for a child at its path', async () => {
    const solver = { type: 'genetic-algorithm', populationSize: 10, elitism: 10 };
    const { code, stderr } = await run({ problem: sphere, solver, budget: evaluations });
    expect(stderr).toContain(
      '/solver/elitism must be less than populationSize (got 10 with populationSize 10)',
    );
    expect(code).toBe(2);
  });
});
