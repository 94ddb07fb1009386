// A trial whose objective SIGKILLs its own worker process: the job is delivered 3 times (a new
// `kiln worker` process is started after each death), then the trial fails with a message that
// says so, and the study goes on with its other trials.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';
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

const url = testQueueUrl(6);

describe.skipIf(url === '')('a queue job whose worker process dies every time', () => {
  it('fails its trial after 3 deliveries; the study goes on', async () => {
    await emptyQueue(url);
    const work = temporaryFolder();
    copyFixtures(work, 'queue/objectives.mjs');
    writeFileSync(
      join(work, 'tune.json'),
      JSON.stringify({
        problem: { module: 'objectives.mjs', export: 'killsOnTrialTwo' },
        space: plane,
        solver: { type: 'random-search', batchSize: 4 },
        budget: { evaluations: 4 },
        seed: 3,
      }),
    );
    const workers: WorkerProcess[] = [await startWorkerProcess(url, work, ['--threads', '1'])];
    const coordinator = runCli(
      ['tune', 'tune.json', '--queue', url, '--output', 'study', '--json'],
      work,
    );
    let finished = false;
    const outcome = coordinator.finally(() => (finished = true));
    // One worker at a time: a new one replaces each that died (at most 5 in all).
    while (!finished && workers.length < 5) {
      const current = workers[workers.length - 1] as WorkerProcess;
      await Promise.race([current.exited, outcome]);
      if (!finished) workers.push(await startWorkerProcess(url, work, ['--threads', '1']));
    }
    const result = await outcome;
    await stopWorkers(workers);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ trials: 4, failedTrials: 1 });
    const trials = readJsonLines<{ type: string; number: number; status: string }>(
      join(work, 'study', 'journal.jsonl'),
    )
      .filter((record) => record.type === 'trial')
      .sort((a, b) => a.number - b.number);
    expect(trials.map((t) => [t.number, t.status])).toEqual([
      [1, 'complete'],
      [2, 'failed'],
      [3, 'complete'],
      [4, 'complete'],
    ]);
    expect(trials[1]).toMatchObject({
      error: 'its worker process died 3 times while running it (the job was delivered 3 times)',
    });
    // Three processes died (SIGKILL) taking trial 2's job, as its 1st, 2nd and 3rd delivery.
    const killed = workers.filter(
      (w) => w.child.signalCode === 'SIGKILL' && w.events.at(-1)?.event === 'start',
    );
    expect(killed).toHaveLength(3);
    const deliveries = killed.map((w) => w.events.at(-1));
    expect(new Set(deliveries.map((e) => e?.job)).size).toBe(1);
    expect(deliveries.map((e) => e?.attempt)).toEqual([1, 2, 3]);
  });
});
