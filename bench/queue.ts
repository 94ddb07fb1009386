// The queue (BullMQ over a private redis-server): per-job overhead of no-op jobs (CPU of the
// worker process, Redis and the coordinator per job; round-trip latency one job at a time), the
// default study's digits trials on 2 worker processes against one local thread, and the time
// from a worker's SIGKILL to its job running again on another worker. Beside kiln's overhead,
// BullMQ's own floor: a bare BullMQ worker and producer, alternating with kiln's, --rounds times.
//
//   npm run build && npx tsx bench/queue.ts [--jobs 1000] [--rounds 1] [--trials 4] [--kills 3]
//     [--skip-overhead] [--skip-floor] [--skip-recovery] [--skip-trials] [--profile DIR]
//     [--prefetch auto|N] [--floor-concurrency 1,17] [--trial-rounds 2] [--out queue.json]
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { QueueClient } from '../src/queue/queue-client.js';
import { startRedisServer } from '../test/helpers/redis-server.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000' },
    trials: { type: 'string', default: '4' },
    // Alternating rounds (local, then queue) of the digits trials.
    'trial-rounds': { type: 'string', default: '2' },
    kills: { type: 'string', default: '3' },
    'skip-trials': { type: 'boolean', default: false },
    'skip-overhead': { type: 'boolean', default: false },
    'skip-recovery': { type: 'boolean', default: false },
    // Skip BullMQ's own floor (measured beside kiln's overhead, alternating, --rounds times).
    'skip-floor': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    // The overhead part's `kiln worker --prefetch` (default: the worker's own default, auto).
    prefetch: { type: 'string' },
    // The floor worker's BullMQ concurrency, one floor per value: 1 (one job at a time) and 17
    // (the most a one-thread kiln worker holds under --prefetch auto).
    'floor-concurrency': { type: 'string', default: '1,17' },
    // Where the figures go (under bench/results/).
    out: { type: 'string', default: 'queue.json' },
    // Worker processes write V8 CPU profiles there (and are stopped by SIGTERM to write them).
    profile: { type: 'string' },
  },
});
const repository = new URL('..', import.meta.url).pathname;
const cli = join(repository, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'kiln-queue-bench-'));
copyFileSync(
  join(repository, 'bench', 'fixtures', 'queue-objectives.mjs'),
  join(work, 'objectives.mjs'),
);
const clockTicks = 100;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? s[(s.length - 1) / 2]!
    : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Worker {
  child: ChildProcess;
  events: { event: string; job?: string; attempt?: number; at: number }[];
}

// `json`: with --json, its events (one line per job started and done) are read; without, as a
// worker usually runs, only its start is awaited.
async function startWorker(url: string, args: string[] = [], json = true): Promise<Worker> {
  const child = spawn(
    process.execPath,
    [
      ...(values.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', values.profile]),
      cli,
      ...['worker', '--queue', url, ...(json ? ['--json'] : []), '--threads', '1', ...args],
    ],
    { cwd: work, stdio: ['ignore', 'pipe', json ? 'inherit' : 'pipe'] },
  );
  const worker: Worker = { child, events: [] };
  if (!json) {
    let text = '';
    await new Promise<void>((resolve) =>
      child.stderr?.on('data', (chunk: Buffer) => {
        text += String(chunk);
        if (text.includes('takes jobs from')) resolve();
      }),
    );
    child.stderr?.pipe(process.stderr);
    return worker;
  }
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      if (line !== '') worker.events.push({ ...JSON.parse(line), at: performance.now() });
  });
  while (!worker.events.some((e) => e.event === 'ready'))
    await new Promise((r) => setTimeout(r, 50));
  return worker;
}

const stop = async (workers: Worker[]) => {
  const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const exits = alive.map((w) => new Promise((r) => w.child.once('exit', r)));
  for (const w of alive) w.child.kill(values.profile === undefined ? 'SIGKILL' : 'SIGTERM');
  await Promise.all(exits);
};

const noopTask = (x: number) => ({
  kind: 'evaluate' as const,
  problem: {
    module: 'objectives.mjs',
    export: 'noop',
    space: { x: { type: 'real', low: 0, high: 1 } },
  },
  baseDir: '.',
  space: 'mixed' as const,
  candidates: [{ x }],
  gradients: false,
});

// Commands Redis has run and the microseconds it spent in them (INFO commandstats).
async function redisCommands(
  url: string,
): Promise<{ calls: number; usec: number; byCommand: Map<string, number> }> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url);
  try {
    const text = await client.info('commandstats');
    let calls = 0;
    let usec = 0;
    const byCommand = new Map<string, number>();
    for (const match of text.matchAll(/cmdstat_([\w|]+):calls=(\d+),usec=(\d+)/g)) {
      calls += Number(match[2]);
      usec += Number(match[3]);
      byCommand.set(match[1]!, Number(match[2]));
    }
    return { calls, usec, byCommand };
  } finally {
    client.disconnect();
  }
}

// CPU of a process in ms, user and system time (`stat`: /proc/<pid>/stat, or a thread's
// /proc/<pid>/task/<tid>/stat).
function cpuTimes(stat: string): { user: number; system: number } {
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return {
    user: (Number(fields[11]) * 1000) / clockTicks,
    system: (Number(fields[12]) * 1000) / clockTicks,
  };
}

// Runs `jobs` jobs through `runOne`, 64 at a time, after a warm-up and a serial latency
// measurement, and reads the CPU each process spent on them.
async function measureJobs(
  round: number,
  url: string,
  redisPid: number,
  workerPid: number,
  runOne: (id: string, x: number) => Promise<unknown>,
) {
  const jobs = Number(values.jobs);
  // Warm up: the worker loads what it needs once.
  for (let i = 0; i < 20; i++) await runOne(`r${round}.warm.${i}`, i / 20);
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await runOne(`r${round}.serial.${i}`, i / 200);
    latencies.push(performance.now() - start);
  }
  await new Promise((r) => setTimeout(r, 300));
  const commandsBefore = await redisCommands(url);
  const read = () => ({
    worker: cpuTimes(`/proc/${workerPid}/stat`),
    workerMain: cpuTimes(`/proc/${workerPid}/task/${workerPid}/stat`),
    redis: cpuTimes(`/proc/${redisPid}/stat`),
    coordinator: process.cpuUsage(),
  });
  const before = read();
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < jobs) {
      const i = next++;
      await runOne(`r${round}.bulk.${i}`, i / jobs);
    }
  };
  await Promise.all(Array.from({ length: 64 }, lane));
  const wall = performance.now() - start;
  // Work done after each reply (trims, removals) finishes before the CPU is read.
  await new Promise((r) => setTimeout(r, 500));
  const after = read();
  const commandsAfter = await redisCommands(url);
  const perJob = (ms: number) => ms / jobs;
  const coordinator = {
    user: (after.coordinator.user - before.coordinator.user) / 1000,
    system: (after.coordinator.system - before.coordinator.system) / 1000,
  };
  const spent = (a: { user: number; system: number }, b: { user: number; system: number }) => ({
    user: b.user - a.user,
    system: b.system - a.system,
  });
  const worker = spent(before.worker, after.worker);
  const redis = spent(before.redis, after.redis);
  const total = (t: { user: number; system: number }) => t.user + t.system;
  const cpuMsPerJob = {
    worker: perJob(total(worker)),
    redis: perJob(total(redis)),
    coordinator: perJob(total(coordinator)),
  };
  return {
    jobs,
    latencyMedianMs: median(latencies),
    latencyP90Ms: [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.9)]!,
    jobsPerSecond: (jobs / wall) * 1000,
    // Counted by Redis itself: independent of the machine's load.
    redisCommandsPerJob: (commandsAfter.calls - commandsBefore.calls) / jobs,
    redisCommandMicrosecondsPerJob: (commandsAfter.usec - commandsBefore.usec) / jobs,
    redisCommandsPerJobByName: Object.fromEntries(
      [...commandsAfter.byCommand]
        .map(([name, calls]) => [name, (calls - (commandsBefore.byCommand.get(name) ?? 0)) / jobs])
        .filter(([, perJob]) => (perJob as number) >= 0.05)
        .sort((a, b) => (b[1] as number) - (a[1] as number)),
    ),
    cpuMsPerJob,
    cpuMsPerJobTotal: cpuMsPerJob.worker + cpuMsPerJob.redis + cpuMsPerJob.coordinator,
    // The worker process's main thread (the rest: its worker threads, V8's and libuv's), and
    // the kernel's share of each process (system time: socket writes, wake-ups).
    workerMainThreadMsPerJob: perJob(total(spent(before.workerMain, after.workerMain))),
    systemMsPerJob: {
      worker: perJob(worker.system),
      redis: perJob(redis.system),
      coordinator: perJob(coordinator.system),
    },
  };
}

// kiln: a `kiln worker` process of one thread, jobs sent by QueueClient (as `kiln tune` does).
async function overhead(round: number, url: string, redisPid: number) {
  // As a worker runs without --json: no line printed per job.
  const worker = await startWorker(
    url,
    values.prefetch === undefined ? [] : ['--prefetch', values.prefetch],
    false,
  );
  const client = await QueueClient.open(url);
  try {
    return await measureJobs(round, url, redisPid, worker.child.pid!, (id, x) =>
      client.run(id, noopTask(x)),
    );
  } finally {
    await client.close();
    await stop([worker]);
  }
}

// BullMQ's own floor: a bare BullMQ worker process (bench/fixtures/bullmq-floor-worker.mjs,
// processor on its main thread, `concurrency` jobs at a time) and a bare producer with the
// cheapest job options (removed when finished), one QueueEvents listener for all jobs.
async function bullmqFloor(
  round: number,
  concurrency: number,
  url: string,
  port: number,
  redisPid: number,
) {
  const { Queue, QueueEvents } = await import('bullmq');
  // A new queue each round, its events read from the start (none can be missed).
  const name = `bullmq-floor-${round}-${concurrency}`;
  const child = spawn(
    process.execPath,
    [
      join(repository, 'bench', 'fixtures', 'bullmq-floor-worker.mjs'),
      String(port),
      name,
      String(concurrency),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += String(chunk);
      if (text.includes('ready')) resolve();
    });
  });
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection, lastEventId: '0-0' });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const waiting = new Map<string, (value: unknown) => void>();
  events.on('completed', ({ jobId, returnvalue }) => waiting.get(jobId)?.(returnvalue));
  try {
    return await measureJobs(round, url, redisPid, child.pid!, async (id, x) => {
      const done = new Promise((resolve) => waiting.set(id, resolve));
      await queue.add('noop', { x }, { jobId: id, removeOnComplete: true, removeOnFail: true });
      await done;
      waiting.delete(id);
    });
  } finally {
    await Promise.all([queue.close(), events.close()]);
    const exit = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exit;
  }
}

async function killRecovery(url: string, lockSeconds: number) {
  const times: number[] = [];
  for (let k = 0; k < Number(values.kills); k++) {
    const workers = [
      await startWorker(url, ['--lock-seconds', String(lockSeconds)]),
      await startWorker(url, ['--lock-seconds', String(lockSeconds)]),
    ];
    const client = await QueueClient.open(url);
    const id = `kill.${lockSeconds}.${k}`;
    const reply = client.run(id, {
      ...noopTask(0.5),
      problem: { ...noopTask(0).problem, export: 'twoSeconds' },
    });
    let victim: Worker | undefined;
    while (victim === undefined) {
      victim = workers.find((w) => w.events.some((e) => e.event === 'start' && e.job === id));
      await new Promise((r) => setTimeout(r, 10));
    }
    const killedAt = performance.now();
    victim.child.kill('SIGKILL');
    const other = workers.find((w) => w !== victim)!;
    while (!other.events.some((e) => e.event === 'start' && e.job === id))
      await new Promise((r) => setTimeout(r, 10));
    times.push(other.events.find((e) => e.event === 'start' && e.job === id)!.at - killedAt);
    await reply;
    await client.close();
    await stop(workers);
  }
  return {
    lockSeconds,
    secondsToRerun: times.map((t) => Math.round(t) / 1000),
    medianSeconds: median(times) / 1000,
  };
}

async function digitsTrials(url: string) {
  const trials = Number(values.trials);
  const defaults = JSON.parse(readFileSync(join(repository, 'configs', 'default.json'), 'utf8'));
  // The default study's problem and seed; the same trials for both (random search, no pruner).
  const config = {
    problem: defaults.problem,
    solver: { type: 'random-search', batchSize: trials },
    budget: { evaluations: trials },
    seed: defaults.seed,
  };
  writeFileSync(join(work, 'digits.json'), JSON.stringify(config));
  const timeTune = async (args: string[]) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, 'tune', 'digits.json', '--json', ...args], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += String(c)));
    await new Promise((r) => child.on('exit', r));
    const study = JSON.parse(out) as { bestValue: number; elapsedMs: number };
    return {
      wallSeconds: (performance.now() - start) / 1000,
      searchSeconds: study.elapsedMs / 1000,
      bestValue: study.bestValue,
    };
  };
  const workers = [await startWorker(url), await startWorker(url)];
  const rounds: {
    local: Awaited<ReturnType<typeof timeTune>>;
    queue: Awaited<ReturnType<typeof timeTune>>;
  }[] = [];
  for (let round = 0; round < Number(values['trial-rounds']); round++) {
    mkdirSync(join(work, `r${round}`), { recursive: true });
    const local = await timeTune(['--workers', '1', '--output', `r${round}/local`]);
    const queue = await timeTune(['--queue', url, '--output', `r${round}/queue`]);
    rounds.push({ local, queue });
  }
  await stop(workers);
  const speedups = rounds.map((r) => r.local.searchSeconds / r.queue.searchSeconds);
  return {
    trials,
    rounds,
    speedups,
    medianSpeedup: median(speedups),
    sameBest: rounds.every((r) => r.local.bestValue === r.queue.bestValue),
  };
}

// Medians over rounds of the figures that matter, and every round.
function summarize(rounds: Awaited<ReturnType<typeof measureJobs>>[]) {
  const of = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  return {
    medians: {
      cpuMsPerJobTotal: of((r) => r.cpuMsPerJobTotal),
      cpuMsPerJob: {
        worker: of((r) => r.cpuMsPerJob.worker),
        redis: of((r) => r.cpuMsPerJob.redis),
        coordinator: of((r) => r.cpuMsPerJob.coordinator),
      },
      workerMainThreadMsPerJob: of((r) => r.workerMainThreadMsPerJob),
      redisCommandsPerJob: of((r) => r.redisCommandsPerJob),
      latencyMedianMs: of((r) => r.latencyMedianMs),
      jobsPerSecond: of((r) => r.jobsPerSecond),
    },
    rounds,
  };
}

const redis = await startRedisServer({ inheritErrors: true });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const result: Record<string, unknown> = { loadBefore: load() };
try {
  if (!values['skip-overhead']) {
    const kiln: Awaited<ReturnType<typeof overhead>>[] = [];
    const concurrencies = values['floor-concurrency'].split(',').map(Number);
    const floors = new Map(concurrencies.map((c) => [c, [] as typeof kiln]));
    for (let round = 0; round < Number(values.rounds); round++) {
      kiln.push(await overhead(round, redis.url, redis.child.pid!));
      console.log('overhead', JSON.stringify(kiln.at(-1)));
      if (values['skip-floor']) continue;
      for (const [concurrency, floor] of floors) {
        floor.push(await bullmqFloor(round, concurrency, redis.url, redis.port, redis.child.pid!));
        console.log(`floor (concurrency ${concurrency})`, JSON.stringify(floor.at(-1)));
      }
    }
    result.overhead = summarize(kiln);
    result.prefetch = values.prefetch ?? 'auto';
    if (!values['skip-floor']) {
      result.bullmqFloor = Object.fromEntries(
        [...floors].map(([concurrency, floor]) => [`concurrency${concurrency}`, summarize(floor)]),
      );
    }
  }
  if (!values['skip-recovery']) {
    result.recovery = [await killRecovery(redis.url, 1), await killRecovery(redis.url, 5)];
    console.log('recovery', JSON.stringify(result.recovery));
  }
  if (!values['skip-trials']) {
    result.digits = await digitsTrials(redis.url);
    console.log('digits', JSON.stringify(result.digits));
  }
} finally {
  await redis.stop();
}
result.loadAfter = load();
mkdirSync(join(repository, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(repository, 'bench', 'results', values.out),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
