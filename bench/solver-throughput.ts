// Solver throughput on cheap objectives: evaluations per CPU-second of every population and
// trajectory solver (each variant) in `minimize`, on sphere and rastrigin at d = 10 and 30, next
// to a bare sample-and-evaluate loop measured in the same round and the Python peers' figures
// (../shared/refs/peers.md); the heap allocated per candidate; and differential evolution on
// rastrigin d = 10 against SciPy's differential_evolution run side by side.
//
// Rounds are interleaved (bare loop, every solver, SciPy; then again), rates are CPU time
// (process.cpuUsage), and each solver's ratio to the bare loop is taken within its round.
//
//   npx tsx bench/solver-throughput.ts [--evaluations N] [--rounds R] [--only text,text]
//                                      [--no-scipy] [--no-allocation]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '../src/core/rng.js';
import type { Problem } from '../src/core/problem.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeResult } from './results.js';
import { ENTRIES, PEERS, type Entry } from './solver-entries.js';

const { values: options } = parseArgs({
  options: {
    evaluations: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string' },
    'no-scipy': { type: 'boolean', default: false },
    'no-allocation': { type: 'boolean', default: false },
    'allocation-child': { type: 'boolean', default: false },
  },
});
const evaluations = Number(options.evaluations);
const rounds = Number(options.rounds);

// --only takes comma-separated parts of labels: 'CMA-ES,particle'.
const onlyParts = options.only?.split(',');
const entries = ENTRIES.filter(
  (e) => onlyParts === undefined || onlyParts.some((part) => e.label.includes(part)),
);

interface Case {
  function: string;
  dimension: 10 | 30;
  problem: Problem<number[]>;
}
const cases: Case[] = [];
for (const name of ['sphere', 'rastrigin']) {
  for (const dimension of [10, 30] as const) {
    const fn = TEST_FUNCTIONS.find((f) => f.name === name);
    if (fn === undefined) throw new Error(`${name} is missing from the suite`);
    cases.push({
      function: name,
      dimension,
      problem: continuousProblem(fn, { dimension, shifted: false }),
    });
  }
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

// What any solver must pay: draw a point in the box and evaluate it.
function bareLoop(problem: Problem<number[]>, count: number): number {
  const rng = createRng(1).fork('solver');
  let best = Infinity;
  const since = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const value = problem.evaluate(problem.space.sample(rng)) as number;
    if (value < best) best = value;
  }
  const seconds = cpuSeconds(since);
  if (best < 0) throw new Error('impossible: both functions are >= 0');
  return count / seconds;
}

async function solverRun(entry: Entry, problem: Problem<number[]>, count: number, seed: number) {
  const since = process.cpuUsage();
  const result = await minimize(problem, entry.solver, {
    budget: { evaluations: count },
    params: entry.params,
    seed,
  });
  return { perSecond: result.evaluations / cpuSeconds(since), bestValue: result.bestValue };
}

// Heap bytes allocated per candidate: run in a child with a young generation large enough that
// no collection happens during one run, so that heap growth is the allocation.
async function allocationChild(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the allocation child needs --expose-gc');
  const count = 20_000;
  const out: Record<string, Record<string, number | null>> = {};
  const measure = async (run: () => unknown): Promise<number | null> => {
    await run(); // warm-up: compiled code, module state
    gc();
    const { PerformanceObserver } = await import('node:perf_hooks');
    let collections = 0;
    const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
    observer.observe({ entryTypes: ['gc'] });
    const before = process.memoryUsage().heapUsed;
    await run();
    const after = process.memoryUsage().heapUsed;
    await new Promise((resolve) => setTimeout(resolve, 10));
    observer.disconnect();
    return collections > 0 ? null : (after - before) / count;
  };
  for (const c of cases) {
    const key = `${c.function}-${c.dimension}`;
    out[key] = { 'bare loop': await measure(() => bareLoop(c.problem, count)) };
    for (const entry of entries) {
      out[key][entry.label] = await measure(() => solverRun(entry, c.problem, count, 1));
    }
  }
  process.stdout.write(JSON.stringify(out));
}

function allocationFromChild(): Record<string, Record<string, number | null>> | undefined {
  const script = fileURLToPath(import.meta.url);
  const args = [
    '--import',
    'tsx',
    '--expose-gc',
    '--min-semi-space-size=256',
    '--max-semi-space-size=256',
    script,
    '--allocation-child',
    ...(options.only === undefined ? [] : ['--only', options.only]),
  ];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    console.error(`allocation child failed: ${child.stderr}`);
    return undefined;
  }
  return JSON.parse(child.stdout) as Record<string, Record<string, number | null>>;
}

// SciPy's differential_evolution (defaults) on rastrigin d = 10: evaluations per CPU-second.
const SCIPY_SCRIPT = `
import time, numpy as np
from scipy.optimize import differential_evolution
def rastrigin(x):
    return 10.0 * x.size + float(np.sum(x * x - 10.0 * np.cos(2.0 * np.pi * x)))
bounds = [(-5.12, 5.12)] * 10
start = time.process_time()
result = differential_evolution(rastrigin, bounds, maxiter=60, tol=0, seed=1)
seconds = time.process_time() - start
print(result.nfev / seconds)
`;
function scipyRate(): number | undefined {
  const child = spawnSync('/usr/bin/python3', ['-c', SCIPY_SCRIPT], { encoding: 'utf8' });
  if (child.status !== 0) {
    console.error(`SciPy run failed (apt-get install -y python3-scipy): ${child.stderr}`);
    return undefined;
  }
  return Number(child.stdout.trim());
}

if (options['allocation-child']) {
  await allocationChild();
  process.exit(0);
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
// rates[case][label] and ratios[case][label], one value per round.
const rates = new Map<string, Map<string, number[]>>();
const ratios = new Map<string, Map<string, number[]>>();
const push = (table: typeof rates, key: string, label: string, value: number): void => {
  const row = table.get(key) ?? new Map<string, number[]>();
  table.set(key, row);
  row.set(label, [...(row.get(label) ?? []), value]);
};
const scipy: number[] = [];
const deOverScipy: number[] = [];

// Warm-up: one short pass so that every round measures compiled code.
for (const c of cases) {
  bareLoop(c.problem, 20_000);
  for (const entry of entries) await solverRun(entry, c.problem, 20_000, 99);
}

for (let round = 0; round < rounds; round++) {
  for (const c of cases) {
    const key = `${c.function}-${c.dimension}`;
    const bare = bareLoop(c.problem, evaluations);
    push(rates, key, 'bare loop', bare);
    for (const entry of entries) {
      const { perSecond } = await solverRun(entry, c.problem, evaluations, round + 1);
      push(rates, key, entry.label, perSecond);
      push(ratios, key, entry.label, perSecond / bare);
    }
  }
  if (!options['no-scipy'] && entries.some((e) => e.label === 'DE lshade (default)')) {
    const rate = scipyRate();
    const de = rates.get('rastrigin-10')?.get('DE lshade (default)')?.[round];
    if (rate !== undefined && de !== undefined) {
      scipy.push(rate);
      deOverScipy.push(de / rate);
    }
  }
  console.error(`round ${round + 1} of ${rounds} done`);
}

const allocation = options['no-allocation'] ? undefined : allocationFromChild();
const document: Record<string, unknown> = { evaluations, rounds, cases: {} };
for (const c of cases) {
  const key = `${c.function}-${c.dimension}`;
  const bare = median(rates.get(key)?.get('bare loop') ?? [NaN]);
  console.log(
    `\n${c.function} d=${c.dimension}, ${count(evaluations)} evaluations per run, median of ${rounds} interleaved rounds, one thread, per CPU-second`,
  );
  console.log(
    '| solver | evaluations/s | x bare loop | Python peer /s | x peer | heap bytes/candidate |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  const heap = (label: string): string => {
    const bytes = allocation?.[key]?.[label];
    return bytes === undefined ? 'n/a' : bytes === null ? 'collected' : count(bytes);
  };
  console.log(`| bare loop | ${count(bare)} | 1 | | | ${heap('bare loop')} |`);
  const rows: Record<string, unknown>[] = [
    {
      solver: 'bare loop',
      perSecond: Math.round(bare),
      heapBytesPerCandidate: allocation?.[key]?.['bare loop'] ?? null,
    },
  ];
  for (const entry of entries) {
    const rate = median(rates.get(key)?.get(entry.label) ?? [NaN]);
    const ratio = median(ratios.get(key)?.get(entry.label) ?? [NaN]);
    const peers: Record<number, number | undefined> | undefined =
      entry.peer === undefined ? undefined : PEERS[entry.peer];
    const peer = peers?.[c.dimension];
    console.log(
      `| ${entry.label} | ${count(rate)} | ${ratio.toFixed(3)} | ${peer === undefined ? '' : `${count(peer)} (${entry.peer})`} | ${peer === undefined ? '' : `${(rate / peer).toFixed(1)}x`} | ${heap(entry.label)} |`,
    );
    rows.push({
      solver: entry.label,
      params: entry.params,
      perSecond: Math.round(rate),
      ratioToBare: Number(ratio.toFixed(4)),
      peer: entry.peer ?? null,
      peerPerSecond: peer ?? null,
      heapBytesPerCandidate: allocation?.[key]?.[entry.label] ?? null,
    });
  }
  (document.cases as Record<string, unknown>)[key] = rows;
}
if (scipy.length > 0) {
  const summary = {
    scipyPerSecond: Math.round(median(scipy)),
    deOverScipy: Number(median(deOverScipy).toFixed(1)),
    target: 50,
  };
  console.log(
    `\nDE (defaults) on rastrigin d=10: SciPy differential_evolution ${count(summary.scipyPerSecond)}/s measured side by side; kiln / SciPy ${summary.deOverScipy}x (median of ${scipy.length} rounds; target >= 50x)`,
  );
  document.scipy = summary;
}
writeResult('solver-throughput', document);
