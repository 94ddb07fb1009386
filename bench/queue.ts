// The queue (BullMQ over a private redis-server): per-job overhead of no-op jobs (CPU of the
// worker process, Redis and the coordinator per job; round-trip latency one job at a time), the
// default study's digits trials on 2 worker processes against one local thread, and the time
// from a worker's SIGKILL to its job running again on another worker.
//
//   npm run build && npx tsx bench/queue.ts [--jobs 1000] [--trials 4] [--kills 3] [--skip-overhead]
//     [--skip-recovery] [--skip-trials] [--profile DIR]
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
    kills: { type: 'string', default: '3' },
    'skip-trials': { type: 'boolean', default: false },
    'skip-overhead': { type: 'boolean', default: false },
    'skip-recovery': { type: 'boolean', default: false },
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

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
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

async function overhead(url: string, redisPid: number) {
  const jobs = Number(values.jobs);
  // As a worker runs without --json: no line printed per job.
  const worker = await startWorker(url, [], false);
  const client = await QueueClient.open(url);
  // Warm up: the worker thread loads the module once.
  for (let i = 0; i < 20; i++) await client.run(`warm.${i}`, noopTask(i / 20));
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await client.run(`serial.${i}`, noopTask(i / 200));
    latencies.push(performance.now() - start);
  }
  await new Promise((r) => setTimeout(r, 300));
  const commandsBefore = await redisCommands(url);
  const before = {
    worker: cpuMs(worker.child.pid!),
    redis: cpuMs(redisPid),
    coordinator: process.cpuUsage(),
  };
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < jobs) {
      const i = next++;
      await client.run(`bulk.${i}`, noopTask(i / jobs));
    }
  };
  await Promise.all(Array.from({ length: 64 }, lane));
  const wall = performance.now() - start;
  // Removals run after each reply: let them finish before reading the CPU.
  await new Promise((r) => setTimeout(r, 500));
  const coordinator = process.cpuUsage(before.coordinator);
  const commandsAfter = await redisCommands(url);
  const result = {
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
    cpuMsPerJob: {
      worker: (cpuMs(worker.child.pid!) - before.worker) / jobs,
      redis: (cpuMs(redisPid) - before.redis) / jobs,
      coordinator: (coordinator.user + coordinator.system) / 1000 / jobs,
    },
  };
  await client.close();
  await stop([worker]);
  return {
    ...result,
    cpuMsPerJobTotal:
      result.cpuMsPerJob.worker + result.cpuMsPerJob.redis + result.cpuMsPerJob.coordinator,
  };
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
  for (let round = 0; round < 2; round++) {
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

const redis = await startRedisServer({ inheritErrors: true });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const result: Record<string, unknown> = { loadBefore: load() };
try {
  if (!values['skip-overhead']) {
    result.overhead = await overhead(redis.url, redis.child.pid!);
    console.log('overhead', JSON.stringify(result.overhead));
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
  join(repository, 'bench', 'results', 'queue.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
