// Inference samples per second, kiln's float32 kernels against its integer (int8) kernels on the
// same model and rows: `predictOutputs` over every test row per call (setup included), rounds
// alternating, per wall second and per CPU-second (the steadier figure on a shared machine),
// medians and the median of the per-round ratios. Target: int8 >= 1.5x float32.
// The model comes from bench/fashion-mnist.ts --save-models DIR (`--models DIR --seed N`), or is
// trained here on digits (64-256-10, 20 epochs) and quantized after training.
//
//   npx tsx bench/inference-speed.ts [--dataset digits|fashion-mnist] [--models DIR] [--seed 0]
//     [--rounds 7] [--name RESULT]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../src/training/data/datasets.js';
import { predictOutputs } from '../src/training/predict.js';
import { quantizeModel } from '../src/training/quantization/quantize-model.js';
import type { AnyModelDocument } from '../src/training/quantization/quantized-model.js';
import { checkAnyModel } from '../src/training/read-any-model.js';
import { train } from '../src/training/train.js';
import { median, option, writeResult } from './results.js';

const datasetName = option('dataset') ?? 'digits';
const folder = option('models');
const seed = Number(option('seed') ?? 0);
const rounds = Number(option('rounds') ?? 7);
const dataset = loadDataset(datasetName);
const d = dataset.featureNames.length;
const split = dataset.split ?? { train: [], test: [] };
const rows = (indices: readonly number[]): Float32Array => {
  const out = new Float32Array(indices.length * d);
  indices.forEach((r, i) => out.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
  return out;
};

let float: AnyModelDocument;
let int8: AnyModelDocument;
if (folder !== undefined) {
  const read = (file: string): AnyModelDocument =>
    checkAnyModel(JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown, file);
  float = read(`float-seed-${seed}.json`);
  int8 = read(`int8-seed-${seed}.json`);
} else {
  const { model } = train(dataset, {
    model: { hidden: [256] },
    optimizer: { type: 'adam', learningRate: 1e-3 },
    batchSize: 64,
    epochs: 20,
    precision: 'float32',
    seed,
  });
  float = model;
  const calibration = Float64Array.from(rows(split.train));
  int8 = quantizeModel(model, calibration, split.train.length);
}
const features = rows(split.test.length > 0 ? split.test : split.train);
const n = features.length / d;
const repeats = Math.max(1, Math.round(20000 / n));
const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const time = (model: AnyModelDocument): Rate => {
  const wall = performance.now();
  const cpu = cpuMs();
  for (let r = 0; r < repeats; r++) predictOutputs(model, features, n);
  const samples = repeats * n * 1000;
  return { wall: samples / (performance.now() - wall), cpu: samples / (cpuMs() - cpu) };
};
time(float);
time(int8);
interface Rate {
  wall: number;
  cpu: number;
}
const rates: { float: Rate[]; int8: Rate[] } = { float: [], int8: [] };
for (let r = 0; r < rounds; r++) {
  rates.float.push(time(float));
  rates.int8.push(time(int8));
}
const summary = {
  dataset: datasetName,
  network: [float.architecture.inputs, ...float.architecture.hidden, float.architecture.outputs]
    .map(String)
    .join('-'),
  rows: n,
  callsPerRound: repeats,
  floatSamplesPerSecond: Math.round(median(rates.float.map((r) => r.wall))),
  int8SamplesPerSecond: Math.round(median(rates.int8.map((r) => r.wall))),
  ratio: median(rates.int8.map((r, i) => r.wall / (rates.float[i]?.wall as number))),
  floatSamplesPerCpuSecond: Math.round(median(rates.float.map((r) => r.cpu))),
  int8SamplesPerCpuSecond: Math.round(median(rates.int8.map((r) => r.cpu))),
  cpuRatio: median(rates.int8.map((r, i) => r.cpu / (rates.float[i]?.cpu as number))),
};
console.log(
  `${summary.dataset} ${summary.network}, ${n} rows per call: float32 ${summary.floatSamplesPerSecond}/s (${summary.floatSamplesPerCpuSecond} per CPU-s), int8 ${summary.int8SamplesPerSecond}/s (${summary.int8SamplesPerCpuSecond} per CPU-s); int8/float32 ${summary.ratio.toFixed(2)}x wall, ${summary.cpuRatio.toFixed(2)}x CPU`,
);
writeResult(option('name') ?? `inference-speed-${datasetName}`, { ...summary, rates });
