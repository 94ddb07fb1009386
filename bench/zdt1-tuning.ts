// ZDT1 (n = 30) as a tuning study: `kiln tune` with the module objective
// bench/peers/zdt1-objective.mjs and two objectives, the default multi-objective solver (motpe),
// one study per seed; the hypervolume of all trials (reference (11, 11)) after 100, 300 and
// 1,000 trials, read from the journal (trial k depends only on earlier trials, so the first 100
// trials of a 1,000-trial study are the 100-trial study). Optionally Optuna 3.1's TPESampler on
// the same problem side by side (bench/peers/optuna_zdt1.py, Debian's python3-optuna).
// `--solver` runs another solver of `kiln tune` instead, as JSON (for example
// '{"type": "nsga2", "populationSize": 50}', pymoo's setting of the reference figures).
//
//   npx tsx bench/zdt1-tuning.ts [--seeds 5] [--trials 1000] [--workers 2] [--optuna 100]
//     [--solver JSON] [--name RESULT]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hypervolume } from '../src/multi-objective/hypervolume.js';
import { median, option, writeResult } from './results.js';

const seeds = Number(option('seeds') ?? 5);
const trials = Number(option('trials') ?? 1000);
const workers = Number(option('workers') ?? 2);
const optunaTrials = Number(option('optuna') ?? 0);
const solver = JSON.parse(option('solver') ?? '{"type": "motpe"}') as { type: string };
const marks = [100, 300, 1000].filter((m) => m <= trials);
const reference = [11, 11];
const root = join(import.meta.dirname, '..');

function kilnStudy(seed: number): { hypervolume: Record<number, number>; seconds: number } {
  const folder = mkdtempSync(join(tmpdir(), 'kiln-zdt1-'));
  const config = join(folder, 'tune.json');
  writeFileSync(
    config,
    JSON.stringify({
      problem: { module: join(root, 'bench', 'peers', 'zdt1-objective.mjs') },
      space: { kind: 'real', lower: new Array(30).fill(0), upper: new Array(30).fill(1) },
      objectives: [{ name: 'f1' }, { name: 'f2' }],
      referencePoint: { f1: 11, f2: 11 },
      budget: { evaluations: trials },
      solver,
      seed,
      workers,
      output: join(folder, 'study'),
    }),
  );
  const began = performance.now();
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'tune', config, '--json'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1 << 28,
    },
  );
  const seconds = (performance.now() - began) / 1000;
  const values = readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; number: number; values?: number[] | null })
    .filter((r) => r.type === 'trial' && Array.isArray(r.values))
    .sort((a, b) => a.number - b.number);
  const hv: Record<number, number> = {};
  for (const m of marks)
    hv[m] = hypervolume(
      values.filter((r) => r.number <= m).map((r) => r.values as number[]),
      reference,
    );
  return { hypervolume: hv, seconds };
}

function optunaStudy(seed: number): { hypervolume: Record<number, number>; seconds: number } {
  const out = execFileSync(
    '/usr/bin/python3',
    [join(root, 'bench', 'peers', 'optuna_zdt1.py'), String(optunaTrials), String(seed)],
    { encoding: 'utf8' },
  );
  const parsed = JSON.parse(out.trim().split('\n').pop() as string) as {
    marks: Record<number, number>;
    seconds: number;
  };
  return { hypervolume: parsed.marks, seconds: parsed.seconds };
}

interface SeedRun {
  seed: number;
  hypervolume: Record<number, number>;
  seconds: number;
}
const kiln: SeedRun[] = [];
const optuna: SeedRun[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const run = kilnStudy(seed);
  kiln.push({ seed, ...run });
  console.log(
    `kiln ${solver.type} seed ${seed}: ${marks.map((m) => `${m}: ${run.hypervolume[m]?.toFixed(2)}`).join(', ')} (${run.seconds.toFixed(0)} s)`,
  );
  if (optunaTrials > 0) {
    const peer = optunaStudy(seed);
    optuna.push({ seed, ...peer });
    console.log(
      `Optuna 3.1 TPESampler seed ${seed}: ${Object.entries(peer.hypervolume)
        .map(([m, v]) => `${m}: ${v.toFixed(2)}`)
        .join(', ')} (${peer.seconds.toFixed(0)} s)`,
    );
  }
}
const targets: Record<number, number> = { 100: 104.4, 1000: 110.4 };
console.log(
  `| trials | kiln ${solver.type} median [min, max] | Optuna 3.1 MOTPE median | target |`,
);
console.log('|---:|---|---:|---:|');
const summary = marks.map((m) => {
  const values = kiln.map((r) => r.hypervolume[m] as number);
  const peer = optuna.map((r) => r.hypervolume[m]).filter((v): v is number => v !== undefined);
  const row = {
    trials: m,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    optunaMedian: peer.length > 0 ? median(peer) : null,
    target: targets[m] ?? null,
  };
  console.log(
    `| ${m} | ${row.median.toFixed(1)} [${row.min.toFixed(1)}, ${row.max.toFixed(1)}] | ${row.optunaMedian?.toFixed(1) ?? '-'} | ${row.target ?? '-'} |`,
  );
  return row;
});
writeResult(option('name') ?? 'zdt1-tuning', {
  seeds,
  trials,
  workers,
  solver,
  reference,
  kiln,
  optuna,
  summary,
});
