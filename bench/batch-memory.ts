// Memory and throughput of `kiln batch` on large grids: 1,000, 10,000 and 100,000 runs with a
// tiny budget per run (so that the batch machinery, not the solvers, dominates), each in a
// fresh process, reporting peak RSS (main thread and worker threads together), the heap after
// the batch, runs per second and the journal size. Bounded memory shows as a peak RSS that
// hardly grows from 1,000 to 100,000 runs.
//
//   npx tsx bench/batch-memory.ts [--runs 1000,10000,100000] [--workers 2] [--evaluations 20]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BatchConfig } from '../src/config/batch-config.js';
import { runBatch } from '../src/runners/batch/runner.js';
import { writeResult } from './results.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000,10000,100000' },
    workers: { type: 'string', default: '2' },
    evaluations: { type: 'string', default: '20' },
    child: { type: 'string' },
  },
});

interface Measure {
  runs: number;
  seconds: number;
  runsPerSecond: number;
  peakRssMiB: number;
  heapUsedMiB: number;
  peakHeapUsedMiB: number;
  journalMiB: number;
}

// 10 problems x 2 solver variants x runs / 20 seeds: many groups, many plots, many seeds.
function config(runs: number): BatchConfig {
  return {
    problems: [
      { type: 'sphere', dimensions: [2, 5, 10, 20, 30] },
      { type: 'rastrigin', dimensions: [2, 5, 10, 20, 30] },
    ],
    solvers: [
      { type: 'random-search', variants: { one: { batchSize: 1 }, eight: { batchSize: 8 } } },
    ],
    seeds: Math.max(1, Math.round(runs / 20)),
    budget: { evaluations: Number(values.evaluations) },
    target: 1,
    tracePoints: 100,
    workers: Number(values.workers),
  };
}

async function child(runs: number): Promise<void> {
  const output = mkdtempSync(join(tmpdir(), 'kiln-batch-memory-'));
  let peakHeap = 0;
  const start = performance.now();
  const result = await runBatch(config(runs), {
    output,
    onProgress: (p) => {
      if ((p.completed + p.failed) % 200 === 0)
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const mib = 1024 * 1024;
  const heapUsed = process.memoryUsage().heapUsed;
  const measure: Measure = {
    runs: result.runs,
    seconds,
    runsPerSecond: result.runs / seconds,
    peakRssMiB: (process.resourceUsage().maxRSS * 1024) / mib,
    heapUsedMiB: heapUsed / mib,
    peakHeapUsedMiB: Math.max(peakHeap, heapUsed) / mib,
    journalMiB: statSync(join(output, 'journal.jsonl')).size / mib,
  };
  rmSync(output, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

function main(): void {
  const sizes = (values.runs ?? '').split(',').map(Number);
  const rows: Measure[] = [];
  for (const runs of sizes) {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        import.meta.filename,
        '--child',
        String(runs),
        '--workers',
        values.workers,
        '--evaluations',
        values.evaluations,
      ],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (run.status !== 0) throw new Error(`child for ${runs} runs failed:\n${run.stderr}`);
    const lines = run.stdout.trim().split('\n');
    rows.push(JSON.parse(lines[lines.length - 1] as string) as Measure);
  }
  console.log('runs     seconds  runs/s  peak RSS MiB  peak heap MiB  heap after MiB  journal MiB');
  for (const r of rows)
    console.log(
      `${String(r.runs).padEnd(8)} ${r.seconds.toFixed(1).padStart(7)}  ${r.runsPerSecond.toFixed(0).padStart(6)}  ${r.peakRssMiB.toFixed(0).padStart(12)}  ${r.peakHeapUsedMiB.toFixed(1).padStart(13)}  ${r.heapUsedMiB.toFixed(1).padStart(14)}  ${r.journalMiB.toFixed(1).padStart(11)}`,
    );
  writeResult('batch-memory', {
    workers: Number(values.workers),
    evaluationsPerRun: Number(values.evaluations),
    rows,
  });
}

if (values.child !== undefined) await child(Number(values.child));
else main();
