import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { parseQueueAddress } from '../../src/queue/queue-address.js';
import { JOB_ENDS_CONNECTION, JobEnds, type JobEnd } from '../../src/queue/job-ends.js';
import { emptyQueue, testQueueUrl } from '../helpers/queue.js';

const url = testQueueUrl(7);
const key = 'bull:kiln-test:events';

// Entries as BullMQ's scripts write them.
const entries: Record<string, string[]> = {
  added: ['event', 'added', 'jobId', 'a', 'name', 'evaluate'],
  waiting: ['event', 'waiting', 'jobId', 'a'],
  active: ['event', 'active', 'jobId', 'a', 'prev', 'waiting'],
  completed: ['event', 'completed', 'jobId', 'a', 'returnvalue', '"{\\"values\\":[1]}"'],
  failed: [
    'event',
    'failed',
    'jobId',
    'b',
    'failedReason',
    'job stalled more than allowable limit',
  ],
  duplicated: ['event', 'duplicated', 'jobId', 'c'],
};

// A reader of the test stream recording what it reports, told that `waited` jobs are waited for.
async function reader(waited: number): Promise<{ ends: JobEnds; seen: JobEnd[] }> {
  const seen: JobEnd[] = [];
  const ends = await JobEnds.open(
    parseQueueAddress(url),
    key,
    (end) => seen.push(end),
    () => waited,
  );
  return { ends, seen };
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.skipIf(url === '')('the ends of jobs read from the event stream', () => {
  let redis: Redis;
  const add = (fields: string[]): Promise<unknown> => redis.xadd(key, '*', ...fields);

  beforeAll(async () => {
    await emptyQueue(url);
    const { Redis } = await import('ioredis');
    redis = new Redis(url);
  });
  afterAll(() => redis.disconnect());

  it('reports completions, failures and duplicates after its start, and nothing else', async () => {
    await add(entries.completed!);
    const { ends, seen } = await reader(2);
    try {
      for (const name of ['added', 'waiting', 'active', 'completed', 'failed', 'duplicated'])
        await add(entries[name]!);
      await until(() => seen.length === 3);
      expect(seen).toEqual([
        { event: 'completed', jobId: 'a', returnvalue: '"{\\"values\\":[1]}"' },
        { event: 'failed', jobId: 'b', failedReason: 'job stalled more than allowable limit' },
        { event: 'duplicated', jobId: 'c' },
      ]);
    } finally {
      await ends.close();
    }
  });

  it('misses no entry when its connection is killed between reads', async () => {
    const { ends, seen } = await reader(1);
    try {
      await add(['event', 'completed', 'jobId', 'before', 'returnvalue', '1']);
      await until(() => seen.length === 1);
      // The reader's connection on this file's database only (other files share the server).
      const clients = String(await redis.client('LIST')).split('\n');
      const reader = clients.find(
        (line) => line.includes(` name=${JOB_ENDS_CONNECTION} `) && line.includes(' db=7 '),
      );
      expect(reader).toBeDefined();
      await redis.client('KILL', 'ID', /\bid=(\d+)/.exec(reader!)![1]!);
      await add(['event', 'completed', 'jobId', 'after', 'returnvalue', '2']);
      await until(() => seen.length === 2);
      expect(seen.map((end) => end.jobId)).toEqual(['before', 'after']);
    } finally {
      await ends.close();
    }
  });
});
