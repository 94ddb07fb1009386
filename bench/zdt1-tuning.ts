// ZDT1 (n = 30) as a tuning study: `kiln tune` with the module objective
// bench/peers/zdt1-objective.mjs and two objectives, the default multi-objective solver (motpe),
// one study per seed; the hypervolume of all trials (reference (11, 11)) after 100, 300 and
// 1,000 trials, read from the journal (trial k depends only on earlier trials, so the first 100
// trials of a 1,000-trial study are the 100-trial study). Optionally Optuna 3.1's TPESampler on
// the same problem side by side (bench/peers/optuna_zdt1.py, Debian's python3-optuna).
// `--solver` runs another solver of `kiln tune` instead, as JSON (for example
// '{"type": "nsga2", "populationSize": 50}', pymoo's setting of the reference figures).
// `--objective f2` makes each study (and Optuna's) single-objective on f2 alone, scored the same
// way. Every f1 is at most 1, so the hypervolume against (11, 11) is 10 (11 - min f2) plus at most
// 11: the lowest f2 found is printed beside it.
//
//   npx tsx bench/zdt1-tuning.ts [--seeds 5] [--trials 1000] [--workers 2] [--optuna 100]
//     [--solver JSON] [--objective both|f2] [--name RESULT]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hypervolume } from '../src/multi-objective/hypervolume.js';
import { ZDT_FUNCTIONS, type ZdtFunction } from '../src/problems/multi-objective/zdt.js';
import { readStudyJournal } from '../src/runners/study-recovery.js';
import { median, option, writeResult } from './results.js';

const seeds = Number(option('seeds') ?? 5);
const trials = Number(option('trials') ?? 1000);
const workers = Number(option('workers') ?? 2);
const optunaTrials = Number(option('optuna') ?? 0);
const objective = option('objective') ?? 'both';
if (objective !== 'both' && objective !== 'f2') throw new Error('--objective: both or f2');
const solver = JSON.parse(
  option('solver') ?? (objective === 'f2' ? '{"type": "tpe"}' : '{"type": "motpe"}'),
) as { type: string };
const marks = [100, 300, 1000].filter((m) => m <= trials);
const reference = [11, 11];
const root = join(import.meta.dirname, '..');

interface Scores {
  hypervolume: Record<number, number>;
  /** The lowest f2 among the first m trials, for each mark. */
  minF2: Record<number, number>;
  seconds: number;
}

const zdt1 = ZDT_FUNCTIONS.find((fn) => fn.name === 'zdt1') as ZdtFunction;

function kilnStudy(seed: number): Scores {
  const folder = mkdtempSync(join(tmpdir(), 'kiln-zdt1-'));
  const config = join(folder, 'tune.json');
  writeFileSync(
    config,
    JSON.stringify({
      problem: {
        module: join(root, 'bench', 'peers', 'zdt1-objective.mjs'),
        ...(objective === 'f2' ? { export: 'f2' } : {}),
      },
      space: { kind: 'real', lower: new Array(30).fill(0), upper: new Array(30).fill(1) },
      ...(objective === 'f2'
        ? {}
        : { objectives: [{ name: 'f1' }, { name: 'f2' }], referencePoint: { f1: 11, f2: 11 } }),
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
  // Both objectives from each finished trial's parameters, whichever the study optimized.
  const points = (readStudyJournal(join(folder, 'study'))?.trials ?? [])
    .filter((r) => r.status === 'complete')
    .map((r) => ({ number: r.number, f: zdt1.evaluate(r.params as number[]) }));
  const hv: Record<number, number> = {};
  const minF2: Record<number, number> = {};
  for (const m of marks) {
    const first = points.filter((r) => r.number <= m).map((r) => r.f);
    hv[m] = hypervolume(first, reference);
    minF2[m] = Math.min(...first.map((f) => f[1]));
  }
  return { hypervolume: hv, minF2, seconds };
}

function optunaStudy(seed: number): Scores {
  const out = execFileSync(
    '/usr/bin/python3',
    [join(root, 'bench', 'peers', 'optuna_zdt1.py'), String(optunaTrials), String(seed), objective],
    { encoding: 'utf8' },
  );
  const parsed = JSON.parse(out.trim().split('\n').pop() as string) as {
    marks: Record<number, number>;
    minF2: Record<number, number>;
    seconds: number;
  };
  return { hypervolume: parsed.marks, minF2: parsed.minF2, seconds: parsed.seconds };
}

interface SeedRun extends Scores {
  seed: number;
}
/** "m: hypervolume (min f2 ...)" for each mark. */
function marksText(run: Scores): string {
  return Object.keys(run.hypervolume)
    .map(Number)
    .map((m) => `${m}: ${run.hypervolume[m]?.toFixed(2)} (min f2 ${run.minF2[m]?.toFixed(3)})`)
    .join(', ');
}
const kiln: SeedRun[] = [];
const optuna: SeedRun[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const run = kilnStudy(seed);
  kiln.push({ seed, ...run });
  console.log(`kiln ${solver.type} seed ${seed}: ${marksText(run)} (${run.seconds.toFixed(0)} s)`);
  if (optunaTrials > 0) {
    const peer = optunaStudy(seed);
    optuna.push({ seed, ...peer });
    console.log(
      `Optuna 3.1 TPESampler seed ${seed}: ${marksText(peer)} (${peer.seconds.toFixed(0)} s)`,
    );
  }
}
const targets: Record<number, number> = { 100: 104.4, 1000: 110.4 };
const peerName = objective === 'f2' ? 'Optuna 3.1 TPE on f2' : 'Optuna 3.1 MOTPE';
console.log(
  `| trials | kiln ${solver.type} median [min, max] | min f2 | ${peerName} median | min f2 | target |`,
);
console.log('|---:|---|---:|---:|---:|---:|');
/** The median of one mark's figures over the runs that reached it, null without any. */
function medianAt(runs: readonly Scores[], m: number, of: 'hypervolume' | 'minF2'): number | null {
  const values = runs.map((r) => r[of][m]).filter((v): v is number => v !== undefined);
  return values.length > 0 ? median(values) : null;
}
const summary = marks.map((m) => {
  const values = kiln.map((r) => r.hypervolume[m] as number);
  const row = {
    trials: m,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    minF2: medianAt(kiln, m, 'minF2'),
    optunaMedian: medianAt(optuna, m, 'hypervolume'),
    optunaMinF2: medianAt(optuna, m, 'minF2'),
    target: objective === 'f2' ? null : (targets[m] ?? null),
  };
  console.log(
    `| ${m} | ${row.median.toFixed(1)} [${row.min.toFixed(1)}, ${row.max.toFixed(1)}] | ${row.minF2?.toFixed(3)} | ${row.optunaMedian?.toFixed(1) ?? '-'} | ${row.optunaMinF2?.toFixed(3) ?? '-'} | ${row.target ?? '-'} |`,
  );
  return row;
});
writeResult(option('name') ?? 'zdt1-tuning', {
  seeds,
  trials,
  workers,
  solver,
  objective,
  reference,
  kiln,
  optuna,
  summary,
});
