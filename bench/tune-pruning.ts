// The default study (configs/default.json: digits, 3-fold, 60 trials, 2 workers) with the
// asynchronous TPE, without pruning and with the pruner of configs/default-asha.json: best
// validation error, test accuracy, fold-epochs, search time and CPU time (all threads of the
// process), pruned trials; whether the model-based phase beat the best startup trial; and the
// diversity of the trials pending together (optimizer runs, mean pairwise distance against
// 8 random candidates).
//
//   npx tsx bench/tune-pruning.ts [--variants async,asha,asha-budget] [--seeds 1,2,3,4,5]
//     [--workers 2] [--epochs 7077] [--pruner JSON] [--name RESULT]
// The `asha` variants use configs/default-asha.json's pruner, or the one of --pruner (any type).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solvers } from '../src/algorithms/registry.js';
import type { TuneConfig } from '../src/config/tune-config.js';
import type { ProblemConfig } from '../src/config/run-config.js';
import { createRng } from '../src/core/rng.js';
import { buildProblem } from '../src/problems/build.js';
import type { PrunerConfig } from '../src/runners/pruners/pruner-config.js';
import { runStudy } from '../src/runners/study.js';
import type { TrialRecord } from '../src/runners/study-journal.js';
import { median, option, writeResult } from './results.js';

const variants = (option('variants') ?? 'async,asha,asha-budget').split(',');
const seeds = (option('seeds') ?? '1,2,3,4,5').split(',').map(Number);
const workers = Number(option('workers') ?? 2);
const unprunedEpochs = Number(option('epochs') ?? 7077);
const prunerOption = option('pruner');
const configs = join(import.meta.dirname, '..', 'configs');
const config = JSON.parse(readFileSync(join(configs, 'default.json'), 'utf8')) as TuneConfig;
const ashaConfig = JSON.parse(
  readFileSync(join(configs, 'default-asha.json'), 'utf8'),
) as TuneConfig;
const problem = await buildProblem(config.problem as ProblemConfig, { baseDir: configs });
const space = problem.space;
const { type, ...configParams } = config.solver ?? { type: 'tpe' };
const params = configParams;
// The random phase: the startup trials and the lag (trials proposed before any result is known).
const lag = typeof params.lag === 'number' ? params.lag : 8;
const startupTrials = 10;

// Mean pairwise distance of embeddings, divided by sqrt(dimension).
function spread(points: readonly unknown[]): number {
  const vectors = points.map((x) => space.toVector(x));
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const a = vectors[i] as number[];
      const b = vectors[j] as number[];
      sum += Math.sqrt(a.reduce((s, v, d) => s + (v - (b[d] as number)) ** 2, 0) / a.length);
      pairs++;
    }
  }
  return sum / pairs;
}
const rng = createRng('random-spread');
const randomSpread = median(
  Array.from({ length: 200 }, () => spread(Array.from({ length: 8 }, () => space.sample(rng)))),
);

const rows: Record<string, unknown>[] = [];
for (const variant of variants) {
  for (const seed of seeds) {
    const output = mkdtempSync(join(tmpdir(), `kiln-bench-pruning-${variant}-`));
    const pruner: PrunerConfig | undefined = variant.startsWith('asha')
      ? prunerOption === undefined
        ? (ashaConfig.pruner ?? { type: 'asha' })
        : (JSON.parse(prunerOption) as PrunerConfig)
      : undefined;
    const budget = variant === 'asha-budget' ? { epochs: unprunedEpochs } : config.budget;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const study = await runStudy({
      problem,
      solver: solvers.get(type),
      params,
      budget,
      seed,
      workers,
      baseDir: configs,
      output,
      ...(pruner === undefined ? {} : { pruner }),
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const trials = readFileSync(join(output, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TrialRecord)
      .filter((record) => record.type === 'trial')
      .sort((a, b) => a.number - b.number);
    const randomPhase = startupTrials + lag;
    const bestOf = (list: TrialRecord[]) =>
      Math.min(...list.filter((t) => t.status === 'complete').map((t) => t.value as number));
    const bestStartup = bestOf(trials.slice(0, randomPhase));
    const bestModel = bestOf(trials.slice(randomPhase));
    let longestRun = 0;
    for (let k = 0; k + 8 <= trials.length; k++) {
      const window = trials
        .slice(k, k + 8)
        .map((t) => (t.params as { optimizer: string }).optimizer);
      const counts = new Map<string, number>();
      for (const o of window) counts.set(o, (counts.get(o) ?? 0) + 1);
      longestRun = Math.max(longestRun, ...counts.values());
    }
    const pendingSpreads: number[] = [];
    for (let k = randomPhase; k + 8 <= trials.length; k++) {
      pendingSpreads.push(spread(trials.slice(k, k + 8).map((t) => t.params)));
    }
    const row = {
      variant,
      seed,
      workers,
      output,
      trials: study.trials,
      prunedTrials: study.prunedTrials,
      foldEpochs: study.epochs,
      searchSeconds: Number((study.elapsedMs / 1000).toFixed(1)),
      seconds: Number(seconds.toFixed(1)),
      cpuSeconds: Number(cpuSeconds.toFixed(1)),
      bestValidationError: Number(study.bestValue.toFixed(5)),
      bestTrial: study.bestTrial,
      testAccuracy: study.report?.testAccuracy ?? null,
      bestStartup: Number(bestStartup.toFixed(5)),
      modelImproved: bestModel < bestStartup,
      mostOfOneOptimizerIn8: longestRun,
      pendingSpreadRatio: Number((median(pendingSpreads) / randomSpread).toFixed(3)),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
for (const variant of variants) {
  const mine = rows.filter((r) => r.variant === variant);
  const m = (key: string) => median(mine.map((r) => Number(r[key])));
  console.log(
    `${variant}: median validation ${m('bestValidationError')}, test ${m('testAccuracy')}, fold-epochs ${m('foldEpochs')}, search s ${m('searchSeconds')}, CPU s ${m('cpuSeconds')}, trials ${m('trials')}, model improved in ${mine.filter((r) => r.modelImproved).length}/${mine.length}`,
  );
}
writeResult(option('name') ?? 'tune-pruning', { randomSpread, rows });
