// Fashion-MNIST (60,000 training, 10,000 test images) with a 784-256-10 ReLU network, float32,
// Adam (learning rate 1e-3), batch 64, pixels in [0, 1]: kiln's test accuracy, training samples
// per second (median epoch) and peak RSS, next to PyTorch 1.13 CPU with one thread on the same
// network and data (bench/python/fashion_mnist_torch.py), run one after the other per seed.
// Rates per CPU-second are recorded too: on a shared machine they are the steadier comparison.
// Each seed's float model is then quantized after training (int8 per-row weights, MinMax uint8
// activations calibrated on the first --calibration training rows) and its test accuracy taken
// with the integer kernels; --save-models DIR writes both models there (for bench/onnx-check.ts
// and bench/inference-speed.ts). PyTorch can run fewer epochs than kiln (--torch-epochs): its
// speed is the median epoch, its accuracy is then not comparable.
// Targets: test accuracy >= 0.885 after about 20 epochs; kiln/PyTorch samples/s >= 1.0; int8
// drop <= 0.3 pp.
//
//   npx tsx bench/fashion-mnist.ts [--epochs 20] [--seeds 1] [--hidden 256] [--no-torch]
//     [--torch-epochs N] [--calibration 10000] [--save-models DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset } from '../src/training/data/datasets.js';
import { predict } from '../src/training/predict.js';
import { quantizeModel } from '../src/training/quantization/quantize-model.js';
import type { AnyModelDocument } from '../src/training/quantization/quantized-model.js';
import { TrainingSession } from '../src/training/training-session.js';
import { median, writeResult } from './results.js';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '20' },
    seeds: { type: 'string', default: '1' },
    hidden: { type: 'string', default: '256' },
    'no-torch': { type: 'boolean', default: false },
    'torch-epochs': { type: 'string' },
    calibration: { type: 'string', default: '10000' },
    'save-models': { type: 'string' },
  },
});
const epochs = Number(args.epochs);
const torchEpochs = Number(args['torch-epochs'] ?? args.epochs);
const hidden = Number(args.hidden);
const megabytes = (kilobytes: number): number => Math.round(kilobytes / 1024);

const rssBefore = megabytes(process.resourceUsage().maxRSS);
const loadStart = performance.now();
const dataset = loadDataset('fashion-mnist');
const loadSeconds = (performance.now() - loadStart) / 1000;
const rssAfterLoad = megabytes(process.resourceUsage().maxRSS);
console.log(
  `loaded ${dataset.samples} images in ${loadSeconds.toFixed(1)} s; peak RSS ${rssBefore} MB before, ${rssAfterLoad} MB after`,
);

const split = dataset.split ?? { train: [], test: [] };
const d = dataset.featureNames.length;
const rows = (indices: readonly number[]): Float64Array => {
  const out = new Float64Array(indices.length * d);
  indices.forEach((r, i) => out.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
  return out;
};
const calibrationRows = split.train.slice(0, Number(args.calibration));
const calibration = rows(calibrationRows);
const testFeatures = rows(split.test);
const accuracy = (model: AnyModelDocument): number => {
  const { values } = predict(model, testFeatures, split.test.length);
  return split.test.filter((r, i) => values[i] === dataset.labels[r]).length / split.test.length;
};

interface Run {
  seed: number;
  testAccuracy: number;
  int8TestAccuracy?: number;
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  peakRssMb: number;
}

function kiln(seed: number): Run {
  const session = new TrainingSession(dataset, {
    model: { hidden: [hidden] },
    optimizer: { type: 'adam', learningRate: 0.001 },
    batchSize: 64,
    epochs,
    precision: 'float32',
    normalization: 'none',
    seed,
  });
  const rates: number[] = [];
  const cpuRates: number[] = [];
  const rows = session.split.train.length;
  while (!session.done) {
    const since = process.cpuUsage();
    const start = performance.now();
    session.runEpoch();
    rates.push(rows / ((performance.now() - start) / 1000));
    const used = process.cpuUsage(since);
    cpuRates.push(rows / ((used.user + used.system) / 1e6));
  }
  const result = session.finish();
  const quantized = quantizeModel(result.model, calibration, calibrationRows.length);
  const folder = args['save-models'];
  if (folder !== undefined) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `float-seed-${seed}.json`), JSON.stringify(result.model));
    writeFileSync(join(folder, `int8-seed-${seed}.json`), JSON.stringify(quantized));
  }
  return {
    seed,
    testAccuracy: result.testAccuracy ?? NaN,
    int8TestAccuracy: accuracy(quantized),
    samplesPerSecond: median(rates),
    samplesPerCpuSecond: median(cpuRates),
    peakRssMb: megabytes(process.resourceUsage().maxRSS),
  };
}

function torch(seed: number): Run | undefined {
  if (args['no-torch']) return undefined;
  const script = join(import.meta.dirname, 'python', 'fashion_mnist_torch.py');
  const run = spawnSync(
    '/usr/bin/python3',
    [script, '--epochs', String(torchEpochs), '--hidden', String(hidden), '--seed', String(seed)],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.log(`PyTorch run failed (apt-get install -y python3-torch?): ${run.stderr.trim()}`);
    return undefined;
  }
  const parsed = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as Omit<Run, 'seed'>;
  return { seed, ...parsed };
}

const kilnRuns: Run[] = [];
const torchRuns: Run[] = [];
console.log(
  'seed  kiln acc  int8 acc  kiln/s   per CPU-s  kiln RSS  torch acc  torch/s  per CPU-s  torch RSS  ratio  CPU ratio',
);
const cell = (v: number | undefined, width = 6): string =>
  v === undefined ? '-'.padStart(width) : Math.round(v).toString().padStart(width);
for (let seed = 0; seed < Number(args.seeds); seed++) {
  const k = kiln(seed);
  const t = torch(seed);
  kilnRuns.push(k);
  if (t !== undefined) torchRuns.push(t);
  console.log(
    [
      String(seed).padEnd(4),
      k.testAccuracy.toFixed(4).padStart(8),
      (k.int8TestAccuracy ?? NaN).toFixed(4).padStart(8),
      cell(k.samplesPerSecond),
      cell(k.samplesPerCpuSecond, 9),
      `${cell(k.peakRssMb, 5)} MB`,
      t === undefined ? '     -   ' : t.testAccuracy.toFixed(4).padStart(9),
      cell(t?.samplesPerSecond, 7),
      cell(t?.samplesPerCpuSecond, 9),
      `${cell(t?.peakRssMb, 6)} MB`,
      t === undefined ? '   -' : (k.samplesPerSecond / t.samplesPerSecond).toFixed(2).padStart(6),
      t === undefined
        ? '   -'
        : (k.samplesPerCpuSecond / t.samplesPerCpuSecond).toFixed(2).padStart(9),
    ].join('  '),
  );
}
const summary = {
  network: `784-${hidden}-10`,
  epochs,
  batchSize: 64,
  seeds: kilnRuns.length,
  torchEpochs,
  kilnMedianTestAccuracy: median(kilnRuns.map((r) => r.testAccuracy)),
  kilnMedianInt8TestAccuracy: median(kilnRuns.map((r) => r.int8TestAccuracy ?? NaN)),
  int8DropsPp: kilnRuns.map((r) =>
    Number((100 * (r.testAccuracy - (r.int8TestAccuracy ?? NaN))).toFixed(2)),
  ),
  medianInt8DropPp: Number(
    median(kilnRuns.map((r) => 100 * (r.testAccuracy - (r.int8TestAccuracy ?? NaN)))).toFixed(2),
  ),
  kilnMedianSamplesPerSecond: Math.round(median(kilnRuns.map((r) => r.samplesPerSecond))),
  kilnPeakRssMb: Math.max(...kilnRuns.map((r) => r.peakRssMb)),
  kilnRssAfterLoadMb: rssAfterLoad,
  torchMedianTestAccuracy:
    torchRuns.length > 0 ? median(torchRuns.map((r) => r.testAccuracy)) : null,
  torchMedianSamplesPerSecond:
    torchRuns.length > 0 ? Math.round(median(torchRuns.map((r) => r.samplesPerSecond))) : null,
  torchPeakRssMb: torchRuns.length > 0 ? Math.max(...torchRuns.map((r) => r.peakRssMb)) : null,
  speedRatios: kilnRuns.flatMap((k, i) => {
    const t = torchRuns[i];
    return t === undefined ? [] : [Number((k.samplesPerSecond / t.samplesPerSecond).toFixed(2))];
  }),
  cpuSpeedRatios: kilnRuns.flatMap((k, i) => {
    const t = torchRuns[i];
    return t === undefined
      ? []
      : [Number((k.samplesPerCpuSecond / t.samplesPerCpuSecond).toFixed(2))];
  }),
};
console.log(JSON.stringify(summary));
writeResult(`fashion-mnist-${epochs}-epochs`, { ...summary, kilnRuns, torchRuns });
