// Training speed of LoRA against QLoRA (the same adapters on an NF4 base) on Fashion-MNIST
// 784-512-256-10: a base trained for one epoch (speed does not depend on its accuracy), then
// alternating rounds of a few epochs of each method on inverted images; samples per second of
// training steps (forward, backward, optimizer) and per CPU-second of the whole training
// (process CPU time, evaluation included: steadier than wall time on a loaded machine), medians
// of the rounds, and the median of the per-round ratios QLoRA / LoRA.
//
//   npx tsx bench/lora-speed.ts [--rounds 5] [--epochs 2] [--rank 8] [--name lora-speed]
import { loadDataset } from '../src/training/data/datasets.js';
import { transformDataset } from '../src/training/data/transforms.js';
import type { TrainOptions } from '../src/training/train-options.js';
import { train } from '../src/training/train.js';
import { median, option, writeResult } from './results.js';

const rounds = Number(option('rounds') ?? 5);
const epochs = Number(option('epochs') ?? 2);
const rank = Number(option('rank') ?? 8);
const dataset = loadDataset(option('dataset') ?? 'fashion-mnist-small');
const inverted = transformDataset(dataset, { type: 'invert' });
const common: TrainOptions = {
  optimizer: { type: 'adam', learningRate: 0.001 },
  batchSize: 64,
  precision: 'float32',
  seed: 0,
};
const base = train(dataset, { ...common, model: { hidden: [512, 256] }, epochs: 1 }).model;
const methods: Record<string, TrainOptions> = {
  lora: { lora: { rank, alpha: 8 } },
  qlora: { lora: { rank, alpha: 8 }, baseQuantization: { type: 'nf4' } },
};
const speeds: Record<string, number[]> = { lora: [], qlora: [] };
const cpuSpeeds: Record<string, number[]> = { lora: [], qlora: [] };
const ratios: number[] = [];
const cpuRatios: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const [name, extra] of Object.entries(methods)) {
    const cpu = process.cpuUsage();
    const result = train(inverted, { ...common, initialModel: base, epochs, ...extra });
    const used = process.cpuUsage(cpu);
    speeds[name]?.push(result.samplesPerSecond);
    const samples = result.samples.train * epochs;
    cpuSpeeds[name]?.push(samples / ((used.user + used.system) / 1e6));
  }
  ratios.push((speeds.qlora?.at(-1) as number) / (speeds.lora?.at(-1) as number));
  cpuRatios.push((cpuSpeeds.qlora?.at(-1) as number) / (cpuSpeeds.lora?.at(-1) as number));
  console.log(
    `round ${round}: lora ${speeds.lora?.at(-1)?.toFixed(0)} samples/s, qlora ${speeds.qlora?.at(-1)?.toFixed(0)} samples/s`,
  );
}
const lora = median(speeds.lora ?? []);
const qlora = median(speeds.qlora ?? []);
const summary = {
  rounds,
  epochs,
  rank,
  network: '784-512-256-10',
  lora,
  qlora,
  ratio: median(ratios),
  loraPerCpuSecond: median(cpuSpeeds.lora ?? []),
  qloraPerCpuSecond: median(cpuSpeeds.qlora ?? []),
  cpuRatio: median(cpuRatios),
  speeds,
  cpuSpeeds,
};
console.log(JSON.stringify(summary, null, 2));
writeResult(option('name') ?? 'lora-speed', summary);
