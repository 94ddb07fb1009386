// Vitest global setup: a private redis-server on 127.0.0.1 and a free port for the queue tests
// (no saving, noeviction as BullMQ needs), stopped by pid at the end. Without redis-server the
// queue tests skip with a note, unless CI=true or KILN_REQUIRE_REDIS=1: then the run fails.
import type { TestProject } from 'vitest/node';
import { redisRequired, redisServerInstalled, startRedisServer } from './helpers/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis://127.0.0.1:<port> of the test Redis, or '' when none could be started. */
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!redisServerInstalled()) {
    if (redisRequired()) {
      throw new Error(
        'redis-server is not installed but the queue tests require it (CI=true or KILN_REQUIRE_REDIS=1): apt-get install -y redis-server',
      );
    }
    process.stderr.write('note: redis-server not found; the queue tests are skipped\n');
    project.provide('redisUrl', '');
    return () => Promise.resolve();
  }
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
