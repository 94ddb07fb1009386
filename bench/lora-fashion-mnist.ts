// Fashion-MNIST transfer (issue "Done when", last item): a base 784-512-256-10 trained on the
// shipped 3,000-image subset (20 epochs), then adapted for 10 epochs to inverted images (1 - x),
// where the base alone does badly: full fine-tuning, head only, LoRA rank 8 on every layer, and
// QLoRA rank 8 on the NF4 base (blocks of 64, double quantization), in float32 and with bfloat16
// compute. Per method: test accuracy, trainable fraction, base bytes, peak RSS, samples/s.
// Each adaptation runs in a process of its own (the base handed over as a model file), so that
// its peak RSS is its own; a process that loads the data and the base and trains nothing gives
// the floor every method's figure includes.
//
//   npx tsx bench/lora-fashion-mnist.ts [--seeds 3] [--dataset fashion-mnist-small]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { loadDataset } from '../src/training/data/datasets.js';
import { transformDataset } from '../src/training/data/transforms.js';
import type { TrainOptions } from '../src/training/train-options.js';
import { readModel } from '../src/training/model.js';
import { train } from '../src/training/train.js';
import { median, option, writeResult } from './results.js';

const seeds = Number(option('seeds') ?? 3);
const datasetName = option('dataset') ?? 'fashion-mnist-small';
const dataset = loadDataset(datasetName);
const inverted = transformDataset(dataset, { type: 'invert' });
const common: TrainOptions = {
  optimizer: { type: 'adam', learningRate: 0.001 },
  batchSize: 64,
  precision: 'float32',
  normalization: 'none',
};
const methods: [string, TrainOptions][] = [
  ['full fine-tuning', {}],
  ['head only', { freeze: [0, 1] }],
  ['LoRA r=8', { lora: { rank: 8, alpha: 8 } }],
  ['QLoRA r=8 (NF4)', { lora: { rank: 8, alpha: 8 }, baseQuantization: { type: 'nf4' } }],
  [
    'QLoRA r=8 (NF4, bf16)',
    {
      lora: { rank: 8, alpha: 8 },
      baseQuantization: { type: 'nf4' },
      computePrecision: 'bfloat16',
    },
  ],
];
const FLOOR = 'nothing trained (data and base loaded)';

// One adaptation in this process: `--child INDEX --seed S --base FILE` prints its row as JSON.
function adapt(index: number, seed: number, basePath: string): Record<string, unknown> {
  const initialModel = readModel(basePath);
  const entry = methods[index];
  if (entry === undefined)
    return { seed, method: FLOOR, peakRssBytes: resourceUsage().maxRSS * 1024 };
  const [method, extra] = entry;
  const r = train(inverted, { ...common, initialModel, epochs: 10, seed, ...extra });
  return {
    seed,
    method,
    testAccuracy: r.testAccuracy,
    trainableParameters: r.trainableParameters,
    trainableFraction: r.trainableParameters / (r.trainableParameters + r.frozenParameters),
    baseBytes: r.frozenParameters > 0 ? r.baseBytes : 4 * r.trainableParameters,
    adapterBytes: r.adapterBytes,
    optimizerStateBytes: r.optimizerStateBytes,
    peakRssBytes: resourceUsage().maxRSS * 1024,
    samplesPerSecond: r.samplesPerSecond,
  };
}

const child = option('child');
if (child !== undefined) {
  const row = adapt(Number(child), Number(option('seed')), option('base') as string);
  console.log(JSON.stringify(row));
  process.exit(0);
}

const folder = mkdtempSync(join(tmpdir(), 'kiln-lora-fashion-'));
const inChild = (index: number, seed: number, basePath: string): Record<string, unknown> => {
  const args = ['--import', 'tsx', import.meta.filename, '--dataset', datasetName];
  args.push('--child', String(index), '--seed', String(seed), '--base', basePath);
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
};

const rows: Record<string, unknown>[] = [];
for (let seed = 0; seed < seeds; seed++) {
  const base = train(dataset, { ...common, model: { hidden: [512, 256] }, epochs: 20, seed });
  const basePath = join(folder, `base-seed${seed}.json`);
  writeFileSync(basePath, JSON.stringify(base.model));
  const notAdapted = train(inverted, {
    ...common,
    initialModel: base.model,
    freeze: [0, 1],
    epochs: 1,
    learningRateSchedule: { type: 'constant' },
    optimizer: { type: 'sgd', learningRate: 1e-30 },
    seed,
  });
  console.log(
    `seed ${seed}: base ${(100 * (base.testAccuracy ?? 0)).toFixed(2)} on the original, ${(100 * (notAdapted.testAccuracy ?? 0)).toFixed(2)} on inverted images`,
  );
  rows.push({ seed, method: 'base on the original task', testAccuracy: base.testAccuracy });
  rows.push({ seed, method: 'base, not adapted', testAccuracy: notAdapted.testAccuracy });
  for (let index = 0; index <= methods.length; index++) {
    const row = inChild(index, seed, basePath);
    rows.push(row);
    const number = (key: string): number => (row[key] as number | undefined) ?? 0;
    console.log(
      `  ${String(row.method).padEnd(40)} ${(100 * number('testAccuracy')).toFixed(2)}  trainable ${number('trainableParameters')}  base ${number('baseBytes')} B  ${Math.round(number('samplesPerSecond'))} samples/s  peak RSS ${(number('peakRssBytes') / 1048576).toFixed(0)} MB`,
    );
  }
}
const names = ['base on the original task', 'base, not adapted', FLOOR, ...methods.map(([m]) => m)];
const table = names.map((method) => {
  const of = rows.filter((r) => r.method === method);
  const values = (key: string): number[] =>
    of.map((r) => r[key] as number).filter((v) => v !== undefined);
  const meanOf = (key: string): number | undefined => {
    const v = values(key);
    return v.length === 0 ? undefined : v.reduce((s, x) => s + x, 0) / v.length;
  };
  return {
    method,
    meanTestAccuracy: meanOf('testAccuracy'),
    trainableParameters: of[0]?.trainableParameters,
    trainableFraction: of[0]?.trainableFraction,
    baseBytes: of[0]?.baseBytes,
    medianPeakRssBytes:
      values('peakRssBytes').length > 0 ? median(values('peakRssBytes')) : undefined,
    medianSamplesPerSecond:
      values('samplesPerSecond').length > 0 ? median(values('samplesPerSecond')) : undefined,
  };
});
console.table(table);
writeResult(`lora-${dataset.name}`, {
  seeds,
  dataset: dataset.name,
  transform: 'invert',
  epochs: { base: 20, adaptation: 10 },
  table,
  rows,
});
