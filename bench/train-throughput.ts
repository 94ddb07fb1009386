// Training throughput on digits (1,437 training rows, the reference split), in samples per
// second over a training epoch, median of 5 epochs, best of 6 rounds: the protocol of the PyTorch
// 1.13 CPU figures in ../shared/refs/README.md, which the table repeats. Wall-clock rates are
// the figures to compare; rates per CPU-second (process.cpuUsage) are shown too, since they are
// steadier when the machine is shared (run on a quiet machine for figures to quote).
//
//   npx tsx bench/train-throughput.ts [--rounds 6] [--epochs 5] [--only 64-128-10]
import { parseArgs } from 'node:util';
import { loadDataset } from '../src/training/data/datasets.js';
import type { Precision } from '../src/training/kernels/dense-kernels.js';
import { TrainingSession } from '../src/training/training-session.js';
import { median, writeResult } from './results.js';

interface Case {
  hidden: number[];
  batchSize: number;
  optimizer: 'adam' | 'momentum';
  /** PyTorch 1.13 CPU samples/s: float32 1 thread, float32 2 threads, float64 1 thread. */
  pytorch: { float32: number; float32TwoThreads: number; float64: number };
}

const CASES: Case[] = [
  {
    hidden: [32],
    batchSize: 32,
    optimizer: 'adam',
    pytorch: { float32: 122e3, float32TwoThreads: 119e3, float64: 124e3 },
  },
  {
    hidden: [128],
    batchSize: 32,
    optimizer: 'adam',
    pytorch: { float32: 99e3, float32TwoThreads: 91e3, float64: 87e3 },
  },
  {
    hidden: [128],
    batchSize: 32,
    optimizer: 'momentum',
    pytorch: { float32: 144e3, float32TwoThreads: 140e3, float64: 120e3 },
  },
  {
    hidden: [128],
    batchSize: 128,
    optimizer: 'adam',
    pytorch: { float32: 233e3, float32TwoThreads: 219e3, float64: 173e3 },
  },
  {
    hidden: [256, 256],
    batchSize: 32,
    optimizer: 'adam',
    pytorch: { float32: 28e3, float32TwoThreads: 20e3, float64: 15e3 },
  },
  {
    hidden: [256, 256],
    batchSize: 128,
    optimizer: 'adam',
    pytorch: { float32: 47e3, float32TwoThreads: 42e3, float64: 24e3 },
  },
];

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    epochs: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const epochs = Number(args.epochs);
const digits = loadDataset('digits');

/** Best-of-rounds median epoch rate, wall and CPU, for one network. */
function measure(c: Case, precision: Precision): { wall: number; cpu: number } {
  let bestWall = 0;
  let bestCpu = 0;
  for (let round = 0; round < rounds; round++) {
    const session = new TrainingSession(digits, {
      model: { hidden: c.hidden },
      optimizer: { type: c.optimizer, learningRate: c.optimizer === 'adam' ? 0.001 : 0.01 },
      batchSize: c.batchSize,
      epochs: epochs + 1,
      precision,
      seed: round,
    });
    session.runEpoch(); // warm-up: compilation and first-touch of memory
    const wall: number[] = [];
    const cpu: number[] = [];
    const samples = session.split.train.length;
    while (!session.done) {
      const since = process.cpuUsage();
      const start = performance.now();
      session.runEpoch();
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(since);
      wall.push(samples / seconds);
      cpu.push(samples / ((used.user + used.system) / 1e6));
    }
    bestWall = Math.max(bestWall, median(wall));
    bestCpu = Math.max(bestCpu, median(cpu));
  }
  return { wall: bestWall, cpu: bestCpu };
}

const k = (v: number): string => `${(v / 1000).toFixed(0)}k`;
const rows: Record<string, unknown>[] = [];
console.log('network        batch optimizer precision  kiln/s  per CPU-s  PyTorch 1 thread  ratio');
for (const c of CASES) {
  const network = [64, ...c.hidden, 10].join('-');
  if (args.only !== undefined && args.only !== network) continue;
  for (const precision of ['float32', 'float64'] as const) {
    const rate = measure(c, precision);
    const reference = precision === 'float32' ? c.pytorch.float32 : c.pytorch.float64;
    rows.push({
      network,
      batchSize: c.batchSize,
      optimizer: c.optimizer,
      precision,
      samplesPerSecond: Math.round(rate.wall),
      samplesPerCpuSecond: Math.round(rate.cpu),
      pytorchSamplesPerSecond: reference,
      ratio: Number((rate.wall / reference).toFixed(2)),
    });
    console.log(
      `${network.padEnd(14)} ${String(c.batchSize).padStart(5)} ${c.optimizer.padEnd(9)} ${precision.padEnd(9)} ${k(rate.wall).padStart(7)} ${k(rate.cpu).padStart(10)} ${k(reference).padStart(17)} ${(rate.wall / reference).toFixed(2).padStart(6)}`,
    );
  }
}
writeResult('train-throughput', { rounds, epochsPerRound: epochs, rows });
