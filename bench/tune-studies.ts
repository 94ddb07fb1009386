// The tuning targets: the shipped studies (configs/default.json on digits, tune-wine,
// tune-breast-cancer), each with 1 and with 2 worker threads: wall time, best validation error
// and test accuracy after retraining. Both pool sizes run the same trials (same seed), so the
// time ratio is the speed-up of the pool on real training trials. `--seeds` runs each study
// with other seeds than its config's (how much the outcome depends on the seed). `--solver JSON`
// replaces each config's solver block (e.g. '{"type": "gaussian-process"}').
//
//   npx tsx bench/tune-studies.ts [--studies default,tune-wine,tune-breast-cancer] [--workers 1,2]
//     [--seeds 1,2,3] [--solver JSON] [--name RESULT]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { solvers } from '../src/algorithms/registry.js';
import { DEFAULT_TUNE_SOLVER, type TuneConfig } from '../src/config/tune-config.js';
import type { ProblemConfig } from '../src/config/run-config.js';
import { buildProblem } from '../src/problems/build.js';
import { runStudy } from '../src/runners/study.js';
import { writeResult } from './results.js';

const { values: args } = parseArgs({
  options: {
    studies: { type: 'string', default: 'default,tune-wine,tune-breast-cancer' },
    workers: { type: 'string', default: '1,2' },
    seeds: { type: 'string' },
    solver: { type: 'string' },
    name: { type: 'string', default: 'tune-studies' },
  },
});
const configs = join(import.meta.dirname, '..', 'configs');
const rows: Record<string, unknown>[] = [];
for (const name of args.studies.split(',')) {
  const config = JSON.parse(readFileSync(join(configs, `${name}.json`), 'utf8')) as TuneConfig;
  const problem = await buildProblem(config.problem as ProblemConfig, { baseDir: configs });
  const solverBlock =
    args.solver === undefined
      ? (config.solver ?? DEFAULT_TUNE_SOLVER)
      : (JSON.parse(args.solver) as NonNullable<TuneConfig['solver']>);
  const { type, ...params } = solverBlock;
  const seeds = args.seeds?.split(',').map(Number) ?? [config.seed ?? 1];
  for (const [seed, workers] of seeds.flatMap((s) =>
    args.workers.split(',').map((w) => [s, Number(w)] as const),
  )) {
    const output = mkdtempSync(join(tmpdir(), `kiln-bench-${name}-`));
    const start = performance.now();
    const study = await runStudy({
      problem,
      solver: solvers.get(type),
      params,
      budget: config.budget,
      seed,
      workers,
      baseDir: configs,
      output,
    });
    const seconds = (performance.now() - start) / 1000;
    const row = {
      study: name,
      solver: type,
      dataset: (config.problem as ProblemConfig).dataset,
      seed,
      workers,
      trials: study.trials,
      seconds: Number(seconds.toFixed(1)),
      searchSeconds: Number((study.elapsedMs / 1000).toFixed(1)),
      trialsPerSecond: Number((study.trials / (study.elapsedMs / 1000)).toFixed(3)),
      bestValidationError: Number(study.bestValue.toFixed(4)),
      testAccuracy:
        typeof study.report?.testAccuracy === 'number'
          ? Number(study.report.testAccuracy.toFixed(4))
          : null,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
console.log(
  '\n| study | seed | workers | trials | search s | total s | trials/s | validation error | test accuracy |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${String(r.study)} | ${String(r.seed)} | ${String(r.workers)} | ${String(r.trials)} | ${String(r.searchSeconds)} | ${String(r.seconds)} | ${String(r.trialsPerSecond)} | ${String(r.bestValidationError)} | ${String(r.testAccuracy)} |`,
  );
}
writeResult(args.name, { rows });
