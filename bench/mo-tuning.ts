// Multi-objective tuning studies beyond ZDT1: `kiln tune` on the registry's ZDT and DTLZ2
// problems and on the shipped digits accuracy-against-bytes study, one study per seed and
// setting, with the hypervolume of all trials against a fixed reference point after each mark.
// Trial k depends only on earlier trials, so the first m trials of a longer study are the
// m-trial study. Evaluation-bounded (the digits study measures error and bytes, never time),
// so machine load does not change the figures. Several `--solver` settings are run side by
// side, each seed in turn.
//
//   npx tsx bench/mo-tuning.ts [--problems zdt1,zdt2,zdt3,zdt4,zdt6,dtlz2,digits,fashion] [--seeds 10]
//     [--trials 100] [--marks 100,300] [--solvers JSON-ARRAY] [--name RESULT]
//
// `digits` runs configs/tune-digits-accuracy-bytes.json (80 trials of its own budget unless
// --trials says otherwise; 2 workers) and reports the hypervolume against (error 0.2, bytes
// 20,000), the region where its fronts lie; `fashion` runs
// configs/tune-fashion-mnist-small-accuracy-bytes.json (60 trials) against (0.3, 20,000). Alone
// in --problems, a shipped study's mark is its own budget.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hypervolume } from '../src/multi-objective/hypervolume.js';
import { readStudyJournal } from '../src/runners/study-recovery.js';
import { median, option, writeResult } from './results.js';

const root = join(import.meta.dirname, '..');
const problems = (option('problems') ?? 'zdt1,zdt2,zdt3,zdt4,zdt6,dtlz2,digits').split(',');
const seeds = Number(option('seeds') ?? 10);
const trials = Number(option('trials') ?? 100);
/** The shipped studies: their config and own budget (their mark when --trials is not given). */
const SHIPPED: Record<string, { config: string; trials: number }> = {
  digits: { config: 'tune-digits-accuracy-bytes.json', trials: 80 },
  fashion: { config: 'tune-fashion-mnist-small-accuracy-bytes.json', trials: 60 },
};
const shippedAlone = problems.length === 1 ? SHIPPED[problems[0] as string] : undefined;
const defaultMark = option('trials') === undefined && shippedAlone ? shippedAlone.trials : trials;
const marks = (option('marks') ?? String(defaultMark)).split(',').map(Number);
const solvers = JSON.parse(
  option('solvers') ?? '[{"type": "motpe"}, {"type": "motpe", "goodFraction": 0.1, "maxGood": 25}]',
) as object[];

/**
 * Reference points: TUNING.md's (11, 11) of ZDT1 for the ZDT problems (ZDT4's second objective
 * starts in the hundreds: 300), 4 per objective for DTLZ2, and for the shipped studies the region
 * where their fronts lie.
 */
const REFERENCES: Record<string, number[]> = {
  zdt1: [11, 11],
  zdt2: [11, 11],
  zdt3: [11, 11],
  zdt4: [11, 300],
  zdt6: [11, 11],
  dtlz2: [4, 4, 4],
  digits: [0.2, 20_000],
  fashion: [0.3, 20_000],
};

for (const problem of problems) {
  if (REFERENCES[problem] === undefined) {
    throw new Error(`--problems: unknown ${problem}; known: ${Object.keys(REFERENCES).join(', ')}`);
  }
}

function studyConfig(problem: string, solver: object, seed: number, output: string): object {
  const shipped = SHIPPED[problem];
  if (shipped === undefined) {
    return {
      problem: { type: problem },
      budget: { evaluations: trials },
      solver,
      seed,
      workers: 1,
      output,
    };
  }
  const path = join(root, 'configs', shipped.config);
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  const budget = option('trials') === undefined ? config.budget : { evaluations: trials };
  return { ...config, budget, solver, seed, output };
}

/** The hypervolume of a study's first m trials, for each mark. */
function study(problem: string, solver: object, seed: number): Record<number, number> {
  const folder = mkdtempSync(join(tmpdir(), 'kiln-mo-tuning-'));
  try {
    const config = join(folder, 'tune.json');
    writeFileSync(
      config,
      JSON.stringify(studyConfig(problem, solver, seed, join(folder, 'study'))),
    );
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'tune', config, '--json'],
      { cwd: join(root, 'configs'), stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 },
    );
    const finished = (readStudyJournal(join(folder, 'study'))?.trials ?? []).filter((r) =>
      Array.isArray(r.values),
    );
    const result: Record<number, number> = {};
    for (const mark of marks) {
      const values = finished.filter((r) => r.number <= mark).map((r) => r.values as number[]);
      result[mark] = hypervolume(values, REFERENCES[problem] as number[]);
    }
    return result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface Row {
  problem: string;
  solver: object;
  mark: number;
  median: number;
  values: number[];
}
const rows: Row[] = [];
for (const problem of problems) {
  const perSolver = solvers.map(() => [] as Record<number, number>[]);
  for (let seed = 1; seed <= seeds; seed++) {
    solvers.forEach((solver, k) => {
      const hv = study(problem, solver, seed);
      perSolver[k]!.push(hv);
      const text = marks.map((m) => `${m}: ${hv[m]?.toPrecision(6)}`).join(', ');
      console.error(`${problem} seed ${seed} ${JSON.stringify(solver)}: ${text}`);
    });
  }
  solvers.forEach((solver, k) => {
    for (const mark of marks) {
      const values = perSolver[k]!.map((hv) => hv[mark] as number);
      rows.push({ problem, solver, mark, median: median(values), values });
    }
  });
}

console.log('| problem | trials | solver | median hypervolume | per seed |');
console.log('|---|---:|---|---:|---|');
for (const row of rows) {
  const perSeed = row.values.map((v) => v.toPrecision(5)).join(' ');
  console.log(
    `| ${row.problem} | ${row.mark} | \`${JSON.stringify(row.solver)}\` | ${row.median.toPrecision(5)} | ${perSeed} |`,
  );
}
writeResult(option('name') ?? 'mo-tuning', { seeds, trials, marks, references: REFERENCES, rows });
