// TSP problems from TSPLIB: every shipped optimal tour measures the published optimum, and the
// problem (space, optimum, spec, describe) is built from a shipped name or a path.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/core/errors.js';
import { MAX_DIMENSION } from '../../src/core/limits.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { problems } from '../../src/problems/registry.js';
import { TSP_INSTANCES, dataDirectory, shippedInstance } from '../../src/problems/instances.js';
import { tspProblem } from '../../src/problems/tsp/problem.js';
import { readTour } from '../../src/problems/tsp/tour-file.js';
import { readTsplib } from '../../src/problems/tsp/tsplib.js';

const withTours = TSP_INSTANCES.filter((name) => shippedInstance('tsp', name).solutionFile);

describe('shipped TSPLIB instances', () => {
  it('ship 26 instances and 17 optimal tours (att532 and eight larger ones have none)', () => {
    expect(TSP_INSTANCES).toHaveLength(26);
    expect(withTours).toHaveLength(17);
    expect(withTours).not.toContain('att532');
    expect(withTours).toContain('pr2392');
  });

  it.each(withTours)('%s: the optimal tour measures the published optimum', (name) => {
    const shipped = shippedInstance('tsp', name);
    const problem = tspProblem({ instance: name });
    const { tour } = readTour(shipped.solutionFile as string);
    expect(problem.space.contains(tour)).toBe(true);
    expect(problem.evaluate(tour)).toBe(shipped.optimum);
    expect(problem.optimum).toBe(shipped.optimum);
    expect(problem.optimumStatus).toBe('optimal');
  });

  it('covers the GEO, ATT and EUC_2D distance rules', () => {
    const types = new Set(
      withTours.map((name) => readTsplib(shippedInstance('tsp', name).file).edgeWeightType),
    );
    expect([...types].sort()).toEqual(['ATT', 'EUC_2D', 'GEO']);
  });

  it('knows att532 optimum without a tour', () => {
    const problem = tspProblem({ instance: 'att532' });
    expect(problem.optimum).toBe(27686);
    expect(problem.space.dimension).toBe(532);
  });

  it('measures a tour the same whatever its starting city and direction', () => {
    const problem = tspProblem({ instance: 'berlin52' });
    const { tour } = readTour(shippedInstance('tsp', 'berlin52').solutionFile as string);
    const rotated = [...tour.slice(17), ...tour.slice(0, 17)];
    expect(problem.evaluate(rotated)).toBe(7542);
    expect(problem.evaluate(rotated.slice().reverse())).toBe(7542);
    expect(problem.evaluate(tour.slice().sort((a, b) => a - b))).toBeGreaterThan(7542);
  });
});

describe('tsp problem', () => {
  it('bounds its neighbour lists as the number of cities is bounded', () => {
    const schema = problems.get('tsp').paramsSchema.properties as Record<
      string,
      { maximum?: number }
    >;
    expect(schema.neighborListSize?.maximum).toBe(MAX_DIMENSION);
  });

  it('is a permutation space with the reversal neighbourhood and a full move model', () => {
    const problem = tspProblem({ instance: 'eil51' });
    expect(problem.name).toBe('eil51');
    expect(problem.space.spec).toEqual({ kind: 'permutation', size: 51, neighborhood: 'reversal' });
    const moves = problem.moves ?? {};
    for (const key of ['twoOpt', 'orOpt', 'swap', 'distance', 'neighbors'] as const) {
      expect(moves[key], key).toBeDefined();
    }
  });

  it('describes a tour with 1-based TSPLIB node ids', () => {
    const problem = tspProblem({ instance: 'ulysses16' });
    const tour = Array.from({ length: 16 }, (_, k) => 15 - k);
    expect(problem.describe?.(tour)).toEqual(Array.from({ length: 16 }, (_, k) => 16 - k));
  });

  it('carries a spec that rebuilds it through the registry', async () => {
    const problem = tspProblem({ instance: 'st70', neighborListSize: 5 });
    expect(problem.spec).toEqual({ type: 'tsp', instance: 'st70', neighborListSize: 5 });
    const { type, ...params } = problem.spec as { type: string };
    const rebuilt = await problems.get(type).create(params, { baseDir: '/' });
    const tour = Array.from({ length: 70 }, (_, k) => k);
    expect(rebuilt.evaluate(tour)).toBe(problem.evaluate(tour));
    expect(rebuilt.moves?.neighbors?.[0]).toHaveLength(5);
  });

  it('reads a path relative to the base folder and finds its optimum by NAME', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-tsp-'));
    copyFileSync(join(dataDirectory, 'tsplib', 'kroC100.tsp'), join(folder, 'mine.tsp'));
    const problem = tspProblem({ path: 'mine.tsp' }, { baseDir: folder });
    expect(problem.name).toBe('kroC100');
    expect(problem.optimum).toBe(20749);
    expect(problem.spec).toEqual({
      type: 'tsp',
      path: join(folder, 'mine.tsp'),
      neighborListSize: 16,
    });
  });

  it('parses an instance once and reuses it', () => {
    const file = shippedInstance('tsp', 'pcb442').file;
    expect(readTsplib(file)).toBe(readTsplib(file));
  });

  it('asks for exactly one of instance and path', () => {
    expect(() => tspProblem({})).toThrow(/instance or path is required/);
    expect(() => tspProblem({ instance: 'eil51', path: 'x.tsp' })).toThrow(
      /give either instance or path, not both/,
    );
  });

  it('lists the shipped names and suggests the closest for an unknown instance', () => {
    const attempt = (): unknown => tspProblem({ instance: 'kroA10' });
    expect(attempt).toThrow(ProblemError);
    expect(attempt).toThrow(
      /instance must be one of ulysses16, .*fnl4461 \(got "kroA10"\); did you mean "kroA100"\?/,
    );
  });

  it('rejects a bad neighbour list size and tours of the wrong length', () => {
    expect(() => tspProblem({ instance: 'eil51', neighborListSize: 0 })).toThrow(
      /neighborListSize must be an integer >= 1 \(got 0\)/,
    );
    expect(() => tspProblem({ instance: 'eil51' }).evaluate([0, 1, 2])).toThrow(/51 cities/);
  });
});

describe('kiln run with a tsp config', () => {
  const write = (folder: string, problem: Record<string, unknown>): string => {
    const config = {
      problem: { type: 'tsp', ...problem },
      solver: { type: 'random-search' },
      budget: { evaluations: 20 },
      seed: 1,
    };
    writeFileSync(join(folder, 'run.json'), JSON.stringify(config));
    return join(folder, 'run.json');
  };

  it('reads a path relative to the config file', async () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'cities'));
    copyFileSync(join(dataDirectory, 'tsplib', 'eil51.tsp'), join(folder, 'cities', 'mine.tsp'));
    const config = write(folder, { path: 'cities/mine.tsp' });
    const { code, stdout } = await runCli(['run', config, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ problem: 'eil51', optimum: 426 });
  });

  it('suggests the closest instance name and exits with 2', async () => {
    const config = write(temporaryFolder(), { instance: 'kroA10' });
    const { code, stderr } = await runCli(['run', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /\/problem\/instance must be one of .*\(got "kroA10"\) \(did you mean "kroA100"\?\)/,
    );
  });

  it('refuses instance and path together, and a missing file, with exit code 2', async () => {
    const folder = temporaryFolder();
    const both = await runCli(['run', write(folder, { instance: 'eil51', path: 'x.tsp' })]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/tsp: give either instance or path, not both/);
    const missing = await runCli(['run', write(folder, { path: 'absent.tsp' })]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `${join(folder, 'absent.tsp')}: cannot read the file (no such file)`,
    );
  });
});
