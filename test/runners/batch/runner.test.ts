// runBatch on the worker pool: counts, failures recorded and survived, resume after lost runs
// and a torn journal line, abort, retry of failed runs, targets and per-dimension budgets.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchConfig } from '../../../src/config/batch-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { reportBatch } from '../../../src/runners/batch/output-folder.js';
import { runBatch } from '../../../src/runners/batch/runner.js';
import type { SummaryRow } from '../../../src/runners/batch/summary-types.js';
import { temporaryFolder } from '../../helpers/cli.js';

const fixtures = fileURLToPath(new URL('../../fixtures/batch/', import.meta.url));
const space = { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } };

const config: BatchConfig = {
  problems: [
    { type: 'sphere', dimensions: [2, 3], target: 0.05 },
    { module: './objectives.mjs', export: 'quadratic', space, name: 'quadratic' },
    { type: 'sphere', dimension: 2, shift: [1, 2, 3], name: 'unbuildable' },
  ],
  solvers: [
    { type: 'random-search', variants: { one: { batchSize: 1 }, many: { batchSize: 16 } } },
  ],
  seeds: [4, 9],
  budget: { evaluationsPerDimension: 60 },
  workers: 2,
};

// Wall time differs between runs of the same batch; everything else must not.
const withoutTime = (rows: SummaryRow[]) => rows.map(({ medianSeconds: _s, ...rest }) => rest);
const csvWithoutTime = (folder: string) =>
  readFileSync(join(folder, 'summary.csv'), 'utf8')
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== 10)
        .join(','),
    );

describe('runBatch', () => {
  it('runs every run once, records failures and goes on, resumes by skipping finished runs', async () => {
    const output = temporaryFolder();
    const progress: number[] = [];
    const first = await runBatch(config, {
      output,
      baseDir: fixtures,
      onProgress: (p) => progress.push(p.completed + p.failed),
    });
    expect(first).toMatchObject({ runs: 16, completed: 12, failed: 4, skipped: 0, pending: 0 });
    expect(first.interrupted).toBe(false);
    expect(progress).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const journal = readFileSync(join(output, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(journal).toHaveLength(16);
    const failed = journal.map((l) => JSON.parse(l)).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(4);
    expect(failed[0].problem).toBe('unbuildable');
    expect(failed[0].error).toMatch(/shift must hold 2 numbers/);

    const rows = first.summary.rows;
    expect(rows.map((r) => `${r.problem} ${r.solver}`)).toEqual([
      'sphere-2 random-search/one',
      'sphere-2 random-search/many',
      'sphere-3 random-search/one',
      'sphere-3 random-search/many',
      'quadratic random-search/one',
      'quadratic random-search/many',
      'unbuildable random-search/one',
      'unbuildable random-search/many',
    ]);
    // evaluationsPerDimension: 60 x d
    expect(rows.map((r) => r.medianEvaluations)).toEqual([
      120,
      120,
      180,
      180,
      120,
      120,
      null,
      null,
    ]);
    expect(rows[0]?.target).toBe(0.05);
    expect(rows[0]?.successRate).not.toBeNull();
    expect(rows[6]).toMatchObject({
      runs: 2,
      failed: 2,
      median: null,
      successRate: null,
      ert: null,
    });
    expect(first.files.plots).toHaveLength(4);

    const again = await runBatch(config, { output, baseDir: fixtures });
    expect(again).toMatchObject({ runs: 16, completed: 0, failed: 0, skipped: 16, pending: 0 });
    expect(withoutTime(again.summary.rows)).toEqual(withoutTime(rows));
    const retried = await runBatch(config, { output, baseDir: fixtures, retryFailed: true });
    expect(retried).toMatchObject({ completed: 0, failed: 4, skipped: 12 });
  });

  it('reruns runs missing from the journal (in flight when killed) and ignores a torn line', async () => {
    const small: BatchConfig = { ...config, problems: config.problems.slice(0, 2) };
    const reference = temporaryFolder();
    const uninterrupted = await runBatch(
      { ...small, workers: 1 },
      { output: reference, baseDir: fixtures },
    );
    expect(uninterrupted.completed).toBe(12);

    const output = temporaryFolder();
    await runBatch(small, { output, baseDir: fixtures });
    const path = join(output, 'journal.jsonl');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    // Keep 7 finished runs, lose 5, and leave half a line as a kill mid-write would.
    writeFileSync(path, `${lines.slice(0, 7).join('\n')}\n${(lines[7] as string).slice(0, 40)}`);
    const warnings: string[] = [];
    const resumed = await runBatch(small, {
      output,
      baseDir: fixtures,
      onWarning: (w) => warnings.push(w),
    });
    expect(resumed).toMatchObject({ runs: 12, completed: 5, failed: 0, skipped: 7 });
    expect(warnings).toEqual([expect.stringMatching(/removed an incomplete last line/)]);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(12);
    expect(withoutTime(resumed.summary.rows)).toEqual(withoutTime(uninterrupted.summary.rows));
    expect(csvWithoutTime(output)).toEqual(csvWithoutTime(reference));
    const report = await reportBatch(output);
    expect(withoutTime(report.summary.rows)).toEqual(withoutTime(uninterrupted.summary.rows));
  });

  it('stops on abort without recording the runs in flight, and resumes them', async () => {
    const output = temporaryFolder();
    const slow: BatchConfig = {
      problems: [{ module: './objectives.mjs', export: 'slowQuadratic', space }],
      solvers: [{ type: 'random-search', batchSize: 4 }],
      seeds: 6,
      budget: { evaluations: 40 },
      workers: 2,
    };
    const controller = new AbortController();
    const stopped = await runBatch(slow, {
      output,
      baseDir: fixtures,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.completed >= 2) controller.abort();
      },
    });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.completed).toBeGreaterThanOrEqual(2);
    expect(stopped.pending).toBe(6 - stopped.completed);
    expect(stopped.pending).toBeGreaterThan(0);
    const lines = readFileSync(join(output, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(stopped.completed);
    const resumed = await runBatch(slow, { output, baseDir: fixtures });
    expect(resumed).toMatchObject({ skipped: stopped.completed, pending: 0, interrupted: false });
    expect(resumed.completed).toBe(stopped.pending);
    expect(resumed.summary.rows[0]?.runs).toBe(6);
  });

  it('records a run whose worker thread dies as failed and goes on', async () => {
    const output = temporaryFolder();
    const result = await runBatch(
      {
        problems: [
          { module: './objectives.mjs', export: 'exitsWorker', space, name: 'exits' },
          { module: './objectives.mjs', export: 'quadratic', space },
        ],
        solvers: [{ type: 'random-search' }],
        seeds: 2,
        budget: { evaluations: 20 },
      },
      { output, baseDir: fixtures, workers: 2 },
    );
    expect(result).toMatchObject({ completed: 2, failed: 2 });
    expect(result.summary.failures[0]?.error).toMatch(/worker thread exited with code/);
  });

  it('stops runs at their target when asked, with exact hitting evaluations', async () => {
    const output = temporaryFolder();
    const result = await runBatch(
      {
        problems: [{ type: 'tsp', instance: 'ulysses16', targetGapPercent: 60 }],
        solvers: [{ type: 'random-search', batchSize: 1 }],
        seeds: 3,
        budget: { evaluations: 2000 },
        stopAtTarget: true,
        tracePoints: 5,
      },
      { output, workers: 2 },
    );
    const records = readFileSync(join(output, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const r of records) {
      expect(r.outcome.target).toBeCloseTo(6859 * 1.6, 9);
      expect(r.outcome.stopReason).toBe('target');
      expect(r.outcome.hitEvaluations).toBe(r.outcome.evaluations);
      expect(r.outcome.bestValue).toBeLessThanOrEqual(6859 * 1.6);
      expect(r.outcome.trace.length).toBeLessThanOrEqual(5);
    }
    const hits = records.map((r) => r.outcome.hitEvaluations as number);
    expect(result.summary.rows[0]).toMatchObject({
      successRate: 1,
      ert: hits.reduce((a, b) => a + b, 0) / 3,
      optimum: 6859,
    });
  });

  it('rejects an invalid config before any work, with every issue', async () => {
    const output = temporaryFolder();
    await expect(
      runBatch({ ...config, seeds: 0, solvers: [{ type: 'nope' }] }, { output }),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(
      runBatch({ ...config, output: undefined } as unknown as BatchConfig),
    ).rejects.toThrow(/options.output or config.output/);
  });
});
