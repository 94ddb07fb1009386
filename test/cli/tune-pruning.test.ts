// Pruned studies with the asynchronous TPE end to end: the journal (trials, parameters, values,
// intermediate values, pruned steps) is the same for 1, 2 and 3 workers and after kill -9 and
// resume, with an objective whose step durations are random.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';
import { tuneUntilJournalHas } from '../helpers/study.js';

const stepped = fileURLToPath(new URL('../fixtures/objectives/stepped.mjs', import.meta.url));

function writeStudy(folder: string, pruner: Record<string, unknown>): string {
  const path = join(folder, 'tune.json');
  writeFileSync(
    path,
    JSON.stringify({
      problem: { module: stepped },
      space: { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } },
      solver: { type: 'tpe', lag: 4, startupTrials: 4 },
      pruner,
      budget: { evaluations: 30 },
      seed: 5,
      output: 'study',
    }),
  );
  return path;
}

// The journal's trials in trial order, without their wall times (session records left out).
function journalTrials(folder: string): Record<string, unknown>[] {
  return readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.type === 'trial')
    .map(({ durationMs: _time, finishedAt: _finished, ...rest }) => rest)
    .sort((a, b) => (a.number as number) - (b.number as number));
}

async function tune(folder: string, config: string, workers: number) {
  const { code, stdout, stderr } = await runCli(
    ['tune', config, '--json', '--workers', String(workers)],
    folder,
  );
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('kiln tune with a pruner', () => {
  it('journals the same pruned study for 1, 2 and 3 workers and after kill -9 and resume', async () => {
    const asha = { type: 'asha', minResource: 1, maxResource: 9 };
    const journals: Record<string, unknown>[][] = [];
    let summary: Record<string, unknown> = {};
    for (const workers of [1, 2, 3]) {
      const folder = temporaryFolder();
      summary = await tune(folder, writeStudy(folder, asha), workers);
      journals.push(journalTrials(folder));
    }
    const reference = journals[0]!;
    expect(reference).toHaveLength(30);
    expect(journals[1]).toEqual(reference);
    expect(journals[2]).toEqual(reference);
    // Some trials were pruned, each at a rung (1, 3), with its intermediate values up to there.
    const pruned = reference.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    expect(summary.prunedTrials).toBe(pruned.length);
    for (const trial of pruned) {
      expect([1, 3]).toContain(trial.prunedStep);
      expect(
        Object.keys(trial.intermediate as object)
          .map(Number)
          .at(-1),
      ).toBe(trial.prunedStep);
      expect(trial.value).toBe(
        (trial.intermediate as Record<string, number>)[String(trial.prunedStep)],
      );
    }
    const complete = reference.filter((t) => t.status === 'complete');
    for (const trial of complete) expect(Object.keys(trial.intermediate as object)).toHaveLength(9);
    expect(summary.epochs).toBe(
      reference.reduce((sum, t) => sum + Object.keys(t.intermediate as object).length, 0),
    );

    // Killed once the journal holds its header, the session record and 9 trials.
    const killed = temporaryFolder();
    const config = writeStudy(killed, asha);
    const { reached, exited } = tuneUntilJournalHas(killed, config, 11, (child) =>
      child.kill('SIGKILL'),
    );
    await reached;
    await exited;
    const journal = join(killed, 'study', 'journal.jsonl');
    copyFileSync(journal, join(killed, 'journal-at-kill.jsonl'));
    const resumed = await tune(killed, config, 2);
    expect(resumed.resumedTrials).toBeGreaterThanOrEqual(9);
    expect(journalTrials(killed)).toEqual(reference);
  }, 300_000);

  it('prunes with the median pruner, Hyperband and ASHA against finished trials, the same for 1 and 3 workers', async () => {
    for (const pruner of [
      { type: 'median', startupTrials: 3 },
      { type: 'hyperband', minResource: 1, maxResource: 9 },
      { type: 'asha', minResource: 1, maxResource: 9, compareWith: 'finished' },
    ]) {
      const journals = [];
      for (const workers of [1, 3]) {
        const folder = temporaryFolder();
        await tune(folder, writeStudy(folder, pruner), workers);
        journals.push(journalTrials(folder));
      }
      expect(journals[1]).toEqual(journals[0]);
      expect(journals[0]!.some((t) => t.status === 'pruned')).toBe(true);
    }
  }, 300_000);
});

describe('kiln tune with budget.epochs', () => {
  function writeEpochStudy(folder: string, problem: Record<string, unknown>): string {
    const path = join(folder, 'tune.json');
    const space = { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } };
    writeFileSync(
      path,
      JSON.stringify({
        problem,
        ...('module' in problem ? { space } : {}),
        budget: { epochs: 40 },
        seed: 2,
        output: 'study',
      }),
    );
    return path;
  }

  it('stops once the steps the trials report reach the budget', async () => {
    const folder = temporaryFolder();
    const summary = await tune(folder, writeEpochStudy(folder, { module: stepped }), 2);
    expect(summary.stopReason).toBe('epochs');
    // 9 steps a trial: the study stops at the first check at or past 40.
    expect(summary.epochs).toBeGreaterThanOrEqual(40);
    expect(summary.epochs).toBe(9 * (summary.trials as number));
  }, 120_000);

  it('refuses a problem that reports no epochs, and stops a module that reports none', async () => {
    const folder = temporaryFolder();
    const refused = await runCli(
      ['tune', writeEpochStudy(folder, { type: 'sphere', dimension: 2 })],
      folder,
    );
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/budget\.epochs .* problem sphere-2 reports none/);
    expect(hasStackTrace(refused.stderr)).toBe(false);

    const silent = join(folder, 'silent.mjs');
    writeFileSync(silent, 'export default ({ x, y }) => x * x + y * y;\n');
    const stopped = await runCli(
      ['tune', writeEpochStudy(folder, { module: silent }), '--workers', '2'],
      folder,
    );
    expect(stopped.code, stopped.stderr).toBe(2);
    expect(stopped.stderr).toMatch(/trials 0-9 of problem silent reported none/);
    expect(hasStackTrace(stopped.stderr)).toBe(false);
    // The finished trials stay in the journal.
    const trials = journalTrials(folder);
    expect(trials.length).toBeGreaterThanOrEqual(10);
    expect(trials.every((t) => t.status === 'complete')).toBe(true);
  }, 120_000);
});
