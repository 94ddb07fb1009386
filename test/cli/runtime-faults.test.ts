// The built CLI under faulty objectives, as a user meets them: hung and memory-hungry trials,
// huge time limits and worker counts, studies and batches where everything fails.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBuiltCli, temporaryFolder } from '../helpers/cli.js';
import { startBuiltCli, waitFor } from '../helpers/cli-process.js';

const faults = fileURLToPath(new URL('../fixtures/objectives/faults.mjs', import.meta.url));
const space = { x: { type: 'real', low: -1, high: 1 } };

function writeConfig(folder: string, name: string, config: Record<string, unknown>): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

function tuneConfig(folder: string, exported: string, extra: Record<string, unknown> = {}): string {
  return writeConfig(folder, 'tune.json', {
    problem: { module: faults, export: exported },
    space,
    solver: { type: 'random-search', batchSize: 4 },
    budget: { evaluations: 12 },
    seed: 5,
    workers: 2,
    output: join(folder, 'study'),
    ...extra,
  });
}

function trials(folder: string): Record<string, any>[] {
  return readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>)
    .filter((record) => record.type === 'trial');
}

describe('time limits', () => {
  it('runs trials normally under a timeoutSeconds past the 24.8 days of a Node timer', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'quadratic', { timeoutSeconds: 1e10 });
    const { code, stdout, stderr } = await runBuiltCli(['tune', config, '--json']);
    expect(stderr).not.toMatch(/timed out/);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as Record<string, any>;
    expect(summary).toMatchObject({ trials: 12, failedTrials: 0 });
    expect(summary.bestParams).toBeDefined();
  });

  it('refuses a meaningless timeoutSeconds with its JSON path and exit code 2', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'quadratic', { timeoutSeconds: 1e300 });
    const { code, stderr } = await runBuiltCli(['tune', config]);
    expect(code).toBe(2);
    expect(stderr).toContain('/timeoutSeconds must be <= 1000000000000 (got 1e+300)');
    expect(hasStackTrace(stderr)).toBe(false);
  });

  it('ends a hung evaluation of kiln run at timeoutSeconds, with its real duration', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'run.json', {
      problem: { module: faults, export: 'hangsAbove', space },
      solver: { type: 'random-search', batchSize: 4 },
      budget: { evaluations: 8 },
      seed: 2,
      timeoutSeconds: 0.5,
    });
    const { code, stdout } = await runBuiltCli(['run', config, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, any>;
    expect(result.evaluations).toBe(8);
    expect(result.failedEvaluations).toBeGreaterThan(0);
    expect(result.failedEvaluations).toBeLessThan(8);
    expect(result.failures[0].message).toMatch(/timed out after 0.5 s/);
  });

  it('records a hung trial with the time it ran, not 0', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'hangsAbove', { timeoutSeconds: 0.5 });
    const { code } = await runBuiltCli(['tune', config]);
    expect(code).toBe(0);
    const timedOut = trials(folder).filter((t) => /timed out/.test(String(t.error)));
    expect(timedOut.length).toBeGreaterThan(0);
    // The limit is counted from the start of the evaluation, so the trial ran at least that.
    for (const trial of timedOut) expect(trial.durationMs).toBeGreaterThanOrEqual(500);
  });

  it('fails a batch run whose evaluation hangs past timeoutSeconds, and goes on', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'batch.json', {
      problems: [
        { module: faults, export: 'hangsAbove', space, name: 'hangs' },
        { module: faults, export: 'quadratic', space, name: 'fine' },
      ],
      solvers: [{ type: 'random-search' }],
      seeds: 1,
      budget: { evaluations: 200 },
      timeoutSeconds: 0.5,
      workers: 2,
      output: join(folder, 'batch'),
    });
    const { code, stdout } = await runBuiltCli(['batch', config]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /failed: hangs with random-search \(seed 1\): an evaluation timed out after 0.5 s/,
    );
    expect(stdout).toMatch(/1 completed, 1 failed/);
  });
});

describe('memory limits', () => {
  it('fails a trial past memoryLimitMb with a message naming the limit, and the study goes on', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'hogsAbove', {
      memoryLimitMb: 128,
      budget: { evaluations: 8 },
    });
    const { code, stdout } = await runBuiltCli(['tune', config]);
    expect(code).toBe(0);
    const all = trials(folder);
    expect(all).toHaveLength(8);
    const hogs = all.filter((t) => (t.params as { x: number }).x > 0.5);
    expect(hogs.length).toBeGreaterThan(0);
    for (const trial of hogs) {
      expect(trial.status).toBe('failed');
      expect(trial.error).toMatch(/ran out of memory.*memoryLimitMb \(128 MB\)/);
    }
    expect(all.some((t) => t.status === 'complete')).toBe(true);
    expect(stdout).toMatch(/ran out of memory/);
  });

  it('checks --memory-limit-mb like the config field', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'quadratic');
    const { code, stderr } = await runBuiltCli(['tune', config, '--memory-limit-mb', '10']);
    expect(code).toBe(2);
    expect(stderr).toContain('--memory-limit-mb must be >= 64 (got 10)');
    expect(hasStackTrace(stderr)).toBe(false);
  });
});

describe('worker counts', () => {
  it('starts no more threads than useful for --workers 200 on a 12-trial study', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'quadratic');
    const { code, stdout, stderr } = await runBuiltCli(['tune', config, '--workers', '200']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/using \d+ worker threads instead of 200/);
    expect(stdout).toMatch(/trials\s+12/);
  });
});

describe('failures in summaries', () => {
  it('names the failures of a study whose every trial fails and exits 3', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'alwaysThrows');
    const { code, stdout, stderr } = await runBuiltCli(['tune', config]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/trials\s+12 \(12 failed\)/);
    expect(stdout).toContain('rejected');
    expect(stdout).toMatch(/no trial succeeded/);
    expect(hasStackTrace(stderr)).toBe(false);
    const first = trials(folder)[0] as Record<string, any>;
    // The journal keeps the objective's own stack, without kiln's frames.
    expect(first.stack).toMatch(/at alwaysThrows \(.*faults\.mjs:\d+:\d+\)/);
    expect(first.stack).not.toMatch(/worker\.(js|ts)/);
  });

  it('says so when no run of a batch succeeded, and exits 3', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'batch.json', {
      problems: [{ module: faults, export: 'alwaysThrows', space, name: 'throws' }],
      solvers: [{ type: 'random-search' }],
      seeds: 2,
      budget: { evaluations: 10 },
      workers: 1,
      output: join(folder, 'batch'),
    });
    const { code, stdout } = await runBuiltCli(['batch', config]);
    expect(code).toBe(3);
    expect(stdout).toMatch(
      /all 10 evaluations failed; the first: (negative|positive) input rejected/,
    );
    expect(stdout).toMatch(/no run succeeded/);
  });

  it('exits 3 from kiln run when every evaluation failed, naming why', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'run.json', {
      problem: { module: faults, export: 'alwaysThrows', space },
      solver: { type: 'random-search' },
      budget: { evaluations: 5 },
      seed: 1,
    });
    const { code, stdout } = await runBuiltCli(['run', config]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/every one of the 5 evaluations failed/);
    expect(stdout).toMatch(/input rejected/);
  });
});

describe('interrupts', () => {
  it('writes best.json, trials.csv and the summary from the journal on a second Ctrl-C', async () => {
    const folder = temporaryFolder();
    const config = tuneConfig(folder, 'hangsOnThirdCall', {
      workers: 1,
      solver: { type: 'random-search', batchSize: 1 },
    });
    const cli = startBuiltCli(['tune', config]);
    const journal = join(folder, 'study', 'journal.jsonl');
    await waitFor(() => existsSync(journal) && trialsIn(journal) >= 2);
    cli.child.kill('SIGINT');
    await waitFor(() => cli.stderr().includes('stopping after the current batch'));
    cli.child.kill('SIGINT');
    const { code, stdout } = await cli.done;
    expect(code).toBe(130);
    expect(stdout).toMatch(/trials\s+2/);
    const best = JSON.parse(readFileSync(join(folder, 'study', 'best.json'), 'utf8')) as Record<
      string,
      any
    >;
    expect(best).toMatchObject({ trials: 2, stopReason: 'aborted' });
    expect(best.bestParams).toBeDefined();
    const csv = readFileSync(join(folder, 'study', 'trials.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(3);
  });
});

function trialsIn(journal: string): number {
  return readFileSync(journal, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"type":"trial"')).length;
}
