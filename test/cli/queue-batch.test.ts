// `kiln batch --queue` with real `kiln worker` processes: a worker SIGKILLed mid-run, then the
// coordinator SIGKILLed and rerun while the workers go on; each time the summary is the one of
// the same batch run on local threads, and no run is lost or counted twice.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli, temporaryFolder } from '../helpers/cli.js';
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

const url = testQueueUrl(2);

// A small TSP instance and continuous functions, as the small bench configs, plus a module
// objective slow enough (120 x 3 ms) for a kill to land while it runs.
const config = {
  problems: [
    { module: 'objectives.mjs', export: 'steady', space: plane, name: 'steady', target: 0.01 },
    { type: 'tsp', instances: ['ulysses16'], targetGapPercent: 0 },
    { type: 'sphere', dimension: 2, target: 0.0001 },
  ],
  solvers: [{ type: 'random-search' }, { type: 'simulated-annealing' }],
  seeds: 2,
  budget: { evaluations: 120 },
};
const RUNS = 12;

// The batch journal's records; none before the coordinator has written it.
function journal(folder: string) {
  const path = join(folder, 'journal.jsonl');
  if (!existsSync(path)) return [];
  return readJsonLines<{ key: string; status: string; error?: string }>(path);
}

// summary.csv without medianSeconds (column 11), the only wall-time column.
function csvWithoutTime(folder: string): string[] {
  return readFileSync(join(folder, 'summary.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== 10)
        .join(','),
    );
}

const starts = (workers: readonly WorkerProcess[]): number =>
  workers.reduce((sum, w) => sum + w.events.filter((e) => e.event === 'start').length, 0);

describe.skipIf(url === '')('kiln batch --queue with kiln worker processes', () => {
  const work = temporaryFolder();
  const path = join(work, 'batch.json');
  let workers: WorkerProcess[] = [];
  let reference: string[];

  beforeAll(async () => {
    await emptyQueue(url);
    copyFixtures(work, 'queue/objectives.mjs');
    writeFileSync(path, JSON.stringify(config));
    const [local] = await Promise.all([
      runCli(['batch', path, '--workers', '1', '--output', 'local', '--json'], work),
      (async () => {
        workers = await Promise.all(
          [1, 2, 3].map(() => startWorkerProcess(url, work, ['--threads', '1'])),
        );
      })(),
    ]);
    expect(local.code, local.stderr).toBe(0);
    reference = csvWithoutTime(join(work, 'local'));
  });
  afterAll(() => stopWorkers(workers));

  it('loses nothing when a worker is SIGKILLed mid-run', async () => {
    const coordinator = runCli(['batch', path, '--queue', url, '--output', 'one', '--json'], work);
    // A worker whose job has run for a while without finishing (a run of the slow objective).
    const victim = await new Promise<WorkerProcess>((resolve) => {
      const poll = setInterval(() => {
        for (const worker of workers) {
          const started = worker.events.filter((e) => e.event === 'start').map((e) => e.job);
          const done = new Set(worker.events.filter((e) => e.event === 'done').map((e) => e.job));
          const active = started.filter((job) => !done.has(job));
          if (active.length > 0 && worker.events.length > 2) {
            clearInterval(poll);
            resolve(worker);
            return;
          }
        }
      }, 100);
    });
    const killedJobs = victim.events.map((e) => e.job);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const outcome = await coordinator;
    expect(outcome.code, outcome.stderr).toBe(0);
    const document = JSON.parse(outcome.stdout) as Record<string, number>;
    expect(document).toMatchObject({ runs: RUNS, completed: RUNS, failed: 0 });
    const keys = journal(join(work, 'one')).map((r) => r.key);
    expect(keys).toHaveLength(RUNS);
    expect(new Set(keys).size).toBe(RUNS);
    expect(csvWithoutTime(join(work, 'one'))).toEqual(reference);
    workers = workers.filter((w) => w !== victim);
    // The killed worker's job ran again on another worker (its second delivery).
    const again = workers
      .flatMap((w) => w.events)
      .filter((e) => e.event === 'start' && (e.attempt ?? 0) >= 2);
    expect(again.some((e) => killedJobs.includes(e.job))).toBe(true);
  });

  it('collects what the workers finished while the coordinator was down', async () => {
    const before = starts(workers);
    const output = join(work, 'two');
    const child = spawn(
      process.execPath,
      [builtCli, 'batch', path, '--queue', url, '--output', output, '--json'],
      { cwd: work, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (journal(output).length < 3 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = journal(output).length;
    expect(atKill).toBeGreaterThanOrEqual(3);
    expect(atKill).toBeLessThan(RUNS);
    const rerun = await runCli(['batch', path, '--queue', url, '--output', output, '--json'], work);
    expect(rerun.code, rerun.stderr).toBe(0);
    const document = JSON.parse(rerun.stdout) as { skipped: number; completed: number };
    expect(document.skipped + document.completed).toBe(RUNS);
    expect(document.skipped).toBeGreaterThanOrEqual(atKill);
    expect(new Set(journal(output).map((r) => r.key)).size).toBe(RUNS);
    expect(csvWithoutTime(output)).toEqual(reference);
    // Jobs already sent before the kill were not run again by the rerun.
    expect(starts(workers) - before).toBeLessThanOrEqual(RUNS);
  });

  it('fails a run whose objective hangs past timeoutSeconds, and only that run, as locally', async () => {
    const hanging = join(work, 'hanging.json');
    writeFileSync(
      hanging,
      JSON.stringify({
        problems: [
          { module: 'objectives.mjs', export: 'steady', space: plane, name: 'steady' },
          { module: 'objectives.mjs', export: 'hangs', space: plane, name: 'hangs' },
        ],
        solvers: [{ type: 'random-search' }],
        seeds: 2,
        budget: { evaluations: 20 },
        timeoutSeconds: 1,
      }),
    );
    const local = await runCli(
      ['batch', hanging, '--workers', '1', '--output', 'hang-local', '--json'],
      work,
    );
    const queued = await runCli(
      ['batch', hanging, '--queue', url, '--output', 'hang-queued', '--json'],
      work,
    );
    for (const outcome of [local, queued]) {
      expect(JSON.parse(outcome.stdout)).toMatchObject({ runs: 4, completed: 2, failed: 2 });
    }
    const outcomes = (folder: string) =>
      journal(join(work, folder))
        .map(({ key, status, error }: { key: string; status: string; error?: string }) => ({
          key,
          status,
          error,
        }))
        .sort((a, b) => a.key.localeCompare(b.key));
    const remote = outcomes('hang-queued');
    expect(remote).toEqual(outcomes('hang-local'));
    for (const run of remote.filter((r) => r.key.includes('hangs'))) {
      expect(run.status).toBe('failed');
      expect(run.error).toBe(
        'an evaluation timed out after 1 s (timeoutSeconds), which ended the run (its worker was terminated and replaced)',
      );
    }
    expect(csvWithoutTime(join(work, 'hang-queued'))).toEqual(
      csvWithoutTime(join(work, 'hang-local')),
    );
  });
});
