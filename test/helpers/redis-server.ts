// A private redis-server on 127.0.0.1 and a free port (no saving, noeviction as BullMQ needs),
// optionally with a password and TLS only, stopped by pid: shared by the tests' global setup,
// the TLS test and bench/queue.ts. Also makes a throwaway certificate authority with openssl.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A TLS certificate and key for the server, and the authority that signed it. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** `requirepass`. */
  password?: string;
  /** Listen with TLS only (no plain port). */
  tls?: TlsFiles;
  /** Where redis-server's output goes besides the start check. @defaultValue ignored */
  inheritErrors?: boolean;
}

/** A running redis-server. */
export interface RedisServer {
  /** redis:// (or rediss://) URL, with the password when there is one. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Kills it by pid (SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
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

/** True when a redis-server binary is on the PATH. */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/** True when redis-server was built with TLS (it then knows the tls-port directive). */
export function redisServerHasTls(): boolean {
  // Without TLS support the directive itself is refused; with it, the missing files are.
  const probe = spawnSync(
    'redis-server',
    ['--port', '0', '--tls-port', '1', '--tls-cert-file', '/nonexistent/kiln-probe.crt'],
    { encoding: 'utf8', timeout: 10_000 },
  );
  const output = `${probe.stdout}${probe.stderr}`;
  return !/Bad directive|TLS support not (built|available)|tls-port.*unknown/i.test(output);
}

/** Makes a certificate authority and a server certificate for 127.0.0.1 in `folder`. */
export function makeTlsFiles(folder: string): TlsFiles {
  const at = (name: string): string => join(folder, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=kiln test authority',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
  );
  writeFileSync(at('san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.crt'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('san.cnf'),
    '-out',
    at('server.crt'),
  );
  return { certFile: at('server.crt'), keyFile: at('server.key'), caFile: at('ca.crt') };
}

/** Starts redis-server; resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const { tls, password } = options;
  const args = [
    '--bind',
    '127.0.0.1',
    ...(tls === undefined
      ? ['--port', String(port)]
      : [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cert-file',
          tls.certFile,
          '--tls-key-file',
          tls.keyFile,
          '--tls-ca-cert-file',
          tls.caFile,
          '--tls-auth-clients',
          'no',
        ]),
    ...(password === undefined ? [] : ['--requirepass', password]),
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction',
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 20 s:\n${output}`));
    }, 20_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}:\n${output}`));
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.removeAllListeners('data');
        if (options.inheritErrors === true) child.stderr?.pipe(process.stderr);
        else child.stderr?.resume();
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', onExit);
  });
  const auth = password === undefined ? '' : `:${encodeURIComponent(password)}@`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `${tls === undefined ? 'redis' : 'rediss'}://${auth}127.0.0.1:${port}`,
    port,
    child,
    async stop() {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGKILL');
        await exited;
      }
    },
  };
}

/** True when a missing redis-server (or one without TLS) fails the queue tests: CI=true or KILN_REQUIRE_REDIS=1. */
export function redisRequired(): boolean {
  return process.env.CI === 'true' || process.env.KILN_REQUIRE_REDIS === '1';
}
