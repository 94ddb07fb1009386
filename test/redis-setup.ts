// Vitest global setup: a private redis-server on 127.0.0.1 and a free port for the queue tests
// (no saving, noeviction as BullMQ needs), stopped by pid at the end. Without redis-server the
// queue tests skip with a note, unless CI=true or KILN_REQUIRE_REDIS=1: then the run fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis://127.0.0.1:<port> of the test Redis, or '' when none could be started. */
    redisUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function required(): boolean {
  return process.env.CI === 'true' || process.env.KILN_REQUIRE_REDIS === '1';
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 20 s:\n${output}`));
    }, 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(child);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}:\n${output}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const present = spawnSync('redis-server', ['--version']).status === 0;
  if (!present) {
    if (required()) {
      throw new Error(
        'redis-server is not installed but the queue tests require it (CI=true or KILN_REQUIRE_REDIS=1): apt-get install -y redis-server',
      );
    }
    process.stderr.write('note: redis-server not found; the queue tests are skipped\n');
    project.provide('redisUrl', '');
    return () => undefined;
  }
  const port = await freePort();
  const redis = await startRedis(port);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return () => {
    if (redis.pid !== undefined && redis.exitCode === null) process.kill(redis.pid, 'SIGKILL');
  };
}
