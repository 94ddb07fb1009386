// The batch summary from a hand-made journal: statistics per problem x solver variant, success
// rate and ERT against the target, independence from the order runs finished in, CSV output.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBatchConfig } from '../../../src/config/batch-config.js';
import { stringifyState } from '../../../src/core/json.js';
import { expandGrid, gridRuns, type GridRun } from '../../../src/runners/batch/grid.js';
import type { JournalRecord } from '../../../src/runners/batch/journal.js';
import type { RunOutcome } from '../../../src/runners/batch/run-task.js';
import { curveGrid, sampleTrace } from '../../../src/runners/batch/convergence-curves.js';
import { summarizeJournal } from '../../../src/runners/batch/summary.js';
import {
  summaryCsv,
  summaryMarkdown,
  writeSummaryFiles,
} from '../../../src/runners/batch/summary-files.js';
import { temporaryFolder } from '../../helpers/cli.js';

const config = validateBatchConfig(
  {
    problems: [
      { type: 'sphere', dimension: 2, target: 0.01 },
      { type: 'tsp', instance: 'ulysses16', targetGapPercent: 1 },
    ],
    solvers: [{ type: 'random-search', variants: { a: { batchSize: 1 }, b: { batchSize: 2 } } }],
    seeds: 4,
    budget: { evaluations: 1000 },
  },
  'test',
);
const grid = expandGrid(config);
const runs = [...gridRuns(grid)];

function outcome(run: GridRun, final: number, hit: number | null, evaluations = 1000): RunOutcome {
  const tsp = run.problem.label === 'ulysses16';
  return {
    problemName: run.problem.label,
    direction: 'minimize',
    bestValue: final,
    best: null,
    evaluations,
    failedEvaluations: 0,
    moveEvaluations: 0,
    elapsedMs: 100 * (run.seedIndex + 1),
    stopReason: 'evaluations',
    ...(tsp ? { optimum: 6859, gapPercent: (100 * (final - 6859)) / 6859 } : { optimum: 0 }),
    target: tsp ? 6859 * 1.01 : 0.01,
    hitEvaluations: hit,
    trace: [
      [1, final * 10],
      [hit ?? 500, final],
      [evaluations, final],
    ],
  };
}

function ok(run: GridRun, final: number, hit: number | null, evaluations?: number): JournalRecord {
  return {
    key: run.key,
    problem: run.problem.label,
    solver: run.solver.label,
    seed: run.seed,
    status: 'ok',
    outcome: outcome(run, final, hit, evaluations),
    finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

const at = (problem: number, solver: number, seed: number): GridRun =>
  runs[(problem * 2 + solver) * 4 + seed] as GridRun;

// sphere x a: finals 0.5, 0.001 (hit at 200), 0.002 (hit at 600), Infinity (every evaluation failed)
// sphere x b: one run failed to run, three ok without success, one stopped early at 250
// ulysses16 x a: all hit; ulysses16 x b: two runs missing (not finished yet)
const records: JournalRecord[] = [
  ok(at(0, 0, 0), 0.5, null),
  ok(at(0, 0, 1), 0.001, 200),
  ok(at(0, 0, 2), 0.002, 600),
  ok(at(0, 0, 3), Infinity, null),
  {
    key: at(0, 1, 0).key,
    problem: 'sphere-2',
    solver: 'random-search/b',
    seed: 1,
    status: 'failed',
    error: 'boom',
    finishedAt: '2026-01-01T00:00:00.000Z',
  },
  ok(at(0, 1, 1), 3, null),
  ok(at(0, 1, 2), 2, null, 250),
  ok(at(0, 1, 3), 1, null),
  ok(at(1, 0, 0), 6859, 10),
  ok(at(1, 0, 1), 6900, 30),
  ok(at(1, 0, 2), 6859, 20),
  ok(at(1, 0, 3), 6870, 40),
  ok(at(1, 1, 0), 7000, null),
  ok(at(1, 1, 1), 7100, null),
];

// A failed nsga2 run of zdt1-5 (seed 1): none of its evaluations was feasible and complete.
function noFeasibleRun(run: GridRun): JournalRecord {
  return {
    key: run.key,
    problem: 'zdt1-5',
    solver: 'nsga2',
    seed: 1,
    status: 'failed',
    error: 'no evaluation was feasible and complete',
    finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

function journal(items: readonly (JournalRecord | string)[]): string {
  const path = join(temporaryFolder(), 'journal.jsonl');
  writeFileSync(
    path,
    items.map((r) => (typeof r === 'string' ? r : stringifyState(r))).join('\n') + '\n',
  );
  return path;
}

describe('batch summary', () => {
  it('computes the statistics, success rate and ERT of each problem x variant', async () => {
    const summary = await summarizeJournal(grid, journal(records));
    expect(summary.finished).toBe(14);
    expect(summary.ignored).toBe(0);
    const [sa, sb, ua, ub] = summary.rows;
    expect(sa).toMatchObject({
      problem: 'sphere-2',
      solver: 'random-search/a',
      runs: 4,
      failed: 0,
      median: (0.002 + 0.5) / 2,
      best: 0.001,
      worst: Infinity,
      successes: 2,
      successRate: 0.5,
      // COCO: (200 + 600 + 1000 + 1000) / 2
      ert: 1400,
      target: 0.01,
      optimum: 0,
      gapPercent: null,
      medianSeconds: 0.25,
    });
    expect(sa?.iqr).toBe(Infinity);
    expect(sb).toMatchObject({
      runs: 4,
      failed: 1,
      median: 2,
      best: 1,
      worst: 3,
      iqr: 1,
      successes: 0,
      successRate: 0,
      ert: Infinity,
      medianEvaluations: 1000,
    });
    expect(ua).toMatchObject({ runs: 4, median: 6864.5, successRate: 1, ert: 25, best: 6859 });
    expect(ua?.gapPercent).toBeCloseTo((100 * (0 + 41 + 0 + 11)) / 6859 / 4, 12);
    expect(ub).toMatchObject({ runs: 2, median: 7050, successRate: 0, ert: Infinity });
    expect(summary.failures).toEqual([
      { problem: 'sphere-2', solver: 'random-search/b', seed: 1, error: 'boom' },
    ]);
  });

  it('gives the same summary whatever the order runs finished in', async () => {
    const shuffled = [...records].reverse();
    shuffled.splice(3, 0, shuffled.splice(9, 1)[0] as JournalRecord);
    const a = await summarizeJournal(grid, journal(records));
    const b = await summarizeJournal(grid, journal(shuffled));
    expect(b.rows).toEqual(a.rows);
    expect(b.curves).toEqual(a.curves);
    expect(summaryCsv(b.rows)).toBe(summaryCsv(a.rows));
  });

  it('lets a retried failed run replace its failure, keeps the first result, ignores strangers', async () => {
    const retried = ok(at(0, 1, 0), 0.5, null);
    const duplicate = ok(at(0, 0, 0), 99, null);
    const stranger = { ...ok(at(0, 0, 0), 1, null), key: 'not-in-this-grid' };
    const summary = await summarizeJournal(
      grid,
      journal([...records, retried, duplicate, stranger]),
    );
    expect(summary.rows[1]).toMatchObject({ runs: 4, failed: 0, best: 0.5 });
    expect(summary.rows[0]?.median).toBe((0.002 + 0.5) / 2);
    expect(summary.ignored).toBe(1);
  });

  it('skips a corrupted line with a warning and summarizes the rest', async () => {
    const warnings: string[] = [];
    const lines: (JournalRecord | string)[] = [...records];
    lines.splice(5, 0, '{"key": corrupted');
    const summary = await summarizeJournal(grid, journal(lines), (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringMatching(/:6: not a valid run record; skipped/)]);
    expect(summary.finished).toBe(14);
  });

  it('draws no convergence plot for a multi-objective problem whose runs all failed', async () => {
    const mixed = expandGrid(
      validateBatchConfig(
        {
          problems: [
            { type: 'sphere', dimension: 2 },
            { type: 'zdt1', dimension: 5 },
          ],
          solvers: [{ type: 'nsga2' }],
          seeds: 1,
          budget: { evaluations: 1000 },
        },
        'test',
      ),
    );
    const [sphere, zdt] = [...gridRuns(mixed)] as [GridRun, GridRun];
    expect(mixed.problems.map((p) => p.objectives)).toEqual([undefined, ['f1', 'f2']]);
    const failed = noFeasibleRun(zdt);
    const summary = await summarizeJournal(mixed, journal([ok(sphere, 0.1, null), failed]));
    expect(summary.curves.map((c) => c.problem)).toEqual(['sphere-2']);
    const folder = temporaryFolder();
    const files = writeSummaryFiles(folder, summary, { runs: 2, seeds: mixed.seeds });
    expect(files.plots).toEqual(['plots/sphere-2.svg']);
    // The failed problem's row is a hypervolume all the same.
    expect(summary.multiObjective).toEqual(['zdt1-5']);
    expect(readFileSync(join(folder, 'summary.md'), 'utf8')).toMatch(
      /Values are final best values, and for multi-objective problems hypervolumes/,
    );
  });

  it('calls the values hypervolumes when every run of the only problem, a multi-objective one, failed', async () => {
    const only = expandGrid(
      validateBatchConfig(
        {
          problems: [{ type: 'zdt1', dimension: 5 }],
          solvers: [{ type: 'nsga2' }],
          seeds: 1,
          budget: { evaluations: 1000 },
        },
        'test',
      ),
    );
    const [zdt] = [...gridRuns(only)] as [GridRun];
    const failed = noFeasibleRun(zdt);
    const summary = await summarizeJournal(only, journal([failed]));
    expect(summary.hypervolumes).toEqual([]);
    const intro = summaryMarkdown(summary, { runs: 1, seeds: only.seeds }, new Map());
    expect(intro).toMatch(/Values are hypervolumes of the runs' Pareto fronts/);
  });

  it('says which values are final best values and which are hypervolumes', async () => {
    const summary = await summarizeJournal(grid, journal(records));
    const intro = (problems: string[]) =>
      summaryMarkdown(
        {
          ...summary,
          hypervolumes: problems.map((problem) => ({ problem, referencePoint: [1, 1] })),
        },
        { runs: 16, seeds: grid.seeds },
        new Map(),
      ).split('\n')[2];
    expect(intro([])).toMatch(/ Values are final best values; gap: /);
    expect(intro(['ulysses16'])).toMatch(
      / Values are final best values, and for multi-objective problems hypervolumes of the runs' Pareto fronts \(see below\); gap: /,
    );
    expect(intro(['sphere-2', 'ulysses16'])).toMatch(
      / Values are hypervolumes of the runs' Pareto fronts \(see below\); gap: /,
    );
  });

  it('writes summary.csv with the required columns, one row per problem x variant', async () => {
    const folder = temporaryFolder();
    const summary = await summarizeJournal(grid, journal(records));
    const files = writeSummaryFiles(folder, summary, { runs: 16, seeds: grid.seeds });
    expect(files.plots).toEqual(['plots/sphere-2.svg', 'plots/ulysses16.svg']);
    const csv = readFileSync(join(folder, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv[0]?.split(',').slice(0, 11)).toEqual([
      'problem',
      'solver',
      'runs',
      'median',
      'iqr',
      'best',
      'worst',
      'gapPercent',
      'successRate',
      'ert',
      'medianSeconds',
    ]);
    expect(csv).toHaveLength(5);
    expect(csv[1]).toMatch(/^sphere-2,random-search\/a,4,0\.251,inf,0\.001,inf,,0\.5,1400,0\.25,/);
    const json = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8'));
    expect(json.rows).toHaveLength(4);
    expect(json.rows[1].ert).toEqual({ $number: 'Infinity' });
    expect(readFileSync(join(folder, 'summary.md'), 'utf8')).toMatch(
      /\| sphere-2 \| random-search\/b \| 4 \(1 failed\) \|/,
    );
  });
});

describe('convergence curves', () => {
  it('samples log-spaced past 100 evaluations, linearly below', () => {
    const log = curveGrid(10_000, 5);
    expect(log).toEqual([1, 10, 100, 1000, 10_000]);
    expect(curveGrid(50, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(curveGrid(0)).toEqual([]);
  });

  it('reads the best-so-far step function, Infinity before the first point', () => {
    const into = new Float64Array(5);
    sampleTrace(
      [
        [3, 10],
        [7, 4],
        [9, 2],
      ],
      [1, 3, 8, 9, 100],
      1,
      into,
      0,
    );
    expect([...into]).toEqual([Infinity, 10, 4, 2, 2]);
  });

  it('gives each variant its median and interquartile band', async () => {
    const summary = await summarizeJournal(grid, journal(records));
    const sphere = summary.curves[0];
    expect(sphere?.series.map((s) => [s.solver, s.runs])).toEqual([
      ['random-search/a', 4],
      ['random-search/b', 3],
    ]);
    const a = sphere?.series[0];
    const last = (a?.evaluations.length ?? 0) - 1;
    expect(a?.evaluations[last]).toBe(1000);
    expect(a?.median[last]).toBe((0.002 + 0.5) / 2);
    expect(a?.high[last]).toBe(Infinity);
    for (const s of sphere?.series ?? [])
      s.median.forEach((m, j) => {
        expect(s.low[j]).toBeLessThanOrEqual(m);
        expect(s.high[j]).toBeGreaterThanOrEqual(m);
      });
  });
});
