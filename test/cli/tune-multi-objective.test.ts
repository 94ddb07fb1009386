// `kiln tune` with several objectives: paretoFront and hypervolume in the JSON and best.json,
// pareto.csv and per-objective trials.csv columns, the same study for any number of workers and
// after resuming, objectives returned as an object with constraints, failures, and the refusals
// (pruner, target, single-objective solver, misnamed reference point).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hypervolume } from '../../src/multi-objective/hypervolume.js';
import { dominates } from '../../src/multi-objective/dominance.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const fixture = fileURLToPath(
  new URL('../fixtures/objectives/two-objectives.mjs', import.meta.url),
);
const space = { x: { type: 'real', low: 0, high: 1 }, y: { type: 'real', low: 0, high: 1 } };

function writeStudy(folder: string, overrides: Record<string, unknown> = {}): string {
  const path = join(folder, 'tune.json');
  writeFileSync(
    path,
    JSON.stringify({
      problem: { module: fixture },
      space,
      objectives: [{ name: 'near' }, { name: 'far', direction: 'minimize' }],
      budget: { evaluations: 30 },
      seed: 4,
      workers: 2,
      output: 'study',
      ...overrides,
    }),
  );
  return path;
}

async function tuneJson(folder: string, config: string, extra: string[] = []) {
  const { code, stdout, stderr } = await runCli(['tune', config, '--json', ...extra], folder);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Record<string, any>;
}

const trialLines = (folder: string): Record<string, any>[] =>
  readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((record) => record.type === 'trial')
    .map(({ durationMs: _d, finishedAt: _f, ...rest }) => rest)
    .sort((a, b) => a.number - b.number);

describe('kiln tune with objectives', () => {
  it(
    'reports the Pareto front of the trials with its hypervolume and writes pareto.csv',
    { timeout: 120_000 },
    async () => {
      const folder = temporaryFolder();
      const study = await tuneJson(folder, writeStudy(folder));
      expect(study.solver).toBe('motpe');
      // A front, not a best trial: no single best or direction, here or in best.json.
      const single = ['bestParams', 'bestValue', 'bestTrial', 'direction'];
      for (const key of single) expect(study).not.toHaveProperty(key);
      expect(study.objectives).toEqual([
        { name: 'near', direction: 'minimize' },
        { name: 'far', direction: 'minimize' },
      ]);
      const trials = trialLines(folder);
      expect(trials).toHaveLength(30);
      const points = trials.map((t) => t.values as number[]);
      // The front: exactly the trials no other trial dominates.
      const expected = trials
        .filter((t) => !points.some((p) => dominates(p, t.values)))
        .map((t) => t.number)
        .sort((a, b) => a - b);
      const front = study.paretoFront as { number: number; values: Record<string, number> }[];
      expect(front.map((e) => e.number).sort((a, b) => a - b)).toEqual(expected);
      const reference = [study.referencePoint.near, study.referencePoint.far];
      expect(study.referencePointDerived).toBe(true);
      expect(study.hypervolume).toBeCloseTo(hypervolume(points, reference), 12);
      expect(study.hypervolume).toBeGreaterThan(0);
      const csv = readFileSync(join(folder, 'study', 'pareto.csv'), 'utf8')
        .trim()
        .split('\n');
      expect(csv[0]).toBe('trial,near,far,x,y');
      expect(csv).toHaveLength(front.length + 1);
      const table = readFileSync(join(folder, 'study', 'trials.csv'), 'utf8').split('\n');
      expect(table[0]?.startsWith('trial,status,near,far,durationMs,x,y')).toBe(true);
      const best = JSON.parse(readFileSync(join(folder, 'study', 'best.json'), 'utf8'));
      expect(best.paretoFront).toEqual(study.paretoFront);
      for (const key of single) expect(best).not.toHaveProperty(key);
    },
  );

  // motpe's NSGA-II phase starts after 10 finished trials: trials 18-29 are its children. The
  // Gaussian process models trials 10-29 (with a lighter search of its expected improvement).
  it.each([
    { type: 'motpe', evolutionAfter: 10, evolutionPopulation: 6 },
    { type: 'gaussian-process', randomPoints: 100, localPoints: 20 },
  ])(
    'gives the same study for 1 and 3 workers and after resuming a cut journal ($type)',
    { timeout: 300_000 },
    async (solver) => {
      const runs = [];
      for (const workers of [1, 3]) {
        const folder = temporaryFolder();
        const study = await tuneJson(folder, writeStudy(folder, { solver }), [
          '--workers',
          String(workers),
        ]);
        runs.push({ study, trials: trialLines(folder) });
      }
      expect(runs[1]?.trials).toEqual(runs[0]?.trials);
      expect(runs[1]?.study.paretoFront).toEqual(runs[0]?.study.paretoFront);

      const cut = temporaryFolder();
      const config = writeStudy(cut, { solver });
      await tuneJson(cut, config);
      const journal = join(cut, 'study', 'journal.jsonl');
      const lines = readFileSync(journal, 'utf8').trim().split('\n');
      writeFileSync(journal, `${lines.slice(0, 14).join('\n')}\n`);
      const resumed = await tuneJson(cut, config);
      expect(resumed.resumedTrials).toBe(12);
      expect(trialLines(cut)).toEqual(runs[0]?.trials);
      expect(resumed.paretoFront).toEqual(runs[0]?.study.paretoFront);
      expect(resumed.hypervolume).toBe(runs[0]?.study.hypervolume);
    },
  );

  it(
    'keeps configurations that tie on the front, each once, and report summarizes them alike',
    { timeout: 200_000 },
    async () => {
      const folder = temporaryFolder();
      writeFileSync(
        join(folder, 'dup.mjs'),
        'const P = { A: [1, 5], A2: [1, 5], B: [2, 3], D: [4, 1] };\nexport default ({ p }) => P[p];\n',
      );
      const study = await tuneJson(
        folder,
        writeStudy(folder, {
          problem: { module: './dup.mjs' },
          space: { p: { type: 'categorical', choices: ['A', 'A2', 'B', 'D'] } },
          objectives: [{ name: 'cost' }, { name: 'time' }],
          referencePoint: [6, 6],
          budget: { evaluations: 20 },
          workers: 1,
        }),
      );
      const front = study.paretoFront as { number: number; parameters: { p: string } }[];
      expect(front.map((e) => e.parameters.p).sort()).toEqual(['A', 'A2', 'B', 'D']);
      const firsts = new Map<string, number>();
      for (const t of trialLines(folder)) {
        const p = (t.params as { p: string }).p;
        if (!firsts.has(p)) firsts.set(p, t.number as number);
      }
      for (const e of front) expect(e.number).toBe(firsts.get(e.parameters.p));
      // (6 - 1) * (6 - 5) + (6 - 2) * (5 - 3) + (6 - 4) * (3 - 1), ties add nothing.
      expect(study.hypervolume).toBe(17);
      const report = await runCli(['report', join(folder, 'study')], folder);
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).toMatch(/20 trials, 4 configurations on the Pareto front/);
      // The summary gives the objectives, the front and the hypervolume against the configured
      // reference point, which the hypervolume history uses too.
      const html = readFileSync(join(folder, 'study', 'report.html'), 'utf8');
      expect(html).toContain('<td>objectives</td><td>cost (minimize), time (minimize)</td>');
      expect(html).toContain('<td>Pareto front</td><td>4 configurations</td>');
      expect(html).toContain('<td>hypervolume</td><td>17 (reference cost 6, time 6)</td>');
      expect(html).not.toContain('best value');
      expect(html).toMatch(/reference point cost 6, time 6; final 17/);
    },
  );

  it(
    'reads objectives by name with constraints, takes a reference point, and survives failures',
    { timeout: 200_000 },
    async () => {
      const folder = temporaryFolder();
      const study = await tuneJson(
        folder,
        writeStudy(folder, {
          problem: { module: fixture, export: 'named' },
          referencePoint: { near: 3, far: 3 },
        }),
      );
      expect(study.referencePoint).toEqual({ near: 3, far: 3 });
      expect(study.referencePointDerived).toBe(false);
      const trials = trialLines(folder);
      // Infeasible trials (x + y > 1.5) keep their values and violation, and never join the front.
      const infeasible = trials.filter((t) => t.violation !== undefined);
      expect(infeasible.length).toBeGreaterThan(0);
      for (const t of infeasible) expect(t.violation).toBeGreaterThan(0);
      const numbers = new Set(infeasible.map((t) => t.number));
      for (const entry of study.paretoFront) expect(numbers.has(entry.number)).toBe(false);

      const failing = temporaryFolder();
      const withFailures = await tuneJson(
        failing,
        writeStudy(failing, { problem: { module: fixture, export: 'failing' } }),
      );
      expect(withFailures.failedTrials).toBeGreaterThan(0);
      expect(withFailures.trials).toBe(30);
      for (const t of trialLines(failing).filter((t) => t.status === 'failed')) {
        expect(t.values).toBeNull();
        expect(t.error).toMatch(/x too large/);
      }
    },
  );

  it(
    'reads a reference point given as an array in objective order, and says which front members it leaves out',
    { timeout: 120_000 },
    async () => {
      const byName = temporaryFolder();
      const named = await tuneJson(
        byName,
        writeStudy(byName, {
          referencePoint: { near: 0.5, far: 0.5 },
          budget: { evaluations: 12 },
        }),
      );
      const inOrder = temporaryFolder();
      const ordered = await tuneJson(
        inOrder,
        writeStudy(inOrder, { referencePoint: [0.5, 0.5], budget: { evaluations: 12 } }),
      );
      expect(ordered.referencePoint).toEqual({ near: 0.5, far: 0.5 });
      expect(ordered.hypervolume).toBe(named.hypervolume);
      expect(ordered.paretoFront).toEqual(named.paretoFront);

      // The summary names the members of the front that do not beat the reference point.
      const outside = named.paretoFront.filter(
        (entry: { values: { near: number; far: number } }) =>
          entry.values.near >= 0.5 || entry.values.far >= 0.5,
      ).length;
      expect(outside).toBeGreaterThan(0);
      const summary = await runCli(['tune', join(inOrder, 'tune.json')], inOrder);
      expect(summary.code, summary.stderr).toBe(0);
      expect(summary.stdout).toContain(
        `${outside} of the ${named.paretoFront.length} front members do not beat the reference point`,
      );

      // The same folder resumed as a single-objective study is refused, naming both settings.
      const single = writeStudy(inOrder, {
        objectives: undefined,
        solver: { type: 'motpe' },
        budget: { evaluations: 12 },
      });
      const other = await runCli(['tune', single], inOrder);
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(
        /holds a study with a different objective list \(objectives was \[\{"name":"near".*, now none given\)/,
      );
      // Without a solver too: the default solver changes with the objectives (motpe, tpe), and
      // the refusal names the objectives the user removed, not the solver they never wrote.
      const bare = writeStudy(inOrder, { objectives: undefined, budget: { evaluations: 12 } });
      const withoutSolver = await runCli(['tune', bare], inOrder);
      expect(withoutSolver.code).toBe(2);
      expect(withoutSolver.stderr).toMatch(/holds a study with a different objective list/);

      const short = temporaryFolder();
      const refused = await runCli(['tune', writeStudy(short, { referencePoint: [1] })], short);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /\/referencePoint must give one number per objective, 2 in the order near, far \(got 1: \[1\]\)/,
      );
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('refuses objective names kiln writes itself, constraints, and parameter names', async () => {
    for (const [name, hint] of [
      ['trial', /which kiln uses itself/],
      ['constraints', /which kiln uses itself/],
      ['x', /must differ from the parameter names/],
    ] as const) {
      const folder = temporaryFolder();
      const config = writeStudy(folder, {
        objectives: [{ name: 'near' }, { name }],
        referencePoint: undefined,
      });
      const { code, stderr } = await runCli(['tune', config], folder);
      expect(code).toBe(2);
      expect(stderr).toContain('tune.json');
      expect(stderr).toMatch(/\/objectives\/1\/name must/);
      expect(stderr).toMatch(hint);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a pruner, a target, a single-objective solver and a misnamed reference point', async () => {
    const folder = temporaryFolder();
    const config = writeStudy(folder, {
      pruner: { type: 'median' },
      budget: { evaluations: 10, target: 0 },
      solver: { type: 'tpe' },
      referencePoint: { near: 1, distance: 2 },
    });
    const { code, stderr } = await runCli(['tune', config], folder);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/pruner must be left out of a multi-objective study/);
    expect(stderr).toMatch(/\/budget\/target must be left out/);
    expect(stderr).toMatch(
      /\/solver\/type must be a solver that takes several objectives, one of .*motpe/,
    );
    expect(stderr).toMatch(
      /\/referencePoint\/far is missing: the reference value of objective far/,
    );
    expect(stderr).toMatch(/\/referencePoint\/distance must name an objective/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(folder, 'study', 'journal.jsonl'))).toBe(false);

    const single = temporaryFolder();
    const alone = writeStudy(single, { objectives: undefined, referencePoint: { near: 1 } });
    const refused = await runCli(['tune', alone], single);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\/referencePoint must be left out of a single-objective study/);
  });

  it('refuses maximize with declared objectives and on a problem with its own', async () => {
    const folder = temporaryFolder();
    const declared = writeStudy(folder, { problem: { module: fixture, maximize: true } });
    const first = await runCli(['tune', declared], folder);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(
      /\/problem\/maximize must be left out of a multi-objective study \(got true\) \(give each objective its "direction" instead\)/,
    );
    const own = join(folder, 'zdt1.json');
    writeFileSync(
      own,
      JSON.stringify({ problem: { type: 'zdt1', maximize: true }, budget: { evaluations: 5 } }),
    );
    const second = await runCli(['tune', own], folder);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /\/problem\/maximize must be left out of a multi-objective study \(got true\) \(problem zdt1-30 minimizes its objectives \(f1, f2\)\)/,
    );
    expect(existsSync(join(folder, 'study'))).toBe(false);
  });
});
