// Test accuracy of the shipped train configs (configs/train-*.json) over several seeds, on the
// reference test split, next to the scikit-learn default-MLP figures of ../shared/refs/README.md
// (standardized features; digits' target is 97% with Adam's defaults and early stopping).
//
//   npx tsx bench/train-accuracy.ts [--seeds 10] [--only digits]
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { configDataset, configOptions, loadTrainConfig } from '../src/cli/train-inputs.js';
import { train } from '../src/training/train.js';
import { median, writeResult } from './results.js';

const ANCHORS: Record<string, { config: string; sklearn: number; target: number }> = {
  iris: { config: 'train-iris.json', sklearn: 0.993, target: 0.993 },
  wine: { config: 'train-wine.json', sklearn: 1.0, target: 1.0 },
  breast_cancer: { config: 'train-breast-cancer.json', sklearn: 0.951, target: 0.951 },
  digits: { config: 'train-digits.json', sklearn: 0.976, target: 0.97 },
};

const { values: args } = parseArgs({
  options: { seeds: { type: 'string', default: '10' }, only: { type: 'string' } },
});
const seeds = Number(args.seeds);
const folder = join(import.meta.dirname, '..', 'configs');
const rows: Record<string, unknown>[] = [];
console.log('dataset        seeds  mean    min     max     median epochs  sklearn  target  met');
for (const [name, anchor] of Object.entries(ANCHORS)) {
  if (args.only !== undefined && args.only !== name) continue;
  const path = join(folder, anchor.config);
  const config = loadTrainConfig(path);
  const dataset = configDataset(config, dirname(path));
  const options = configOptions(config, dirname(path));
  const accuracies: number[] = [];
  const epochs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const result = train(dataset, { ...options, seed });
    accuracies.push(result.testAccuracy ?? NaN);
    epochs.push(result.epochs);
  }
  const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
  const met = mean >= anchor.target - 1e-9;
  rows.push({
    dataset: name,
    config: `configs/${anchor.config}`,
    seeds,
    meanTestAccuracy: mean,
    minTestAccuracy: Math.min(...accuracies),
    maxTestAccuracy: Math.max(...accuracies),
    accuracies,
    medianEpochs: median(epochs),
    sklearnDefaultMlp: anchor.sklearn,
    target: anchor.target,
    met,
  });
  console.log(
    `${name.padEnd(14)} ${String(seeds).padStart(5)}  ${mean.toFixed(4)}  ${Math.min(...accuracies).toFixed(4)}  ${Math.max(...accuracies).toFixed(4)}  ${String(median(epochs)).padStart(13)}  ${anchor.sklearn.toFixed(3)}    ${anchor.target.toFixed(3)}   ${met ? 'yes' : 'NO'}`,
  );
}
writeResult('train-accuracy', { seeds, rows });
