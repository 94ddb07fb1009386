// Successive-halving rules replayed over unpruned study journals (every trial's per-epoch
// validation error is journaled): for each rule, the fold-epochs a pruned study would have spent
// on the same trials and the best validation error among the trials it would have let finish.
// Evaluation-bounded (no training), so the load of the machine does not matter; the TPE's
// reaction to pruned trials is not modelled, so the figures bound, not predict, a pruned study.
//
//   npx tsx bench/pruning-replay.ts --journals DIR1,DIR2,... [--lag 8] [--folds 3] [--name RESULT]
// (DIRn: output folders of unpruned studies, e.g. of bench/tune-pruning.ts --variants async,
// whose rows give their `output`.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promotable, rungSteps } from '../src/runners/pruners/successive-halving.js';
import { median, option, writeResult } from './results.js';

interface Trial {
  curve: [number, number][];
  value: number;
}

const folders = (option('journals') ?? '').split(',').filter((f) => f !== '');
if (folders.length === 0) throw new Error('--journals DIR1,DIR2,... is required');
const lag = Number(option('lag') ?? 8);
const folds = Number(option('folds') ?? 3);
const studies = folders.map((folder) => {
  const records = readFileSync(join(folder, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const trials: Trial[] = records
    .filter((r) => r.type === 'trial')
    .sort((a, b) => (a.number as number) - (b.number as number))
    .map((r) => ({
      curve: Object.entries(r.intermediate as Record<string, number>)
        .map(([step, value]): [number, number] => [Number(step), value])
        .sort((a, b) => a[0] - b[0]),
      value: r.value as number,
    }));
  return { seed: records[0]?.seed as number, trials };
});

interface Rule {
  minResource: number;
  factor: number;
  compareWith: 'earlier' | 'finished';
}

// The step each trial stops at under `rule`, trials judged in trial order.
function replay(trials: readonly Trial[], rule: Rule): { foldEpochs: number; best: number } {
  const rungs = rungSteps(rule.minResource, 60, rule.factor, 0);
  const atRung: Map<number, number>[] = [];
  let epochs = 0;
  let best = Infinity;
  trials.forEach((trial, k) => {
    const known = rule.compareWith === 'earlier' ? k : Math.max(0, k - lag);
    const last = trial.curve[trial.curve.length - 1]?.[0] ?? 0;
    let stopped = last;
    const mine = new Map<number, number>();
    for (const rung of rungs) {
      const reached = trial.curve.find(([step]) => step >= rung);
      if (reached === undefined) break;
      mine.set(rung, reached[1]);
      const competing = [reached[1]];
      for (let j = 0; j < known; j++) {
        const value = atRung[j]?.get(rung);
        if (value !== undefined) competing.push(value);
      }
      if (!promotable(reached[1], competing, rule.factor)) {
        stopped = reached[0];
        break;
      }
    }
    atRung.push(mine);
    epochs += stopped;
    if (stopped === last) best = Math.min(best, trial.value);
  });
  return { foldEpochs: folds * epochs, best };
}

const unpruned = studies.map(
  (s) => folds * s.trials.reduce((sum, t) => sum + (t.curve[t.curve.length - 1]?.[0] ?? 0), 0),
);
const rows: Record<string, unknown>[] = [];
for (const [minResource, factor] of [
  [3, 3],
  [1, 3],
  [2, 3],
  [1, 4],
  [3, 4],
  [60 / 9, 3],
] as const) {
  for (const compareWith of ['finished', 'earlier'] as const) {
    const results = studies.map((s) => replay(s.trials, { minResource, factor, compareWith }));
    const kept = results.map((r, i) => r.foldEpochs / (unpruned[i] as number));
    const row = {
      minResource: Number(minResource.toFixed(3)),
      factor,
      compareWith,
      seeds: studies.map((s) => s.seed),
      keptShare: kept.map((k) => Number(k.toFixed(3))),
      medianKeptShare: Number(median(kept).toFixed(3)),
      best: results.map((r) => Number(r.best.toFixed(5))),
      medianBest: Number(median(results.map((r) => r.best)).toFixed(5)),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
writeResult(option('name') ?? 'pruning-replay', { lag, folds, unpruned, rows });
