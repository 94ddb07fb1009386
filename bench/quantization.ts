// Quantization on digits 64-256-10 (Adam 1e-3, batch 64, float32, the reference split), per seed:
// float test accuracy; post-training quantization (int8, 3-bit and 2-bit per-row weights, 8-bit
// MinMax activations calibrated on the training rows); quantization-aware training at 3 and 2 bits
// (10 epochs from the float model, Adam 1e-4) with the agreement of the converted model with the
// fake-quantized one; then inference samples per second, kiln float32 against kiln int8 (the same
// rows, rounds alternating, medians), and the parameter bytes.
//
//   npx tsx bench/quantization.ts [--seeds 5] [--epochs 100] [--qat-epochs 10] [--rounds 7]
//     [--qat-range narrow|full] [--name RESULT]
import { loadDataset } from '../src/training/data/datasets.js';
import type { ModelDocument } from '../src/training/model.js';
import { predict, predictOutputs } from '../src/training/predict.js';
import { quantizeModel } from '../src/training/quantization/quantize-model.js';
import {
  floatModelBytes,
  quantizedModelBytes,
  type AnyModelDocument,
} from '../src/training/quantization/quantized-model.js';
import { train } from '../src/training/train.js';
import { median, option, writeResult } from './results.js';

const seeds = Number(option('seeds') ?? 5);
const epochs = Number(option('epochs') ?? 100);
const qatEpochs = Number(option('qat-epochs') ?? 10);
const rounds = Number(option('rounds') ?? 7);
const qatRange = (option('qat-range') ?? 'full') as 'narrow' | 'full';
const name = option('name') ?? 'quantization';

const digits = loadDataset('digits');
const d = digits.featureNames.length;
const split = digits.split ?? { train: [], test: [] };
const rows = (indices: readonly number[]): Float64Array => {
  const out = new Float64Array(indices.length * d);
  indices.forEach((r, i) => out.set(digits.features.subarray(r * d, (r + 1) * d), i * d));
  return out;
};
const trainRows = rows(split.train);
const testRows = rows(split.test);
const accuracy = (model: AnyModelDocument): number => {
  const { values } = predict(model, testRows, split.test.length);
  return split.test.filter((r, i) => values[i] === digits.labels[r]).length / split.test.length;
};
const common = {
  model: { hidden: [256] },
  batchSize: 64,
  precision: 'float32' as const,
  split: { train: split.train, test: split.test },
};

interface SeedResult {
  seed: number;
  float: number;
  ptq: Record<string, number>;
  qat: Record<string, { accuracy: number; fakeQuantized: number | null; agreement: number | null }>;
}
const perSeed: SeedResult[] = [];
let lastFloat: ModelDocument | undefined;
for (let seed = 1; seed <= seeds; seed++) {
  const float = train(digits, {
    ...common,
    optimizer: { type: 'adam', learningRate: 1e-3 },
    epochs,
    seed,
  });
  lastFloat = float.model;
  const result: SeedResult = { seed, float: accuracy(float.model), ptq: {}, qat: {} };
  for (const bits of [8, 3, 2] as const)
    result.ptq[bits] = accuracy(
      quantizeModel(float.model, trainRows, split.train.length, { weightBits: bits }),
    );
  for (const bits of [3, 2] as const) {
    const qat = train(digits, {
      ...common,
      optimizer: { type: 'adam', learningRate: 1e-4 },
      epochs: qatEpochs,
      seed,
      initialModel: float.model,
      quantization: { weights: { bits, range: qatRange } },
    });
    result.qat[bits] = {
      accuracy: qat.quantization?.testAccuracy ?? NaN,
      fakeQuantized: qat.testAccuracy,
      agreement: qat.quantization?.agreement ?? null,
    };
  }
  perSeed.push(result);
  const pp = (a: number): string => (100 * a).toFixed(2);
  console.log(
    `seed ${seed}: float ${pp(result.float)}  PTQ int8 ${pp(result.ptq[8] ?? NaN)} 3-bit ${pp(result.ptq[3] ?? NaN)} 2-bit ${pp(result.ptq[2] ?? NaN)}  QAT 3-bit ${pp(result.qat[3]?.accuracy ?? NaN)} (agreement ${result.qat[3]?.agreement}) 2-bit ${pp(result.qat[2]?.accuracy ?? NaN)} (agreement ${result.qat[2]?.agreement})`,
  );
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const testCount = split.test.length;
const summary: Record<string, unknown> = {};
const drop = (
  values: number[],
): { meanDropPp: number; worstDropPp: number; worstDropRows: number } => {
  const drops = perSeed.map((s, i) => s.float - (values[i] as number));
  return {
    meanDropPp: 100 * mean(drops),
    worstDropPp: 100 * Math.max(...drops),
    worstDropRows: Math.round(Math.max(...drops) * testCount),
  };
};
summary.floatMean = 100 * mean(perSeed.map((s) => s.float));
for (const bits of [8, 3, 2])
  summary[`ptq${bits}`] = {
    meanPp: 100 * mean(perSeed.map((s) => s.ptq[bits] as number)),
    ...drop(perSeed.map((s) => s.ptq[bits] as number)),
  };
for (const bits of [3, 2])
  summary[`qat${bits}`] = {
    meanPp: 100 * mean(perSeed.map((s) => s.qat[bits]?.accuracy as number)),
    ...drop(perSeed.map((s) => s.qat[bits]?.accuracy as number)),
    minAgreement: Math.min(...perSeed.map((s) => s.qat[bits]?.agreement ?? 0)),
  };
console.log(JSON.stringify(summary, null, 2));

// Inference speed: all 1,797 rows, float32 kernels against integer kernels, alternating rounds.
const model = lastFloat as ModelDocument;
const quantized = quantizeModel(model, trainRows, split.train.length);
const all = Float64Array.from(digits.features);
const n = digits.samples;
const rates: { float: number[]; int8: number[] } = { float: [], int8: [] };
const time = (m: AnyModelDocument): number => {
  const began = performance.now();
  for (let r = 0; r < 10; r++) predictOutputs(m, all, n);
  return (10 * n * 1000) / (performance.now() - began);
};
time(model);
time(quantized);
for (let r = 0; r < rounds; r++) {
  rates.float.push(time(model));
  rates.int8.push(time(quantized));
}
const speed = {
  floatSamplesPerSecond: median(rates.float),
  int8SamplesPerSecond: median(rates.int8),
  ratio: median(rates.int8.map((v, i) => v / (rates.float[i] as number))),
};
const bytes = { float: floatModelBytes(model), int8: quantizedModelBytes(quantized) };
console.log(
  `inference: float32 ${Math.round(speed.floatSamplesPerSecond)} samples/s, int8 ${Math.round(speed.int8SamplesPerSecond)} samples/s, ratio ${speed.ratio.toFixed(2)}x; bytes ${bytes.float} -> ${bytes.int8} (${(bytes.float / bytes.int8).toFixed(3)}x)`,
);
writeResult(name, {
  seeds,
  epochs,
  qatEpochs,
  perSeed,
  summary,
  speed,
  bytes,
  compressionRatio: bytes.float / bytes.int8,
});
