// `kiln tune --queue` with real `kiln worker` processes: the journal and best result of
// `--workers 1` whatever the workers and a worker SIGKILLed mid-trial; failures (thrown, timed
// out) as on local threads; a worker refuses paths outside its --root; an unreachable queue.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_NO_SUCCESS } from '../../src/cli/errors.js';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';
import {
  copyFixtures,
  emptyQueue,
  plane,
  readJsonLines,
  startWorkerProcess,
  stopWorkers,
  testQueueUrl,
  type WorkerProcess,
} from '../helpers/queue.js';

const url = testQueueUrl(4);

// The journal's trials in trial order, without their wall times.
function journalTrials(folder: string): Record<string, unknown>[] {
  return readJsonLines(join(folder, 'journal.jsonl'))
    .filter((record) => record.type === 'trial')
    .map(({ durationMs: _time, finishedAt: _finished, ...rest }) => rest)
    .sort((a, b) => (a.number as number) - (b.number as number));
}

async function tune(work: string, config: string, args: string[]) {
  const outcome = await runCli(['tune', config, '--json', ...args], work);
  expect(outcome.code, outcome.stderr).toBe(0);
  return JSON.parse(outcome.stdout) as Record<string, unknown>;
}

describe.skipIf(url === '')('kiln tune --queue with kiln worker processes', () => {
  const work = temporaryFolder();
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await emptyQueue(url);
    copyFixtures(work, 'queue/objectives.mjs', 'objectives/study.mjs');
    workers = await Promise.all(
      [1, 2, 3].map(() => startWorkerProcess(url, work, ['--threads', '1'])),
    );
  });
  afterAll(() => stopWorkers(workers));

  it('gives the study of --workers 1, a worker SIGKILLed mid-trial changing nothing', async () => {
    const config = join(work, 'slow.json');
    writeFileSync(
      config,
      JSON.stringify({
        problem: { module: 'objectives.mjs', export: 'slowOrHang' },
        space: { x: plane.x, y: { type: 'real', low: -1, high: 0.8 } },
        solver: { type: 'tpe', lag: 2, startupTrials: 3 },
        budget: { evaluations: 12 },
        seed: 7,
      }),
    );
    const local = await tune(work, config, ['--workers', '1', '--output', 'local']);
    const queued = tune(work, config, ['--queue', url, '--output', 'queued']);
    // SIGKILL a worker while it runs a trial (150 ms each).
    const victim = await new Promise<WorkerProcess>((resolve) => {
      const poll = setInterval(() => {
        const busy = workers.find((w) => {
          const started = w.events.filter((e) => e.event === 'start').length;
          return started > 0 && started > w.events.filter((e) => e.event === 'done').length;
        });
        if (busy !== undefined) {
          clearInterval(poll);
          resolve(busy);
        }
      }, 20);
    });
    victim.child.kill('SIGKILL');
    await victim.exited;
    workers = workers.filter((w) => w !== victim);
    const remote = await queued;
    expect(journalTrials(join(work, 'queued'))).toEqual(journalTrials(join(work, 'local')));
    const { elapsedMs: _a, output: _b, workersSeen, ...same } = remote;
    const { elapsedMs: _c, output: _d, ...expected } = local;
    expect(same).toEqual(expected);
    expect(workersSeen).toBeGreaterThanOrEqual(1);
    const numbers = journalTrials(join(work, 'queued')).map((t) => t.number);
    expect(new Set(numbers).size).toBe(12);
  });

  it('fails thrown and timed-out trials as local threads do, and only those', async () => {
    const config = join(work, 'faulty.json');
    writeFileSync(
      config,
      JSON.stringify({
        problem: { module: 'study.mjs', export: 'faulty' },
        space: { ...plane, kind: { type: 'categorical', choices: ['ok', 'throw', 'hang', 'nan'] } },
        solver: { type: 'random-search', batchSize: 4 },
        budget: { evaluations: 8 },
        timeoutSeconds: 1,
        seed: 2,
      }),
    );
    await tune(work, config, ['--workers', '2', '--output', 'faulty-local']);
    await tune(work, config, ['--queue', url, '--output', 'faulty-queued']);
    const trials = journalTrials(join(work, 'faulty-queued'));
    expect(trials).toEqual(journalTrials(join(work, 'faulty-local')));
    const errors = trials.map((t) => t.error);
    expect(errors).toContain('diverged');
    expect(errors.some((e) => typeof e === 'string' && e.startsWith('timed out after 1 s'))).toBe(
      true,
    );
    expect(trials.some((t) => t.status === 'complete')).toBe(true);
  });
});

describe.skipIf(url === '')('kiln worker --root and unreachable queues', () => {
  const refusing = testQueueUrl(5);

  it("refuses a job naming a module outside the worker's --root", async () => {
    await emptyQueue(refusing);
    // The config names a module outside the coordinator's folder: the job names it absolute.
    const shared = temporaryFolder();
    const work = join(shared, 'project');
    mkdirSync(work);
    copyFixtures(shared, 'objectives/study.mjs');
    const config = join(work, 'tune.json');
    writeFileSync(
      config,
      JSON.stringify({
        problem: { module: '../study.mjs' },
        space: plane,
        solver: { type: 'random-search', batchSize: 2 },
        budget: { evaluations: 2 },
        seed: 1,
      }),
    );
    const elsewhere = temporaryFolder();
    const worker = await startWorkerProcess(refusing, elsewhere, [
      '--threads',
      '1',
      '--root',
      elsewhere,
    ]);
    try {
      // Every trial failed: the command says so with its own exit code.
      const outcome = await runCli(
        ['tune', config, '--json', '--queue', refusing, '--output', 'refused'],
        work,
      );
      expect(outcome.code, outcome.stderr).toBe(EXIT_NO_SUCCESS);
      expect(JSON.parse(outcome.stdout)).toMatchObject({ trials: 2, failedTrials: 2 });
      const errors = journalTrials(join(work, 'refused')).map((t) => String(t.error));
      for (const error of errors) {
        expect(error).toMatch(
          /^worker .+: the job's problem\.module names ".+", outside this worker's --root /,
        );
      }
      expect(worker.events.filter((e) => e.refused !== undefined)).toHaveLength(2);
    } finally {
      await stopWorkers([worker]);
    }
  });

  it('says which queue cannot be reached, without its password, exit code 2', async () => {
    const work = temporaryFolder();
    copyFixtures(work, 'objectives/study.mjs');
    writeFileSync(
      join(work, 'tune.json'),
      JSON.stringify({
        problem: { module: 'study.mjs' },
        space: plane,
        budget: { evaluations: 2 },
      }),
    );
    const outcome = await runCli(
      ['tune', 'tune.json', '--queue', 'redis://:hunter2@127.0.0.1:1'],
      work,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /^kiln: queue redis:\/\/:\*\*\*@127\.0\.0\.1:1\/? cannot be reached/,
    );
    expect(outcome.stderr).not.toContain('hunter2');
    expect(hasStackTrace(outcome.stderr)).toBe(false);
    const worker = await runCli(['worker', '--queue', 'redis://127.0.0.1:1'], work);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/cannot be reached/);
  });
});
