// The queue over TLS (rediss://) with a password, for real: a redis-server listening with TLS
// only and requirepass, a certificate authority made with openssl for the test, `kiln worker`
// and `kiln tune` trusting it through NODE_EXTRA_CA_CERTS. A wrong password or an untrusted
// certificate is a clear error naming the URL without its password. Skipped only when the
// redis-server binary lacks TLS, and then a failure in CI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runBuiltCli, runCli, temporaryFolder } from '../helpers/cli.js';
import {
  copyFixtures,
  plane,
  startWorkerProcess,
  stopWorkers,
  type WorkerProcess,
} from '../helpers/queue.js';
import {
  makeTlsFiles,
  redisRequired,
  redisServerHasTls,
  redisServerInstalled,
  startRedisServer,
  type RedisServer,
} from '../helpers/redis-server.js';

const tls = redisServerInstalled() && redisServerHasTls();
const PASSWORD = 'kiln-tls-secret';

// Skipped only outside CI when redis-server lacks TLS; with CI=true or KILN_REQUIRE_REDIS=1 it runs
// and fails in beforeAll.
describe.skipIf(!tls && !redisRequired())(
  'kiln tune and kiln worker over rediss:// with a password',
  () => {
    const work = temporaryFolder();
    let redis: RedisServer;
    let trust: Record<string, string>;
    let workers: WorkerProcess[] = [];

    beforeAll(async () => {
      if (!tls)
        throw new Error(
          'redis-server lacks TLS support (or is missing) but CI=true or KILN_REQUIRE_REDIS=1 requires the TLS queue test: install Debian redis-server',
        );
      const files = makeTlsFiles(temporaryFolder('kiln-tls-'));
      trust = { NODE_EXTRA_CA_CERTS: files.caFile };
      redis = await startRedisServer({ tls: files, password: PASSWORD });
      copyFixtures(work, 'queue/objectives.mjs');
      writeFileSync(
        join(work, 'tune.json'),
        JSON.stringify({
          problem: { module: 'objectives.mjs', export: 'steady' },
          space: plane,
          solver: { type: 'random-search', batchSize: 3 },
          budget: { evaluations: 6 },
          seed: 11,
        }),
      );
    });
    afterAll(async () => {
      await stopWorkers(workers);
      await redis?.stop();
    });

    it('runs a study over TLS with a password, as on local threads', async () => {
      expect(redis.url).toMatch(/^rediss:\/\/:kiln-tls-secret@127\.0\.0\.1:\d+$/);
      workers = [await startWorkerProcess(redis.url, work, ['--threads', '1'], trust)];
      const local = await runCli(
        ['tune', 'tune.json', '--workers', '1', '--json', '--output', 'local'],
        work,
      );
      expect(local.code, local.stderr).toBe(0);
      // The URL, password included, from KILN_QUEUE as the README advises.
      const remote = await runBuiltCli(['tune', 'tune.json', '--json', '--output', 'remote'], {
        cwd: work,
        env: { ...trust, KILN_QUEUE: redis.url },
      });
      expect(remote.code, remote.stderr).toBe(0);
      const {
        elapsedMs: _a,
        output: _b,
        workersSeen,
        ...same
      } = JSON.parse(remote.stdout) as Record<string, unknown>;
      const {
        elapsedMs: _c,
        output: _d,
        ...expected
      } = JSON.parse(local.stdout) as Record<string, unknown>;
      expect(same).toEqual(expected);
      expect(workersSeen).toBe(1);
      expect(workers[0]?.events.filter((e) => e.event === 'done')).toHaveLength(6);
    });

    it('names the URL without its password when the password is wrong, exit code 2', async () => {
      const wrong = redis.url.replace(PASSWORD, 'not-the-password');
      const outcome = await runBuiltCli(['tune', 'tune.json', '--queue', wrong], {
        cwd: work,
        env: trust,
      });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(
        /^kiln: queue rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? cannot be reached: WRONGPASS.*check the password/,
      );
      expect(outcome.stderr).not.toContain('not-the-password');
      expect(hasStackTrace(outcome.stderr)).toBe(false);
    });

    it('refuses a server certificate it does not trust, naming the URL without its password', async () => {
      const outcome = await runBuiltCli(['worker', '--queue', redis.url], { cwd: work });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(
        /^kiln: queue rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? cannot be reached: .*certificate.*NODE_EXTRA_CA_CERTS/,
      );
      expect(outcome.stderr).not.toContain(PASSWORD);
    });
  },
);
