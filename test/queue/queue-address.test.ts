import { describe, expect, it } from 'vitest';
import { parseQueueAddress, queueUrlFrom } from '../../src/queue/queue-address.js';
import {
  checkIdentity,
  KILN_VERSION,
  NODE_MAJOR,
  queueName,
} from '../../src/queue/queue-identity.js';
import { QueueClient } from '../../src/queue/queue-client.js';
import {
  checkProblemPaths,
  jobPath,
  portableProblem,
  workerPath,
} from '../../src/queue/worker-root.js';

describe('queue addresses', () => {
  it('parses host, port, database, user and password, and shows no password', () => {
    const address = parseQueueAddress('redis://kiln:s3cret@10.0.0.5:6380/2');
    expect(address).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, username: 'kiln' });
    expect(address.password).toBe('s3cret');
    expect(address.tls).toBe(false);
    expect(address.shown).toBe('redis://kiln:***@10.0.0.5:6380/2');
    expect(parseQueueAddress('rediss://:pw@host').tls).toBe(true);
    expect(parseQueueAddress('redis://host')).toMatchObject({ port: 6379, db: 0 });
  });

  it('refuses other schemes and bad databases without printing the password', () => {
    expect(() => parseQueueAddress('http://u:pw@host')).toThrow(
      '--queue must start with redis:// or rediss:// (got "http://u:***@host/")',
    );
    expect(() => parseQueueAddress('redis://u:pw@host/x')).toThrow(/database.*must be an integer/);
    expect(() => parseQueueAddress('not a url pw@')).toThrow(/--queue must be a URL/);
    try {
      parseQueueAddress('redis://u:hunter2@host/x');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('takes KILN_QUEUE when --queue is absent', () => {
    expect(queueUrlFrom(undefined, { KILN_QUEUE: 'redis://a' })).toBe('redis://a');
    expect(queueUrlFrom('redis://b', { KILN_QUEUE: 'redis://a' })).toBe('redis://b');
    expect(queueUrlFrom(undefined, {})).toBeUndefined();
  });
});

describe('queue identity', () => {
  it("names the queue after kiln's major version and refuses jobs of another version", () => {
    expect(queueName('0.1.0')).toBe('kiln-v0');
    expect(queueName('2.3.4')).toBe('kiln-v2');
    expect(() => checkIdentity({ kiln: KILN_VERSION, node: NODE_MAJOR }, 'h')).not.toThrow();
    expect(() => checkIdentity({ kiln: '9.9.9', node: NODE_MAJOR }, 'h')).toThrow(
      `worker h: the job comes from kiln 9.9.9 but this worker runs kiln ${KILN_VERSION}`,
    );
    expect(() => checkIdentity({ kiln: KILN_VERSION, node: NODE_MAJOR + 1 }, 'h')).toThrow(
      `but this worker runs Node ${NODE_MAJOR}`,
    );
  });

  it('names jobs by run, batch and position without the characters BullMQ refuses', () => {
    expect(QueueClient.jobId('study', 3, 0)).toBe('study.3.0');
    expect(QueueClient.jobId('batch', 'a:b')).toBe('batch.a_b');
  });
});

describe('worker roots', () => {
  it('names folders relative to the root, absolute outside it', () => {
    expect(jobPath('/work/project/configs', '/work/project')).toBe('configs');
    expect(jobPath('/work/project', '/work/project')).toBe('.');
    expect(jobPath('/elsewhere/x', '/work/project')).toBe('/elsewhere/x');
  });

  it('refuses folders and problem files outside the root', () => {
    expect(workerPath('configs', '/srv/kiln', 'h')).toBe('/srv/kiln/configs');
    expect(() => workerPath('/etc', '/srv/kiln', 'h')).toThrow(
      'worker h: the job names "/etc", outside this worker\'s --root /srv/kiln',
    );
    expect(() => workerPath('../x', '/srv/kiln', 'h')).toThrow(/outside this worker's --root/);
    expect(() =>
      checkProblemPaths({ module: 'objective.mjs' }, '/srv/kiln/a', '/srv/kiln', 'h'),
    ).not.toThrow();
    expect(() =>
      checkProblemPaths({ module: '../../evil.mjs' }, '/srv/kiln/a', '/srv/kiln', 'h'),
    ).toThrow('worker h: the job\'s problem.module names "../../evil.mjs", outside');
    expect(() =>
      checkProblemPaths(
        { distillation: { teacher: '/tmp/t.json' } },
        '/srv/kiln',
        '/srv/kiln',
        'h',
      ),
    ).toThrow(/problem\.distillation\.teacher/);
  });

  it('sends absolute paths inside the root relative to the config folder', () => {
    expect(
      portableProblem(
        { module: '/work/project/configs/objective.mjs', nested: { path: '/data/x.csv' } },
        '/work/project/configs',
        '/work/project',
      ),
    ).toEqual({ module: 'objective.mjs', nested: { path: '/data/x.csv' } });
  });
});
