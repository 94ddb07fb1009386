// The queue evaluator behind the Evaluator interface, with a queue worker in this process: the
// same run as in this thread for minimize(), the same study (pruned trials included) for
// runStudy(), results placed by position.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvers } from '../../src/algorithms/registry.js';
import type { Problem } from '../../src/core/problem.js';
import { buildProblem } from '../../src/problems/build.js';
import type { ModuleProblemConfig } from '../../src/problems/user-module.js';
import { parseQueueAddress } from '../../src/queue/queue-address.js';
import { queueEvaluator } from '../../src/queue/queue-evaluator.js';
import { startQueueWorker, type QueueWorker } from '../../src/queue/queue-worker.js';
import { minimize } from '../../src/runners/minimize.js';
import { runStudy } from '../../src/runners/study.js';
import { temporaryFolder } from '../helpers/cli.js';
import { copyFixtures, emptyQueue, plane, readJsonLines, testQueueUrl } from '../helpers/queue.js';

const url = testQueueUrl(1);

describe.skipIf(url === '')('queue evaluator (Redis)', () => {
  const root = temporaryFolder();
  let worker: QueueWorker;
  // The jobs the worker took, in the order it took them. One job at a time (one thread, nothing
  // prefetched): with two, the second job's start could be reported before the first's.
  const taken: string[] = [];
  beforeAll(async () => {
    await emptyQueue(url);
    copyFixtures(root, 'queue/objectives.mjs', 'objectives/stepped.mjs', 'queue/stepped-log.mjs');
    worker = await startQueueWorker({
      address: parseQueueAddress(url),
      threads: 1,
      prefetch: 0,
      root,
      onEvent: (event) => {
        if (event.event === 'start') taken.push(event.job);
      },
    });
  });
  afterAll(async () => {
    await worker?.stop(true);
  });

  const build = (config: Record<string, unknown>): Promise<Problem<unknown>> =>
    buildProblem(config as unknown as ModuleProblemConfig, { baseDir: root });

  it('gives minimize() the run it has in this thread, values in batch order', async () => {
    const problem = await build({ module: 'objectives.mjs', export: 'steady', space: plane });
    const options = { budget: { evaluations: 24 }, params: { batchSize: 6 }, seed: 4 };
    const local = await minimize(problem, 'random-search', options);
    const evaluator = queueEvaluator(problem, { queue: url, baseDir: root, root });
    const arrived: number[] = [];
    try {
      const remote = await minimize(problem, 'random-search', {
        ...options,
        evaluator,
        onEvaluation: (e) => arrived.push(e.number),
      });
      expect(remote.bestValue).toBe(local.bestValue);
      expect(remote.best).toEqual(local.best);
      expect(remote.evaluations).toBe(24);
      expect(evaluator.workersSeen).toBe(1);
    } finally {
      await evaluator.close();
    }
    expect([...arrived].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('adds a batch costliest first when the problem estimates costs, values in batch order', async () => {
    const base = await build({ module: 'objectives.mjs', export: 'steady', space: plane });
    const problem = { ...base, cost: (p: unknown) => (p as { x: number }).x };
    const candidates = [0.1, 0.5, -0.4, 0.3, 0.2].map((x) => ({ x, y: 0 }));
    const evaluator = queueEvaluator(problem, { queue: url, baseDir: root, root, runId: 'costs' });
    try {
      const outcome = await evaluator.evaluate(candidates, { batch: 0 });
      expect(outcome.values).toEqual(candidates.map(({ x, y }) => (x - 0.3) ** 2 + (y + 0.2) ** 2));
    } finally {
      await evaluator.close();
    }
    const order = taken.filter((id) => id.startsWith('costs.')).map((id) => id.split('.').at(-1));
    expect(order).toEqual(['1', '3', '4', '0', '2']);
  });

  it('gives runStudy() the study of local threads, pruned trials stopped where pruned', async () => {
    const problem = await build({ module: 'stepped-log.mjs', space: plane });
    const study = {
      problem,
      solver: solvers.get('tpe'),
      params: { lag: 4, startupTrials: 4 },
      pruner: { type: 'median' as const, startupTrials: 3 },
      budget: { evaluations: 16 },
      seed: 5,
      baseDir: root,
    };
    const local = await runStudy({ ...study, workers: 2, output: join(root, 'local') });
    rmSync(join(root, 'steps.log'));
    const evaluator = queueEvaluator(problem, { queue: url, baseDir: root, root, runId: 'study' });
    try {
      const remote = await runStudy({
        ...study,
        workers: 16,
        evaluator,
        output: join(root, 'remote'),
      });
      const { elapsedMs: _a, output: _b, ...same } = local;
      expect(remote).toMatchObject(same);
      expect(remote.prunedTrials).toBeGreaterThan(0);
      // The queue worker ran each trial up to the step where the study pruned it, no further.
      const lastStep = new Map<number, number>();
      for (const line of readFileSync(join(root, 'steps.log'), 'utf8').trim().split('\n')) {
        const [trial, step] = line.split(' ').map(Number) as [number, number];
        lastStep.set(trial, Math.max(step, lastStep.get(trial) ?? 0));
      }
      const trials = readJsonLines<{ type: string; number: number; status: string }>(
        join(root, 'remote', 'journal.jsonl'),
      ).filter((record) => record.type === 'trial');
      const ends = trials.map((t) => [t.number, t.status, lastStep.get(t.number)]);
      const expected = trials.map((t) => [
        t.number,
        t.status,
        t.status === 'pruned' ? (t as unknown as { prunedStep: number }).prunedStep : 9,
      ]);
      expect(ends).toEqual(expected);
    } finally {
      await evaluator.close();
    }
  });

  it('rejects with a clear error when the queue cannot be reached', async () => {
    const problem = await build({ module: 'objectives.mjs', export: 'steady', space: plane });
    const evaluator = queueEvaluator(problem, { queue: 'redis://:pw@127.0.0.1:1/0' });
    await expect(
      minimize(problem, 'random-search', { budget: { evaluations: 2 }, seed: 1, evaluator }),
    ).rejects.toThrow(/^queue redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0 cannot be reached/);
    await evaluator.close();
  });
});
