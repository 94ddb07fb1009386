// `kiln run` on a multi-objective problem: paretoFront and hypervolume in the JSON, the
// reference point reported (given or derived), pareto.csv written, bad reference points refused.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';

function writeConfig(folder: string, config: unknown): string {
  const path = join(folder, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const base = {
  problem: { type: 'zdt1', dimension: 6 },
  solver: { type: 'nsga2', populationSize: 20 },
  budget: { evaluations: 400 },
  seed: 5,
};

describe('kiln run, several objectives', () => {
  it('prints paretoFront and hypervolume and writes pareto.csv', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, { ...base, referencePoint: [1.1, 1.1], output: 'out' });
    const { code, stdout, stderr } = await runCli(['run', config, '--json'], folder);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.best).toBeUndefined();
    expect(result.bestValue).toBeUndefined();
    expect(result.hypervolume).toBeGreaterThan(0);
    expect(result.referencePoint).toEqual({ f1: 1.1, f2: 1.1 });
    expect(result.referencePointDerived).toBe(false);
    expect(result.igd).toBeGreaterThan(0);
    const front = result.paretoFront as { number: number; values: { f1: number; f2: number } }[];
    expect(front.length).toBeGreaterThan(0);
    const csv = readFileSync(join(folder, 'out', 'pareto.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('evaluation,f1,f2,x0,x1,x2,x3,x4,x5');
    expect(csv).toHaveLength(front.length + 1);
    expect(csv[1]?.startsWith(`${front[0]?.number},${front[0]?.values.f1},`)).toBe(true);
    expect(existsSync(join(folder, 'out', 'result.json'))).toBe(true);
  });

  it('derives the reference point when none is given and says so', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, base);
    const { code, stdout } = await runCli(['run', config], folder);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Pareto front {2}\d+ non-dominated configurations/);
    expect(stdout).toMatch(/hypervolume {3}\S+ {2}reference \(\S+, \S+\), derived from the front/);
  });

  it('refuses a reference point of the wrong size with its JSON path and exit code 2', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, { ...base, referencePoint: [1, 2, 3] });
    const { code, stderr } = await runCli(['run', config], folder);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /\/referencePoint must give one number per objective, 2 in the order f1, f2 \(got 3: \[1,2,3\]\)/,
    );
    expect(stderr).not.toMatch(/ at /);
  });

  it('refuses a single-objective solver with the names of the multi-objective ones', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, { ...base, solver: { type: 'random-search' } });
    const { code, stderr } = await runCli(['run', config], folder);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /\/solver\/type must be a solver that takes several objectives, one of gaussian-process, motpe, nsga2, nsga3: problem zdt1-6 has 2 objectives \(f1, f2\) \(got "random-search"\)/,
    );
  });

  it('refuses maximize, target and stagnation on several objectives, each by its path', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, {
      ...base,
      problem: { ...base.problem, maximize: true },
      budget: { evaluations: 100, target: 0.1, stagnation: 5 },
    });
    const { code, stdout, stderr } = await runCli(['run', config], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/3 errors/);
    expect(stderr).toMatch(
      /\/problem\/maximize must be left out while problem zdt1-6 has 2 objectives \(f1, f2\): each is minimized or maximized by its own "direction" \(got true\)/,
    );
    expect(stderr).toMatch(
      /\/budget\/target must be left out while problem zdt1-6 has 2 objectives \(f1, f2\): there is no single best value \(got 0.1\)/,
    );
    expect(stderr).toMatch(/\/budget\/stagnation must be left out/);
    expect(stderr).not.toMatch(/ at /);
  });

  it("writes a column in pareto.csv for each parameter of the module's space", async () => {
    const folder = temporaryFolder();
    // Every configuration with k = "B" is dominated, so no front member has parameter b.
    writeFileSync(
      join(folder, 'cond.mjs'),
      "export default ({ k, a = 0.5 }) => (k === 'A' ? [a, 1 - a] : [2, 2]);\n",
    );
    const config = writeConfig(folder, {
      ...base,
      problem: {
        module: './cond.mjs',
        space: {
          k: { type: 'categorical', choices: ['A', 'B'] },
          a: { type: 'real', low: 0, high: 1, when: { k: 'A' } },
          b: { type: 'real', low: 0, high: 1, when: { k: 'B' } },
        },
      },
      objectives: [{ name: 'o1' }, { name: 'o2' }],
      budget: { evaluations: 60 },
      output: 'out',
    });
    const { code, stderr } = await runCli(['run', config], folder);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const csv = readFileSync(join(folder, 'out', 'pareto.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('evaluation,o1,o2,k,a,b');
    expect(csv.length).toBeGreaterThan(1);
    for (const row of csv.slice(1)) expect(row).toMatch(/,A,[^,]+,$/);
  });

  it('runs a module objective that declares its objectives, without a single direction', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'two.mjs'),
      'export const two = (p) => ({ cost: p.x, gain: p.x * (1 - p.y) });\n',
    );
    const module = {
      module: './two.mjs',
      export: 'two',
      space: {
        x: { type: 'real', low: 0, high: 1 },
        y: { type: 'real', low: 0, high: 1 },
      },
    };
    const config = writeConfig(folder, {
      ...base,
      problem: module,
      objectives: [{ name: 'cost' }, { name: 'gain', direction: 'maximize' }],
      output: 'out',
    });
    const { code, stdout, stderr } = await runCli(['run', config, '--json'], folder);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.direction).toBeUndefined();
    expect(result.objectives).toEqual([
      { name: 'cost', direction: 'minimize' },
      { name: 'gain', direction: 'maximize' },
    ]);
    for (const entry of result.paretoFront as { parameters: { x: number; y: number } }[]) {
      expect(entry).toMatchObject({
        values: { cost: entry.parameters.x, gain: entry.parameters.x * (1 - entry.parameters.y) },
      });
    }
    const header = readFileSync(join(folder, 'out', 'pareto.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('evaluation,cost,gain,x,y');
    const saved = JSON.parse(readFileSync(join(folder, 'out', 'result.json'), 'utf8'));
    expect(saved.direction).toBeUndefined();

    const twice = writeConfig(folder, {
      ...base,
      problem: module,
      objectives: [{ name: 'cost' }, { name: 'cost' }],
    });
    const refused = await runCli(['run', twice], folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\/objectives\/1\/name must be unique \(got "cost" twice\)/);
  });
});
