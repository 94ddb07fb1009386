// Time and fingerprint of the multi-objective TPE (`kiln run` with solver motpe): DTLZ2 on 3 (and
// 4) objectives and ZDT1, each for a few evaluation budgets and seeds. A run's fingerprint hashes
// every evaluated candidate and its objective values, in evaluation order, so that a speed change
// can show it changed no trial. With --against PATH, the same runs with another checkout's src/
// alternate with this one's, round by round, in one process; the table gives each version's
// median wall and CPU milliseconds (the process's, so garbage collection threads count) and says
// whether the fingerprints agree.
//
//   npx tsx bench/motpe-speed.ts [--problems dtlz2,dtlz2-4,zdt1] [--evaluations 100,400,1000]
//     [--seeds 1] [--rounds 3] [--against PATH] [--name motpe-speed]
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Problem } from '../src/core/problem.js';
import { dtlz2Problem, zdtProblem } from '../src/problems/multi-objective/factories.js';
import { ZDT_FUNCTIONS } from '../src/problems/multi-objective/zdt.js';
import { minimize } from '../src/runners/minimize.js';
import { median, option, writeResult } from './results.js';

type Minimize = typeof minimize;

const problemNames = (option('problems') ?? 'dtlz2,zdt1').split(',');
const budgets = (option('evaluations') ?? '100,400,1000').split(',').map(Number);
const seeds = (option('seeds') ?? '1').split(',').map(Number);
const rounds = Number(option('rounds') ?? 3);
const against = option('against');
const versions: [string, Minimize][] = [['this checkout', minimize]];
if (against !== undefined) {
  const url = pathToFileURL(resolve(against, 'src/runners/minimize.ts')).href;
  const module = (await import(url)) as { minimize: Minimize };
  versions.push([`--against ${against}`, module.minimize]);
}

function problemOf(name: string): Problem<number[]> {
  if (name === 'dtlz2') return dtlz2Problem({ objectives: 3 });
  if (name === 'dtlz2-4') return dtlz2Problem({ objectives: 4 });
  const fn = ZDT_FUNCTIONS.find((f) => f.name === name);
  if (fn === undefined) throw new Error(`--problems: unknown ${name}; known: dtlz2, dtlz2-4, zdt*`);
  return zdtProblem(fn);
}

// One run: its wall time and the hash of every evaluated candidate and objective vector.
async function timedRun(
  run: Minimize,
  name: string,
  evaluations: number,
  seed: number,
): Promise<{ ms: number; cpuMs: number; fingerprint: string; hypervolume: number }> {
  const problem = problemOf(name);
  const hash = createHash('sha256');
  const evaluate = problem.evaluateObjectives as (x: number[]) => number[];
  const recorded: Problem<number[]> = {
    ...problem,
    evaluateObjectives: (x: number[]) => {
      const values = evaluate(x);
      hash.update(new Float64Array(x));
      hash.update(new Float64Array(values));
      return values;
    },
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await run(recorded, 'motpe', { budget: { evaluations }, seed });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const hypervolume = result.hypervolume ?? NaN;
  hash.update(new Float64Array([hypervolume]));
  return { ms, cpuMs, fingerprint: hash.digest('hex').slice(0, 16), hypervolume };
}

const rows: {
  problem: string;
  evaluations: number;
  seed: number;
  version: string;
  medianMs: number;
  medianCpuMs: number;
  fingerprint: string;
  hypervolume: number;
}[] = [];
for (const name of problemNames) {
  for (const evaluations of budgets) {
    for (const seed of seeds) {
      const timings = versions.map(() => [] as number[]);
      const cpuTimings = versions.map(() => [] as number[]);
      const prints = versions.map(() => '');
      const volumes = versions.map(() => NaN);
      for (let round = 0; round < rounds; round++) {
        for (const [v, [, run]] of versions.entries()) {
          const outcome = await timedRun(run, name, evaluations, seed);
          const { ms, cpuMs, fingerprint, hypervolume } = outcome;
          (timings[v] as number[]).push(ms);
          (cpuTimings[v] as number[]).push(cpuMs);
          prints[v] = fingerprint;
          volumes[v] = hypervolume;
        }
      }
      versions.forEach(([version], v) => {
        const row = {
          problem: name,
          evaluations,
          seed,
          version,
          medianMs: Math.round(median(timings[v] as number[])),
          medianCpuMs: Math.round(median(cpuTimings[v] as number[])),
          fingerprint: prints[v] as string,
          hypervolume: volumes[v] as number,
        };
        rows.push(row);
        const cells = [
          name.padEnd(8),
          String(evaluations).padStart(5),
          `seed ${seed}`,
          version.padEnd(30),
          `${String(row.medianMs).padStart(7)} ms`,
          `${String(row.medianCpuMs).padStart(7)} ms cpu`,
          row.fingerprint,
          `hv ${row.hypervolume}`,
        ];
        console.log(cells.join('  '));
      });
      if (versions.length > 1 && new Set(prints).size > 1) {
        console.log('  FINGERPRINTS DIFFER: the versions evaluated different trials');
      }
    }
  }
}
writeResult(option('name') ?? 'motpe-speed', { rounds, against: against ?? null, rows });
